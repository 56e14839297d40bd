import { addDaysToCalendarDay, assertCalendarDay, CalendarDay, calendarDaysBetween } from './calendar-day';
import { CountTable } from './suppression';

/**
 * Percentiles use linear interpolation between closest ranks: for n sorted values x[0..n-1] and a fraction
 * p, take h = (n - 1) * p and return x[⌊h⌋] + (h - ⌊h⌋) * (x[⌈h⌉] - x[⌊h⌋]). This is Hyndman & Fan's
 * definition 7 — the one in PostgreSQL's `percentile_cont`, Excel's PERCENTILE.INC and numpy's default —
 * so a figure computed here and one computed in SQL agree. The median is its p = 0.5 (the mean of the two
 * middle values for an even count). Results are rounded to 6 decimal places to drop floating-point noise
 * such as 6.300000000000001.
 */
export function percentileOf(values: readonly number[], fraction: number): number | null {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`percentile fraction must be within 0..1, got ${fraction}`);
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`percentile of a non-finite value: ${value}`);
  }
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * fraction;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  const value = sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
  return Math.round(value * 1e6) / 1e6;
}

/** Median by the same convention as {@link percentileOf}; `null` for no values. */
export function medianOf(values: readonly number[]): number | null {
  return percentileOf(values, 0.5);
}

/** 90th percentile by the convention of {@link percentileOf}; `null` for no values. */
export function p90Of(values: readonly number[]): number | null {
  return percentileOf(values, 0.9);
}

/** The category a record with no value is counted under (e.g. nationality not recorded). */
export const UNKNOWN_CATEGORY = 'unknown';

/**
 * Counts of items per key. `knownKeys` are always present (0 when nothing falls in them) and come first in
 * their given order, so a report shows "children: 0" rather than leaving the row out; any other key
 * follows in alphabetical order, and {@link UNKNOWN_CATEGORY} last (unless it is a known key). A missing key (null, undefined, empty) counts under {@link UNKNOWN_CATEGORY}.
 */
export function countsBy<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string | null | undefined,
  knownKeys: readonly string[] = [],
): Map<string, number> {
  const seen = new Map<string, number>();
  for (const item of items) {
    const raw = keyOf(item);
    const key = raw === null || raw === undefined || raw === '' ? UNKNOWN_CATEGORY : raw;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const key of knownKeys) counts.set(key, seen.get(key) ?? 0);
  const others = [...seen.keys()].filter((k) => !counts.has(k) && k !== UNKNOWN_CATEGORY);
  for (const key of others.sort((a, b) => a.localeCompare(b, 'en-GB'))) counts.set(key, seen.get(key)!);
  if (seen.has(UNKNOWN_CATEGORY) && !counts.has(UNKNOWN_CATEGORY)) counts.set(UNKNOWN_CATEGORY, seen.get(UNKNOWN_CATEGORY)!);
  return counts;
}

export interface DurationSummary {
  count: number;
  median: number | null;
  p90: number | null;
  /** The policy target in days, when one applies (e.g. 5 working days for a Reasonable Grounds decision). */
  targetDays: number | null;
  /** How many durations were at or under the target (`null` without a target). */
  withinTarget: number | null;
}

/**
 * Median and p90 of durations against a policy target. The durations and the target must be in the same
 * unit: working days for referral to Reasonable Grounds decision (target 5 working days, counted with the
 * pathway's working-day calendar), calendar days otherwise (see {@link calendarDaysBetween}). A duration
 * equal to the target counts as within it: a decision on the target day is on time.
 */
export function summariseDurations(days: readonly number[], targetDays: number | null = null): DurationSummary {
  return {
    count: days.length,
    median: medianOf(days),
    p90: p90Of(days),
    targetDays,
    withinTarget: targetDays === null ? null : days.filter((d) => d <= targetDays).length,
  };
}

export interface Stay {
  /** Day of arrival: the first night spent. */
  from: CalendarDay;
  /** Day of departure (that night is not spent), or null while the stay goes on. */
  until: CalendarDay | null;
}

export interface ReportingPeriod {
  /** First day of the period. */
  from: CalendarDay;
  /** Last day of the period, included. */
  to: CalendarDay;
}

/**
 * Nights of a stay that fall in a reporting period. A night belongs to the day it starts on, like a hotel
 * night: arriving on 1 March and leaving on 4 March is 3 nights (1st, 2nd, 3rd). An ongoing stay counts up
 * to the period's last night.
 */
export function nightsInPeriod(stay: Stay, period: ReportingPeriod): number {
  assertCalendarDay(stay.from);
  if (stay.until !== null) assertCalendarDay(stay.until);
  assertCalendarDay(period.from);
  assertCalendarDay(period.to);
  const periodEnd = addDaysToCalendarDay(period.to, 1);
  const first = stay.from > period.from ? stay.from : period.from;
  const end = stay.until === null || stay.until > periodEnd ? periodEnd : stay.until;
  return Math.max(0, calendarDaysBetween(first, end));
}

export interface CountTableSpec<T> {
  table: string;
  rowDimension: string;
  rowOf: (item: T) => string | null | undefined;
  /** Categories always shown, in order (e.g. every triage outcome); others found follow alphabetically. */
  rows?: readonly string[];
  columnDimension?: string;
  columnOf?: (item: T) => string | null | undefined;
  columns?: readonly string[];
}

/**
 * Counts items into a one- or two-dimension {@link CountTable} ready for suppression, with categories
 * ordered as {@link countsBy} orders them. Each item lands in exactly one cell, so the table's totals are
 * sums — what secondary suppression relies on.
 */
export function countTable<T>(items: readonly T[], spec: CountTableSpec<T>): CountTable {
  const rows = [...countsBy(items, spec.rowOf, spec.rows).keys()];
  const key = (raw: string | null | undefined) => (raw === null || raw === undefined || raw === '' ? UNKNOWN_CATEGORY : raw);
  if (spec.columnOf === undefined || spec.columnDimension === undefined) {
    if (spec.columnOf !== undefined || spec.columnDimension !== undefined) {
      throw new RangeError(`${spec.table}: columnOf and columnDimension go together`);
    }
    const counts = countsBy(items, spec.rowOf, spec.rows);
    return { table: spec.table, rowDimension: spec.rowDimension, rows, counts: rows.map((r) => [counts.get(r)!]) };
  }
  const columnOf = spec.columnOf;
  const columns = [...countsBy(items, columnOf, spec.columns).keys()];
  const counts = rows.map(() => columns.map(() => 0));
  for (const item of items) counts[rows.indexOf(key(spec.rowOf(item)))][columns.indexOf(key(columnOf(item)))] += 1;
  return { table: spec.table, rowDimension: spec.rowDimension, rows, columnDimension: spec.columnDimension, columns, counts };
}

/** A count already aggregated (by SQL `group by`): `n` items fall in `row` (× `column`). */
export interface CountGroup {
  row: string | null | undefined;
  column?: string | null | undefined;
  n: number;
}

export type GroupedTableSpec = Pick<CountTableSpec<unknown>, 'table' | 'rowDimension' | 'rows' | 'columnDimension' | 'columns'>;

/**
 * {@link countTable} for counts the database has already grouped: the same category order (known ones
 * first, others alphabetically, `unknown` last) and the same one-cell-per-item shape, without sending one
 * row per person out of the database. Groups falling in the same cell are added up.
 */
export function countTableOfGroups(groups: readonly CountGroup[], spec: GroupedTableSpec): CountTable {
  for (const g of groups) {
    if (!Number.isInteger(g.n) || g.n < 0) throw new RangeError(`${spec.table}: a count must be a whole number ≥ 0, got ${g.n}`);
  }
  const key = (raw: string | null | undefined) => (raw === null || raw === undefined || raw === '' ? UNKNOWN_CATEGORY : raw);
  const order = (keyOf: (g: CountGroup) => string | null | undefined, known: readonly string[] = []) =>
    [...countsBy(groups.filter((g) => g.n > 0), keyOf, known).keys()];
  const rows = order((g) => g.row, spec.rows);
  if (spec.columnDimension === undefined) {
    const counts = rows.map(() => [0]);
    for (const g of groups) if (g.n > 0) counts[rows.indexOf(key(g.row))][0] += g.n;
    return { table: spec.table, rowDimension: spec.rowDimension, rows, counts };
  }
  const columns = order((g) => g.column, spec.columns);
  const counts = rows.map(() => columns.map(() => 0));
  for (const g of groups) {
    if (g.n === 0) continue;
    counts[rows.indexOf(key(g.row))][columns.indexOf(key(g.column))] += g.n;
  }
  return { table: spec.table, rowDimension: spec.rowDimension, rows, columnDimension: spec.columnDimension, columns, counts };
}
