import { TZDate, tz } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';

/**
 * Reports and the forecast count in Europe/London calendar days: a night in a bed, a decision "on the
 * 3rd", a day on the forecast chart are all local days, whatever the server's own time zone and across the
 * March and October clock changes.
 */
export const REPORTING_TIME_ZONE = 'Europe/London';

/** A Europe/London calendar day as `YYYY-MM-DD`. */
export type CalendarDay = string;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** `true` when `value` is a real `YYYY-MM-DD` day (rejects 2026-02-30). */
export function isCalendarDay(value: unknown): value is CalendarDay {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  // parseISO rolls nothing over but returns Invalid Date for 2026-02-30; the round trip catches the rest.
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

export function assertCalendarDay(day: unknown): asserts day is CalendarDay {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
}

function atLondonMidday(day: CalendarDay): TZDate {
  assertCalendarDay(day);
  const [y, m, d] = day.split('-').map(Number);
  // Midday keeps day arithmetic clear of the 01:00 clock-change hour.
  return new TZDate(y, m - 1, d, 12, 0, 0, REPORTING_TIME_ZONE);
}

/** The Europe/London calendar day an instant falls on (23:30 UTC on 1 July is 2 July in London). */
export function toLondonDay(instant: Date | string): CalendarDay {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (!isValid(date)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return format(new TZDate(date.getTime(), REPORTING_TIME_ZONE), 'yyyy-MM-dd');
}

/** `day` moved by `days` calendar days (negative goes back). */
export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  return format(addDays(atLondonMidday(day), days), 'yyyy-MM-dd');
}

/**
 * Whole Europe/London calendar days from `from` to `to` (negative when `to` is earlier). Time of day is
 * ignored: a referral at 23:50 on Monday and a decision at 00:10 on Tuesday are 1 day apart, as a caseworker
 * would count them. Accepts instants or calendar days.
 */
export function calendarDaysBetween(from: Date | string, to: Date | string): number {
  const a = typeof from === 'string' && DAY_PATTERN.test(from) ? from : toLondonDay(from);
  const b = typeof to === 'string' && DAY_PATTERN.test(to) ? to : toLondonDay(to);
  return differenceInCalendarDays(atLondonMidday(b), atLondonMidday(a), { in: tz(REPORTING_TIME_ZONE) });
}

/** Days from `from` (inclusive) for `count` days. */
export function calendarDaysFrom(from: CalendarDay, count: number): CalendarDay[] {
  return Array.from({ length: count }, (_, i) => addCalendarDays(from, i));
}
