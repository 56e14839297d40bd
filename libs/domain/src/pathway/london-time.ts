import { TZDate, tz } from '@date-fns/tz';
import { addDays, format, isValid, isWeekend, parse } from 'date-fns';

/**
 * Every deadline in the pathway is a UK civil date ("the 5th working day", "45 days after the decision"),
 * so calendar arithmetic is done on Europe/London dates and only turned into an instant at the end.
 * Doing it on UTC instants instead would put a deadline an hour out across the March and October
 * clock changes, or on the wrong day for an event between midnight and 01:00 British Summer Time.
 */
export const LONDON = 'Europe/London';
const inLondon = tz(LONDON);

/** A calendar date as `YYYY-MM-DD` (the format of the bank-holidays feed). */
export type CalendarDate = string;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return false;
  const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

function londonNoon(date: CalendarDate): TZDate {
  const [y, m, d] = date.split('-').map(Number);
  // Noon is never skipped or repeated by a clock change, so day arithmetic from it is safe.
  return new TZDate(y, m - 1, d, 12, 0, 0, 0, LONDON);
}

/** The Europe/London calendar date on which an instant falls. */
export function londonDate(instant: Date): CalendarDate {
  return format(instant, 'yyyy-MM-dd', { in: inLondon });
}

/**
 * Convention for "end of a day": 23:59:59.999 Europe/London on that date, i.e. the last millisecond
 * before local midnight. In winter (GMT) that is 23:59:59.999Z; in summer (BST) 22:59:59.999Z.
 */
export function endOfLondonDay(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, 23, 59, 59, 999, LONDON).getTime());
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return format(addDays(londonNoon(date), days), 'yyyy-MM-dd', { in: inLondon });
}

export function isWeekendDate(date: CalendarDate): boolean {
  return isWeekend(londonNoon(date), { in: inLondon });
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** ISO 8601 with the London offset, e.g. `2024-10-28T23:59:59.999+00:00` (the API's timestamp format). */
export function toLondonIso(instant: Date): string {
  return format(instant, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", { in: inLondon });
}

/** Human form for explanations, e.g. `Mon 28 Oct 2024 23:59`. */
export function describeLondon(instant: Date): string {
  return format(instant, 'EEE d MMM yyyy HH:mm', { in: inLondon });
}

export function describeDate(date: CalendarDate): string {
  return format(londonNoon(date), 'EEE d MMM yyyy', { in: inLondon });
}
