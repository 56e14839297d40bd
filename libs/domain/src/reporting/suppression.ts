/**
 * Small-number suppression, so an aggregate shared with the Home Office or a partner cannot identify a person.
 *
 * Primary suppression: a count from 1 to `threshold - 1` (1..4 by default) is published as `<5`; 0 stays 0
 * (knowing that nobody fell in a category identifies nobody).
 *
 * Secondary (complementary) suppression: a published total is a linear equation, total = sum of its parts.
 * If exactly one term of such an equation is hidden, subtraction recovers it. So, until no published
 * equation has exactly one hidden term, we hide one more term of each such equation: the smallest non-zero
 * part still published (ties: the first in row/column order), or the total itself when no part qualifies.
 * A cell hidden this way is published as `[c]` ("confidential"), never as `<5`, because its value may well
 * be 5 or more. We prefer hiding a cell to hiding the total because the totals ("how many potential
 * victims") are the figures councils most need to share. The equations are every row total, every column
 * total and the grand total (both as the sum of the row totals and of the column totals), so a hidden row
 * total cannot be rebuilt from the grand total either.
 *
 * This is the usual cell-suppression heuristic of official statistics (one unknown per equation is never
 * left); it does not solve the full linear-programming audit that could narrow a hidden cell to a range
 * through several equations at once. Tables here are small (a handful of rows and columns), where that
 * residual risk is the accepted practice. Totals must be additive (each person counted in exactly one cell):
 * a table where one person can fall in two categories must not be given totals.
 */
export interface SuppressionPolicy {
  /** Counts from 1 up to `threshold - 1` are suppressed; 5 gives the usual "1 to 4 shown as <5". */
  threshold: number;
  /** Published in place of a cell hidden only to protect another (secondary suppression). */
  secondaryLabel: string;
}

export const DEFAULT_SUPPRESSION_POLICY: Readonly<SuppressionPolicy> = Object.freeze({
  threshold: 5,
  secondaryLabel: '[c]',
});

/** A published figure: the count itself, or the label standing for a hidden one. */
export type PublishedCount = number | string;

export type SuppressionReason = 'primary' | 'secondary';

function assertPolicy(policy: SuppressionPolicy): void {
  if (!Number.isInteger(policy.threshold) || policy.threshold < 1) {
    throw new RangeError(`suppression threshold must be a whole number of at least 1, got ${policy.threshold}`);
  }
  if (!policy.secondaryLabel) throw new RangeError('suppression needs a secondary label');
}

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${count}`);
}

/** The label a small count is published as: `<5` for the default threshold. */
export function primaryLabel(policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY): string {
  return `<${policy.threshold}`;
}

/** Whether a count is small enough to be hidden on its own account (1..threshold-1). */
export function isSmallCount(count: number, policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY): boolean {
  assertCount(count);
  return count > 0 && count < policy.threshold;
}

/** Primary suppression of one count: 0 stays 0, 1..threshold-1 becomes `<threshold`, others are unchanged. */
export function suppressCount(count: number, policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY): PublishedCount {
  assertPolicy(policy);
  return isSmallCount(count, policy) ? primaryLabel(policy) : count;
}

/**
 * A statistic drawn from `basedOn` people (a median, a p90, a cost per person) is hidden as `[c]` when
 * 1..threshold-1 people lie behind it: a median of two durations all but gives both away. `null` (nothing to
 * summarise) stays null.
 */
export function suppressStatistic(
  value: number | null,
  basedOn: number,
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): number | string | null {
  assertPolicy(policy);
  if (value === null) return null;
  return isSmallCount(basedOn, policy) ? policy.secondaryLabel : value;
}

/** `total` (an index into the values) equals the sum of `parts` (indices). */
export interface AdditiveEquation {
  total: number;
  parts: readonly number[];
}

export interface CellSuppression {
  published: PublishedCount[];
  /** Why each value is hidden, or null when it is published as is. */
  reasons: (SuppressionReason | null)[];
}

/**
 * Primary and secondary suppression over any set of counts tied by additive equations (see the module
 * comment). Deterministic: the same input always hides the same cells.
 */
export function suppressCells(
  values: readonly number[],
  equations: readonly AdditiveEquation[],
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): CellSuppression {
  assertPolicy(policy);
  assertEquations(values, equations);
  const reasons = withSecondary(values, values.map((v) => (isSmallCount(v, policy) ? 'primary' : null)), equations);
  return {
    published: values.map((v, i) =>
      reasons[i] === 'primary' ? primaryLabel(policy) : reasons[i] === 'secondary' ? policy.secondaryLabel : v,
    ),
    reasons,
  };
}

/**
 * Suppression of measures that are not head counts — nights, pounds — tied by the same kind of equations.
 * A measure is hidden on its own account when 1..threshold-1 people lie behind it (`basedOn`, as
 * {@link suppressStatistic}): "3 nights in a refuge" tells that at most three people stayed there. Then
 * secondary suppression as for counts, so no hidden measure is recovered by subtraction. Every hidden
 * measure is published as the secondary label (`[c]`): its value says nothing about how small the group is.
 */
export function suppressMeasures(
  values: readonly number[],
  basedOn: readonly number[],
  equations: readonly AdditiveEquation[],
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): CellSuppression {
  assertPolicy(policy);
  assertEquations(values, equations);
  if (basedOn.length !== values.length) throw new RangeError(`${values.length} measures but ${basedOn.length} head counts`);
  basedOn.forEach(assertCount);
  const reasons = withSecondary(values, basedOn.map((n) => (isSmallCount(n, policy) ? 'primary' : null)), equations);
  return { published: values.map((v, i) => (reasons[i] === null ? v : policy.secondaryLabel)), reasons };
}

function assertEquations(values: readonly number[], equations: readonly AdditiveEquation[]): void {
  values.forEach(assertCount);
  for (const { total, parts } of equations) {
    for (const index of [total, ...parts]) {
      if (!Number.isInteger(index) || index < 0 || index >= values.length) throw new RangeError(`no value at ${index}`);
    }
    const sum = parts.reduce((acc, i) => acc + values[i], 0);
    if (sum !== values[total]) throw new RangeError(`total at ${total} is ${values[total]} but its parts add up to ${sum}`);
  }
}

/** Secondary suppression: until no equation has exactly one hidden term, hide one more term of each. */
function withSecondary(
  values: readonly number[],
  primary: readonly (SuppressionReason | null)[],
  equations: readonly AdditiveEquation[],
): (SuppressionReason | null)[] {
  const reasons = [...primary];
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, parts } of equations) {
      const hidden = [total, ...parts].filter((i) => reasons[i] !== null).length;
      if (hidden !== 1) continue;
      let complement: number | null = null;
      for (const i of parts) {
        if (reasons[i] === null && values[i] > 0 && (complement === null || values[i] < values[complement])) complement = i;
      }
      // Every hidden count is > 0, so a hidden total always leaves a non-zero published part; the total is
      // the fallback when the hidden term is a part and the other parts are zeros (or, for a measure, when
      // a hidden total's parts are all zero: hiding the total then is what keeps the zeros honest).
      if (complement === null && reasons[total] === null) complement = total;
      if (complement === null) {
        const zeroPart = parts.find((i) => reasons[i] === null);
        if (zeroPart === undefined) continue;
        complement = zeroPart;
      }
      reasons[complement] = 'secondary';
      changed = true;
    }
  }
  return reasons;
}

/**
 * Counts by one dimension (`columns` omitted: one count per row) or by two (rows × columns). Each person is
 * counted in exactly one cell, so the totals are sums.
 */
export interface CountTable {
  /** Stable machine name, e.g. `potential_victims_by_age_group_and_sex`. */
  table: string;
  rowDimension: string;
  rows: readonly string[];
  columnDimension?: string;
  columns?: readonly string[];
  /** `counts[row][column]`; a one-dimension table has one column. */
  counts: readonly (readonly number[])[];
}

export interface PublishedTable {
  table: string;
  rowDimension: string;
  rows: string[];
  columnDimension?: string;
  columns?: string[];
  cells: PublishedCount[][];
  /** Per row; present for two-dimension tables only. */
  rowTotals?: PublishedCount[];
  /** Per column; present for two-dimension tables only. */
  columnTotals?: PublishedCount[];
  total: PublishedCount;
  /** Cells hidden to protect others, for a footnote ("[c]: hidden so that a small count cannot be worked out"). */
  secondarySuppressed: number;
}

interface TableLayout {
  values: number[];
  equations: AdditiveEquation[];
  width: number;
  twoDimensions: boolean;
  cellIndex(r: number, c: number): number;
  rowTotalIndex: number[];
  columnTotalIndex: number[];
  totalIndex: number;
}

/** The cells, then row totals, column totals and grand total as one list of values, with their equations. */
function layoutTable(table: Pick<CountTable, 'table' | 'rows' | 'columnDimension' | 'columns' | 'counts'>): TableLayout {
  const twoDimensions = table.columns !== undefined;
  if (twoDimensions !== (table.columnDimension !== undefined)) {
    throw new RangeError(`${table.table}: columns and columnDimension go together`);
  }
  const width = twoDimensions ? table.columns!.length : 1;
  if (table.counts.length !== table.rows.length || table.counts.some((row) => row.length !== width)) {
    throw new RangeError(`${table.table}: counts must be ${table.rows.length} rows of ${width}`);
  }

  const values: number[] = table.counts.flatMap((row) => [...row]);
  const cellIndex = (r: number, c: number) => r * width + c;
  const equations: AdditiveEquation[] = [];
  const push = (value: number) => values.push(value) - 1;

  let rowTotalIndex: number[] = [];
  let columnTotalIndex: number[] = [];
  let totalIndex: number;
  const columnIndices = Array.from({ length: width }, (_, c) => c);
  const rowIndices = table.rows.map((_, r) => r);
  if (twoDimensions) {
    rowTotalIndex = rowIndices.map((r) => {
      const parts = columnIndices.map((c) => cellIndex(r, c));
      const index = push(parts.reduce((a, i) => a + values[i], 0));
      equations.push({ total: index, parts });
      return index;
    });
    columnTotalIndex = columnIndices.map((c) => {
      const parts = rowIndices.map((r) => cellIndex(r, c));
      const index = push(parts.reduce((a, i) => a + values[i], 0));
      equations.push({ total: index, parts });
      return index;
    });
    totalIndex = push(rowTotalIndex.reduce((a, i) => a + values[i], 0));
    equations.push({ total: totalIndex, parts: rowTotalIndex }, { total: totalIndex, parts: columnTotalIndex });
  } else {
    const parts = rowIndices.map((r) => cellIndex(r, 0));
    totalIndex = push(parts.reduce((a, i) => a + values[i], 0));
    equations.push({ total: totalIndex, parts });
  }
  return { values, equations, width, twoDimensions, cellIndex, rowTotalIndex, columnTotalIndex, totalIndex };
}

function publish(
  table: Pick<CountTable, 'table' | 'rowDimension' | 'rows' | 'columnDimension' | 'columns'>,
  layout: TableLayout,
  { published, reasons }: CellSuppression,
): PublishedTable {
  const { twoDimensions, width, cellIndex, rowTotalIndex, columnTotalIndex, totalIndex } = layout;
  const columnIndices = Array.from({ length: width }, (_, c) => c);
  return {
    table: table.table,
    rowDimension: table.rowDimension,
    rows: [...table.rows],
    ...(twoDimensions ? { columnDimension: table.columnDimension, columns: [...table.columns!] } : {}),
    cells: table.rows.map((_, r) => columnIndices.map((c) => published[cellIndex(r, c)])),
    ...(twoDimensions
      ? { rowTotals: rowTotalIndex.map((i) => published[i]), columnTotals: columnTotalIndex.map((i) => published[i]) }
      : {}),
    total: published[totalIndex],
    secondarySuppressed: reasons.filter((r) => r === 'secondary').length,
  };
}

/** Totals computed from the counts, then primary and secondary suppression applied to cells and totals. */
export function suppressTable(table: CountTable, policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY): PublishedTable {
  const layout = layoutTable(table);
  return publish(table, layout, suppressCells(layout.values, layout.equations, policy));
}

/**
 * A table of a measure (nights, pounds) in the shape of a {@link CountTable}, with the number of people
 * behind each figure. People are not additive (one person can stay in two site types), so the caller gives
 * the head count of every total too.
 */
export interface MeasureTable extends CountTable {
  /** People behind each cell, `[row][column]` like `counts`. */
  people: readonly (readonly number[])[];
  /** People behind each row total; two-dimension tables only. */
  rowPeople?: readonly number[];
  /** People behind each column total; two-dimension tables only. */
  columnPeople?: readonly number[];
  /** People behind the grand total. */
  totalPeople: number;
}

/** Totals computed from the measures, then {@link suppressMeasures} applied to cells and totals. */
export function suppressMeasureTable(table: MeasureTable, policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY): PublishedTable {
  const layout = layoutTable(table);
  if (table.people.length !== table.rows.length || table.people.some((row) => row.length !== layout.width)) {
    throw new RangeError(`${table.table}: people must be ${table.rows.length} rows of ${layout.width}`);
  }
  const basedOn: number[] = table.people.flatMap((row) => [...row]);
  if (layout.twoDimensions) {
    if (table.rowPeople?.length !== table.rows.length || table.columnPeople?.length !== layout.width) {
      throw new RangeError(`${table.table}: a two-dimension measure table needs people per row and per column`);
    }
    basedOn.push(...table.rowPeople, ...table.columnPeople);
  }
  basedOn.push(table.totalPeople);
  return publish(table, layout, suppressMeasures(layout.values, basedOn, layout.equations, policy));
}
