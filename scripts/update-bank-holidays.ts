/**
 * Refreshes the bank-holiday data used for working days from a downloaded copy of the gov.uk feed:
 *
 *   curl -sSo /tmp/bank-holidays.json https://www.gov.uk/bank-holidays.json
 *   npm run bank-holidays:update -- /tmp/bank-holidays.json
 *
 * The file is validated first (nothing is written if it is wrong). By default it is merged: the new
 * file is authoritative for every year it lists, and years it does not list are kept (the gov.uk feed
 * only spans a few years). `--replace` writes the new file as it is. `--data <path>` writes somewhere
 * other than libs/domain/data/bank-holidays.json (used by the tests).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BankHolidayFeed,
  ENGLAND_AND_WALES,
  mergeBankHolidayFeeds,
  parseBankHolidayFeed,
} from '../libs/domain/src/pathway/bank-holidays';

const DEFAULT_DATA = resolve(__dirname, '..', 'libs', 'domain', 'data', 'bank-holidays.json');

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function summary(feed: BankHolidayFeed): string {
  return Object.values(feed)
    .map((d) => {
      const years = [...new Set(d.events.map((e) => e.date.slice(0, 4)))];
      return `${d.division}: ${d.events.length} holidays, ${years[0]}-${years[years.length - 1]}`;
    })
    .join('; ');
}

export function run(argv: string[], log: (line: string) => void = console.log): number {
  const args = [...argv];
  const replace = args.includes('--replace');
  const dataAt = args.indexOf('--data');
  const dataPath = dataAt >= 0 ? resolve(args[dataAt + 1] ?? '') : DEFAULT_DATA;
  const inputs = args.filter((a, i) => !a.startsWith('--') && (dataAt < 0 || i !== dataAt + 1));
  if (inputs.length !== 1) {
    log('usage: npm run bank-holidays:update -- <downloaded bank-holidays.json> [--replace] [--data <path>]');
    return 2;
  }
  let incoming: unknown;
  try {
    incoming = readJson(resolve(inputs[0]));
  } catch (e) {
    log(`cannot read ${inputs[0]}: ${(e as Error).message}`);
    return 1;
  }
  const parsed = parseBankHolidayFeed(incoming);
  if (!parsed.ok) {
    log(`${inputs[0]} is not a valid bank-holidays feed; nothing was written:`);
    parsed.errors.forEach((e) => log(`  - ${e}`));
    return 1;
  }
  let next = parsed.feed;
  if (!replace && existsSync(dataPath)) {
    const current = parseBankHolidayFeed(readJson(dataPath));
    if (!current.ok) {
      log(`the current data ${dataPath} is invalid, so it cannot be merged; use --replace:`);
      current.errors.forEach((e) => log(`  - ${e}`));
      return 1;
    }
    next = mergeBankHolidayFeeds(current.feed, parsed.feed);
  }
  // England and Wales first, then the other divisions, as gov.uk orders them.
  const ordered: BankHolidayFeed = {};
  for (const key of [ENGLAND_AND_WALES, ...Object.keys(next).filter((k) => k !== ENGLAND_AND_WALES).sort()]) {
    if (next[key]) ordered[key] = next[key];
  }
  writeFileSync(dataPath, JSON.stringify(ordered, null, 2) + '\n');
  log(`wrote ${dataPath} (${replace ? 'replaced' : 'merged'}): ${summary(ordered)}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
