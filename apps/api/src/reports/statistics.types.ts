import { DurationSummary } from '@safe-harbour/domain';

/** A count table with its totals: the exact figures, before any suppression. */
export interface StatisticsTable {
  table: string;
  rowDimension: string;
  rows: string[];
  columnDimension?: string;
  columns?: string[];
  /** `counts[row][column]`; a one-dimension table has one column. */
  counts: number[][];
  rowTotals?: number[];
  columnTotals?: number[];
  total: number;
}

export interface DurationFigure extends DurationSummary {
  unit: 'working_days' | 'calendar_days';
}

export interface StageStay {
  stage: string;
  count: number;
  median: number | null;
  p90: number | null;
}

export interface SiteTypeNights {
  siteType: string;
  nights: number;
  /** People with at least one night of this type in the period. */
  people: number;
}

export interface CostLine {
  operationId: string;
  operationCode: string;
  siteType: string;
  nights: number;
  people: number;
  costPence: number;
  /** Rounded to the pound; the totals below add these up, so published tables add up too. */
  costPounds: number;
  /** Nights at sites with no known nightly cost: not counted as free, shown apart. */
  nightsWithoutCost: number;
}

export interface Statistics {
  filters: { from: string | null; to: string; localAuthorityCode: string | null; operationId: string | null };
  generatedAt: string;
  /** The operations the figures cover: those the caller may see, within the filters. */
  operations: Array<{ id: string; code: string; name: string }>;
  tables: StatisticsTable[];
  durations: {
    /** Working days (pathway calendar) from the NRM referral to the RG decision, for RG decisions in the period. */
    referralToReasonableGrounds: DurationFigure & { rule: string; policyVersion: string; beyondHolidayData: boolean };
    /** Calendar days from the RG to the CG decision, for CG decisions in the period; no target, a minimum. */
    reasonableToConclusiveGrounds: DurationFigure & { recoveryPeriodMinimumDays: number; policyVersion: string };
  };
  /** Calendar days spent in each stage, for stage spells that ended in the period. */
  lengthOfStayByStage: StageStay[];
  nights: { bySiteType: SiteTypeNights[]; total: number; people: number };
  accommodationCost: {
    lines: CostLine[];
    byOperation: Array<{ operationId: string; operationCode: string; nights: number; people: number; costPounds: number; nightsWithoutCost: number }>;
    bySiteType: Array<{ siteType: string; nights: number; people: number; costPounds: number; nightsWithoutCost: number }>;
    totalPounds: number;
    nightsWithoutCost: number;
  };
}
