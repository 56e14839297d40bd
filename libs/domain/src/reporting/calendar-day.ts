import { TZDate } from '@date-fns/tz';
import { format, isValid } from 'date-fns';

/**
 * Reports and the forecast count in Europe/London calendar days: a night in a bed, a decision "on the
 * 3rd", a day on the forecast chart are all local days, whatever the server's own time zone and across the
 * March and October clock changes. An instant becomes a day once, through {@link toLondonDay}; from then
 * on days are counted as calendar dates, which have no time zone and no clock changes (so day arithmetic
 * runs on whole-day numbers, which the forecast needs to be fast).
 */
export const REPORTING_TIME_ZONE = 'Europe/London';

/** A Europe/London calendar day as `YYYY-MM-DD`. */
export type CalendarDay = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid day, or NaN. */
function dayNumberOf(value: string): number {
  const match = DAY_PATTERN.exec(value);
  if (!match) return NaN;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 30 February over into March: only a day that survives the round trip is real.
  const check = new Date(time);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return NaN;
  return time / MS_PER_DAY;
}

function dayOfNumber(dayNumber: number): CalendarDay {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `true` when `value` is a real `YYYY-MM-DD` day (rejects 2026-02-30). */
export function isCalendarDay(value: unknown): value is CalendarDay {
  return typeof value === 'string' && !Number.isNaN(dayNumberOf(value));
}

export function assertCalendarDay(day: unknown): asserts day is CalendarDay {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
}

function dayNumber(day: CalendarDay): number {
  const n = dayNumberOf(day);
  if (Number.isNaN(n)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return n;
}

/** The Europe/London calendar day an instant falls on (23:30 UTC on 1 July is 2 July in London). */
export function toLondonDay(instant: Date | string): CalendarDay {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (!isValid(date)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return format(new TZDate(date.getTime(), REPORTING_TIME_ZONE), 'yyyy-MM-dd');
}

/** `day` moved by `days` calendar days (negative goes back). */
export function addDaysToCalendarDay(day: CalendarDay, days: number): CalendarDay {
  if (!Number.isInteger(days)) throw new RangeError(`whole days only, got ${days}`);
  return dayOfNumber(dayNumber(day) + days);
}

/**
 * Whole Europe/London calendar days from `from` to `to` (negative when `to` is earlier). Time of day is
 * ignored: a referral at 23:50 on Monday and a decision at 00:10 on Tuesday are 1 day apart, as a caseworker
 * would count them. Accepts instants (Date or ISO timestamp) or calendar days.
 */
export function calendarDaysBetween(from: Date | string, to: Date | string): number {
  const day = (value: Date | string) => (typeof value === 'string' && DAY_PATTERN.test(value) ? value : toLondonDay(value));
  return dayNumber(day(to)) - dayNumber(day(from));
}

/** Days from `from` (inclusive) for `count` days. */
export function calendarDaysFrom(from: CalendarDay, count: number): CalendarDay[] {
  const first = dayNumber(from);
  return Array.from({ length: count }, (_, i) => dayOfNumber(first + i));
}
