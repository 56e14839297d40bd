import { add, sub } from 'date-fns';

/**
 * What the retention schedule covers. Each class has one period, written as an ISO 8601 duration
 * ("P6Y", "P18M", "P7D"), counted from the class's own starting point:
 * - `personal_data`: a person's names, date of birth, aliases and the free text written about them (triage
 *   notes, placement notes and destinations), counted from their exit from support, or, for someone whose
 *   exit was never recorded, from the close of their operation. The person's row stays, stripped, so the
 *   counts behind the statistics (sex, age category, pathway, outcomes) are unchanged.
 * - `idempotency_records`: stored responses of retried create requests, counted from when they were stored.
 *   They repeat whatever the first response said, safe-house addresses included, so they must not be kept
 *   longer than a retry can plausibly come.
 */
export const RECORD_CLASSES = ['personal_data', 'idempotency_records'] as const;
export type RecordClass = (typeof RECORD_CLASSES)[number];

/** What an information governance lead calls each class. */
export const RECORD_CLASS_NAMES: Record<RecordClass, string> = {
  personal_data: 'Names, dates of birth and notes about a person, after their support ends',
  idempotency_records: 'Copies of answers kept so a retried request is not done twice (they can repeat addresses)',
};

export interface RetentionPeriod {
  years: number;
  months: number;
  days: number;
}

export type RetentionSchedule = Record<RecordClass, RetentionPeriod>;

const DURATION = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/;

/** Parses "P6Y", "P1Y6M", "P30D". Times of day, weeks and zero-length periods are refused (null). */
export function parseRetentionPeriod(text: string): RetentionPeriod | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P') return null;
  const [years, months, days] = [match[1], match[2], match[3]].map((v) => (v === undefined ? 0 : Number(v)));
  if (years + months + days === 0) return null;
  return { years, months, days };
}

export function formatRetentionPeriod(period: RetentionPeriod): string {
  return `P${period.years ? `${period.years}Y` : ''}${period.months ? `${period.months}M` : ''}${period.days ? `${period.days}D` : ''}`;
}

/** Plain words for the schedule page: "6 years", "1 year 6 months", "7 days". */
export function describeRetentionPeriod(period: RetentionPeriod): string {
  const part = (n: number, word: string) => (n === 0 ? null : `${n} ${word}${n === 1 ? '' : 's'}`);
  return [part(period.years, 'year'), part(period.months, 'month'), part(period.days, 'day')].filter(Boolean).join(' ');
}

export type ScheduleResult = { ok: true; schedule: RetentionSchedule } | { ok: false; errors: string[] };

/** Builds the schedule from one duration per class; every class must be given and valid. */
export function buildRetentionSchedule(input: Partial<Record<RecordClass, string>>): ScheduleResult {
  const errors: string[] = [];
  const schedule = {} as RetentionSchedule;
  for (const recordClass of RECORD_CLASSES) {
    const text = input[recordClass];
    const period = text === undefined ? null : parseRetentionPeriod(text);
    if (!period) errors.push(`${recordClass}: "${text ?? ''}" is not a period such as P6Y, P18M or P7D`);
    else schedule[recordClass] = period;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, schedule };
}

/** When a record whose period started at `startedAt` falls due. */
export const retentionDueAt = (startedAt: Date, period: RetentionPeriod): Date => add(startedAt, period);

/**
 * The latest starting point that can be due at `now`, for narrowing a query. Calendar arithmetic is not
 * exactly reversible (31 March minus one month), so callers still confirm each candidate with `retentionDueAt`.
 */
export const retentionCutoff = (now: Date, period: RetentionPeriod): Date => sub(now, period);

export interface PersonRetentionFacts {
  exitedAt: Date | null;
  operationClosedAt: Date | null;
  anonymisedAt: Date | null;
  /** A legal hold (for example a live police investigation) on the person or on their operation. */
  held: boolean;
}

export type RetentionDecision =
  | { outcome: 'anonymise'; dueAt: Date }
  | { outcome: 'held'; dueAt: Date }
  | { outcome: 'not_due'; dueAt: Date | null; reason: 'still_supported' | 'within_period' | 'already_anonymised' };

/**
 * Whether a person's personal data is due for anonymising now. A legal hold stops it only once it is due,
 * so the run report can say how many were held back; nothing else changes what is due.
 */
export function decidePersonRetention(facts: PersonRetentionFacts, period: RetentionPeriod, now: Date): RetentionDecision {
  const startedAt = facts.exitedAt ?? facts.operationClosedAt;
  const dueAt = startedAt ? retentionDueAt(startedAt, period) : null;
  if (facts.anonymisedAt) return { outcome: 'not_due', dueAt, reason: 'already_anonymised' };
  if (!dueAt) return { outcome: 'not_due', dueAt: null, reason: 'still_supported' };
  if (dueAt.getTime() > now.getTime()) return { outcome: 'not_due', dueAt, reason: 'within_period' };
  return facts.held ? { outcome: 'held', dueAt } : { outcome: 'anonymise', dueAt };
}
