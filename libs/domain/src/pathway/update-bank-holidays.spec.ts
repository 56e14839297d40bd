import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../../../scripts/update-bank-holidays';

// The refresh command writes to a file given by --data here, never to the shipped data file.
const ROOT = resolve(__dirname, '../../../..');
const ev = (date: string, title = 'Holiday', notes = '') => ({ title, date, notes, bunting: true });
const feed = (events: object[], more: object = {}) => ({ 'england-and-wales': { division: 'england-and-wales', events }, ...more });

describe('npm run bank-holidays:update', () => {
  let dir: string;
  let data: string;
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const read = () => JSON.parse(readFileSync(data, 'utf8'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bank-holidays-'));
    data = write('current.json', feed([ev('2024-01-01'), ev('2025-01-01'), ev('2028-01-03')]));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the documented command merges a downloaded gov.uk feed into the data file', () => {
    const download = write('download.json', feed([ev('2025-01-01', 'New Year’s Day'), ev('2026-01-01')], { scotland: { division: 'scotland', events: [ev('2026-01-02')] } }));
    const result = spawnSync('npm', ['run', '-s', 'bank-holidays:update', '--', download, '--data', data], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/merged.*england-and-wales: 4 holidays, 2024-2028; scotland: 1 holidays, 2026-2026/);
    expect(read()).toEqual(
      feed([ev('2024-01-01'), ev('2025-01-01', 'New Year’s Day'), ev('2026-01-01'), ev('2028-01-03')], {
        scotland: { division: 'scotland', events: [ev('2026-01-02')] },
      }),
    );
  }, 30_000);

  it('--replace writes the downloaded feed as it is', () => {
    const download = write('download.json', feed([ev('2026-01-01')]));
    expect(run([download, '--replace', '--data', data], () => undefined)).toBe(0);
    expect(read()).toEqual(feed([ev('2026-01-01')]));
  });

  const refused: Array<{ scenario: string; content: unknown; message: RegExp }> = [
    { scenario: 'a file that is not JSON', content: '<html>Bank holidays</html>', message: /not valid JSON/ },
    { scenario: 'a feed without England and Wales', content: { scotland: { division: 'scotland', events: [] } }, message: /"england-and-wales" division is missing/ },
    { scenario: 'a feed with a weekend holiday', content: feed([ev('2027-12-25')]), message: /weekend/ },
  ];
  it.each(refused)('$scenario is refused and the data file is left untouched', ({ content, message }) => {
    const before = readFileSync(data, 'utf8');
    const lines: string[] = [];
    expect(run([write('download.json', content), '--data', data], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(message);
    expect(readFileSync(data, 'utf8')).toBe(before);
  });

  it('without a file it prints the usage', () => {
    const lines: string[] = [];
    expect(run([], (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/usage: npm run bank-holidays:update -- <downloaded bank-holidays.json>/);
  });
});
