import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { PublishedCount, PublishedTable, primaryLabel, SuppressionPolicy } from './suppression';

/**
 * The aggregate export: every published figure as one row `{ table, measure, dimensions, value }` in "long"
 * form, so that tables of any shape share one CSV a partner can filter in a spreadsheet, and one JSON
 * document. Rows only ever hold category names, counts (already suppressed) and statistics: the export is
 * built from aggregates, never from people.
 */
export interface AggregateRow {
  /** Stable machine name of the table, e.g. `potential_victims_by_age_group_and_sex`. */
  table: string;
  /** What `value` measures: `count` (default), `median_days`, `p90_days`, `cost_pence`, ... */
  measure?: string;
  /** Category per dimension, in order, e.g. `{ age_group: 'adult', sex: 'female' }`; `total` on margins. */
  dimensions: Readonly<Record<string, string>>;
  /** The figure, a suppression label (`<5`, `[c]`), or null when there is nothing to measure. */
  value: PublishedCount | null;
}

/** Category of a row or column total. */
export const TOTAL_CATEGORY = 'total';

/** One row per published cell, then the row totals, the column totals and the grand total. */
export function aggregateRowsOf(published: PublishedTable, measure = 'count'): AggregateRow[] {
  const { table, rowDimension, rows, columnDimension, columns } = published;
  const row = (dimensions: Record<string, string>, value: PublishedCount): AggregateRow => ({
    table,
    measure,
    dimensions,
    value,
  });
  if (columnDimension === undefined || columns === undefined) {
    return [
      ...rows.map((r, i) => row({ [rowDimension]: r }, published.cells[i][0])),
      row({ [rowDimension]: TOTAL_CATEGORY }, published.total),
    ];
  }
  return [
    ...rows.flatMap((r, i) => columns.map((c, j) => row({ [rowDimension]: r, [columnDimension]: c }, published.cells[i][j]))),
    ...rows.map((r, i) => row({ [rowDimension]: r, [columnDimension]: TOTAL_CATEGORY }, published.rowTotals![i])),
    ...columns.map((c, j) => row({ [rowDimension]: TOTAL_CATEGORY, [columnDimension]: c }, published.columnTotals![j])),
    row({ [rowDimension]: TOTAL_CATEGORY, [columnDimension]: TOTAL_CATEGORY }, published.total),
  ];
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a formula; a category
 * typed by a user (a nationality, say) must not become one when a partner opens the file. OWASP's advice:
 * prefix such text with a single quote. Numbers are written as numbers and never prefixed.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * CSV with a header: `table, measure, dimension_1, category_1, …, dimension_k, category_k, value`, k being
 * the most dimensions any row has (rows with fewer leave the rest empty). RFC 4180 quoting, `\n` line ends.
 */
export function aggregateCsv(rows: readonly AggregateRow[]): string {
  const width = rows.reduce((max, r) => Math.max(max, Object.keys(r.dimensions).length), 0);
  const header = ['table', 'measure'];
  for (let k = 1; k <= width; k++) header.push(`dimension_${k}`, `category_${k}`);
  header.push('value');
  const records = rows.map((r) => {
    const entries = Object.entries(r.dimensions);
    const record: (string | number)[] = [spreadsheetSafe(r.table), spreadsheetSafe(r.measure ?? 'count')];
    for (let k = 0; k < width; k++) {
      record.push(entries[k] ? spreadsheetSafe(entries[k][0]) : '', entries[k] ? spreadsheetSafe(entries[k][1]) : '');
    }
    record.push(r.value === null ? '' : typeof r.value === 'number' ? r.value : spreadsheetSafe(r.value));
    return record;
  });
  return stringify([header, ...records], { record_delimiter: 'unix' });
}

export interface AggregateJson {
  /** What the figures cover: period, local authority code, operation — never anything about a person. */
  filters: Record<string, string | null>;
  suppression: { threshold: number; primaryLabel: string; secondaryLabel: string };
  rows: AggregateRow[];
}

/** The JSON export: the same rows as the CSV, with the filters and the suppression rule that produced them. */
export function aggregateJson(
  rows: readonly AggregateRow[],
  filters: Record<string, string | null>,
  policy: SuppressionPolicy,
): AggregateJson {
  return {
    filters: { ...filters },
    suppression: { threshold: policy.threshold, primaryLabel: primaryLabel(policy), secondaryLabel: policy.secondaryLabel },
    rows: rows.map((r) => ({ table: r.table, measure: r.measure ?? 'count', dimensions: { ...r.dimensions }, value: r.value })),
  };
}

/** Every cell of a CSV export, header included, for {@link findPersonalData}. */
export function csvCells(csv: string): string[] {
  const records: string[][] = parse(csv, { relax_column_count: true });
  return records.flat();
}

/** Every key and every scalar value of a JSON export (parsed or text), however deeply nested. */
export function jsonCells(document: unknown): string[] {
  const value = typeof document === 'string' ? (JSON.parse(document) as unknown) : document;
  const cells: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object') {
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        cells.push(key);
        walk(child);
      }
    } else cells.push(String(node));
  };
  walk(value);
  return cells;
}

export interface PersonalDataHit {
  /** The exported cell, as exported. */
  cell: string;
  /** The forbidden string found in it, as given. */
  forbidden: string;
}

/**
 * Lower case, and every run of characters other than letters and digits made one space: "1 High St," and
 * "1 high st" compare equal, as do "RAV-007" and "rav 007".
 */
function normalised(text: string): string {
  return ` ${text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/**
 * Reports every exported cell containing a forbidden string (a name, a date of birth, a reference, an
 * address), compared without case, accents or punctuation, as whole words: "Ana" is found in "ana lopez"
 * but not in "Ghana". Empty forbidden strings are ignored. An empty result is the proof the export test
 * asserts; the hits name what leaked.
 */
export function findPersonalData(cells: Iterable<unknown>, forbidden: Iterable<string>): PersonalDataHit[] {
  const needles = [...forbidden].map((f) => ({ forbidden: f, needle: normalised(f) })).filter((n) => n.needle.trim() !== '');
  const hits: PersonalDataHit[] = [];
  for (const raw of cells) {
    if (raw === null || raw === undefined) continue;
    const cell = String(raw);
    const haystack = normalised(cell);
    for (const { forbidden: f, needle } of needles) {
      if (haystack.includes(needle)) hits.push({ cell, forbidden: f });
    }
  }
  return hits;
}

/**
 * The ways a date of birth might be written in a leak, for the forbidden list: ISO, UK day/month/year with
 * and without leading zeros and with / - . separators, compact, and "4 March 1990" / "4 Mar 1990".
 */
export function dateOfBirthSpellings(dateOfBirth: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) throw new RangeError(`date of birth must be YYYY-MM-DD, got ${JSON.stringify(dateOfBirth)}`);
  const [, y, m, d] = match;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const month = months[Number(m) - 1];
  if (!month) throw new RangeError(`no month ${m} in ${dateOfBirth}`);
  const day = String(Number(d));
  const monthNumber = String(Number(m));
  return [
    `${y}-${m}-${d}`,
    `${d}/${m}/${y}`,
    `${day}/${monthNumber}/${y}`,
    `${y}${m}${d}`,
    `${d}${m}${y}`,
    `${day} ${month} ${y}`,
    `${day} ${month.slice(0, 3)} ${y}`,
  ];
}
