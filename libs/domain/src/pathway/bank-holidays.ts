import { addCalendarDays, CalendarDate, isCalendarDate, isWeekendDate, yearOf } from './london-time';
import { BankHolidays } from './working-days';
import shippedFeed from '../../data/bank-holidays.json';

/**
 * Bank holidays are data, not code, in the shape of https://www.gov.uk/bank-holidays.json so that a
 * downloaded copy of that feed can replace ours (`npm run bank-holidays:update -- <file.json>`).
 * One-off holidays (a jubilee, a coronation, a state funeral) are announced by proclamation and only
 * ever arrive through the data; `englandAndWalesRegularHolidays` exists to check the data, not to
 * replace it.
 */
export interface BankHolidayEvent {
  title: string;
  date: CalendarDate;
  notes: string;
  bunting: boolean;
}

export interface BankHolidayDivision {
  division: string;
  events: BankHolidayEvent[];
}

export type BankHolidayFeed = Record<string, BankHolidayDivision>;

export const ENGLAND_AND_WALES = 'england-and-wales';

export type FeedParseResult = { ok: true; feed: BankHolidayFeed } | { ok: false; errors: string[] };

/**
 * Checks a feed strictly enough to stop a wrong file reaching production: the England and Wales
 * division must be present; every event needs a title, a real `YYYY-MM-DD` date, notes and bunting;
 * no date twice in a division; and no England and Wales holiday on a weekend (they never are: a
 * holiday falling on a weekend is moved to a substitute weekday, which is the date the feed lists).
 */
export function parseBankHolidayFeed(input: unknown): FeedParseResult {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['the file must hold a JSON object keyed by division, like gov.uk/bank-holidays.json'] };
  }
  const record = input as Record<string, unknown>;
  if (!(ENGLAND_AND_WALES in record)) errors.push(`the "${ENGLAND_AND_WALES}" division is missing`);
  const feed: BankHolidayFeed = {};
  for (const [key, value] of Object.entries(record)) {
    const where = `"${key}"`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(`${where} must be an object with "division" and "events"`);
      continue;
    }
    const division = value as Record<string, unknown>;
    if (division.division !== key) errors.push(`${where}.division must be "${key}"`);
    if (!Array.isArray(division.events)) {
      errors.push(`${where}.events must be an array`);
      continue;
    }
    const events: BankHolidayEvent[] = [];
    const seen = new Set<string>();
    division.events.forEach((raw: unknown, i: number) => {
      const at = `${where}.events[${i}]`;
      if (typeof raw !== 'object' || raw === null) {
        errors.push(`${at} must be an object`);
        return;
      }
      const e = raw as Record<string, unknown>;
      let ok = true;
      if (typeof e.title !== 'string' || e.title.trim() === '') (ok = false), errors.push(`${at}.title must be a non-empty string`);
      if (!isCalendarDate(e.date)) (ok = false), errors.push(`${at}.date must be a real date as YYYY-MM-DD, got ${JSON.stringify(e.date)}`);
      if (typeof e.notes !== 'string') (ok = false), errors.push(`${at}.notes must be a string`);
      if (typeof e.bunting !== 'boolean') (ok = false), errors.push(`${at}.bunting must be true or false`);
      if (!ok) return;
      const date = e.date as string;
      if (seen.has(date)) errors.push(`${at}: ${date} appears twice in ${where}`);
      seen.add(date);
      if (key === ENGLAND_AND_WALES && isWeekendDate(date)) {
        errors.push(`${at}: ${date} (${e.title}) is a weekend; England and Wales list the substitute weekday instead`);
      }
      events.push({ title: e.title as string, date, notes: e.notes as string, bunting: e.bunting as boolean });
    });
    feed[key] = { division: key, events: sortEvents(events) };
  }
  return errors.length ? { ok: false, errors } : { ok: true, feed };
}

function sortEvents(events: BankHolidayEvent[]): BankHolidayEvent[] {
  return [...events].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Merges a newly downloaded feed into the current data. The gov.uk feed only spans a few years around
 * today, so a plain replace would drop later years we hold; instead, for each division, the incoming
 * feed is authoritative for every year it mentions and the current data keeps the other years.
 */
export function mergeBankHolidayFeeds(current: BankHolidayFeed, incoming: BankHolidayFeed): BankHolidayFeed {
  const merged: BankHolidayFeed = {};
  for (const key of new Set([...Object.keys(current), ...Object.keys(incoming)])) {
    const now = current[key]?.events ?? [];
    const fresh = incoming[key]?.events ?? [];
    const freshYears = new Set(fresh.map((e) => yearOf(e.date)));
    merged[key] = {
      division: key,
      events: sortEvents([...now.filter((e) => !freshYears.has(yearOf(e.date))), ...fresh]),
    };
  }
  return merged;
}

export function bankHolidaysFromFeed(feed: BankHolidayFeed, division: string = ENGLAND_AND_WALES): BankHolidays {
  const events = feed[division]?.events ?? [];
  if (events.length === 0) throw new Error(`the bank-holiday data has no events for "${division}"`);
  const years = events.map((e) => yearOf(e.date));
  return {
    division,
    dates: new Set(events.map((e) => e.date)),
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
  };
}

let shipped: BankHolidays | undefined;

/** England and Wales bank holidays from `libs/domain/data/bank-holidays.json`, validated once. */
export function englandAndWalesBankHolidays(): BankHolidays {
  if (!shipped) {
    const parsed = parseBankHolidayFeed(shippedFeed);
    if (!parsed.ok) throw new Error(`libs/domain/data/bank-holidays.json is invalid: ${parsed.errors.join('; ')}`);
    shipped = bankHolidaysFromFeed(parsed.feed, ENGLAND_AND_WALES);
  }
  return shipped;
}

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayOfWeek(date: CalendarDate): number {
  // 0 = Sunday .. 6 = Saturday; a calendar date's weekday does not depend on the time zone.
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function firstMonday(year: number, month: number): CalendarDate {
  let date = `${year}-${String(month).padStart(2, '0')}-01`;
  while (dayOfWeek(date) !== 1) date = addCalendarDays(date, 1);
  return date;
}

function lastMonday(year: number, month: number): CalendarDate {
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  let date = addCalendarDays(nextMonth, -1);
  while (dayOfWeek(date) !== 1) date = addCalendarDays(date, -1);
  return date;
}

/**
 * The regular England and Wales pattern (Banking and Financial Dealings Act 1971, Schedule 1, plus the
 * early May holiday by annual proclamation): New Year's Day, Good Friday, Easter Monday, first Monday
 * in May, last Monday in May, last Monday in August, Christmas Day and Boxing Day, with substitute
 * weekdays when New Year's Day, Christmas Day or Boxing Day falls on a weekend. One-off changes (2020
 * VE Day, 2022 Platinum Jubilee and state funeral, 2023 coronation) are not in the pattern.
 */
export function englandAndWalesRegularHolidays(year: number): BankHolidayEvent[] {
  const event = (title: string, date: CalendarDate, bunting = true, notes = ''): BankHolidayEvent => ({
    title,
    date,
    notes,
    bunting,
  });
  const events: BankHolidayEvent[] = [];

  const newYear = `${year}-01-01`;
  const newYearDow = dayOfWeek(newYear);
  if (newYearDow === 6) events.push(event('New Year’s Day', addCalendarDays(newYear, 2), true, 'Substitute day'));
  else if (newYearDow === 0) events.push(event('New Year’s Day', addCalendarDays(newYear, 1), true, 'Substitute day'));
  else events.push(event('New Year’s Day', newYear));

  const easter = easterSunday(year);
  // gov.uk marks Good Friday without bunting; we keep its values so a refreshed feed diffs cleanly.
  events.push(event('Good Friday', addCalendarDays(easter, -2), false));
  events.push(event('Easter Monday', addCalendarDays(easter, 1)));
  events.push(event('Early May bank holiday', firstMonday(year, 5)));
  events.push(event('Spring bank holiday', lastMonday(year, 5)));
  events.push(event('Summer bank holiday', lastMonday(year, 8)));

  const christmas = `${year}-12-25`;
  const boxing = `${year}-12-26`;
  switch (dayOfWeek(christmas)) {
    case 5: // Friday: Boxing Day (Saturday) moves to Monday 28th
      events.push(event('Christmas Day', christmas), event('Boxing Day', `${year}-12-28`, true, 'Substitute day'));
      break;
    case 6: // Saturday: both move, to Monday 27th and Tuesday 28th
      events.push(
        event('Christmas Day', `${year}-12-27`, true, 'Substitute day'),
        event('Boxing Day', `${year}-12-28`, true, 'Substitute day'),
      );
      break;
    case 0: // Sunday: Christmas moves to Tuesday 27th, Boxing Day stays on Monday 26th
      events.push(event('Boxing Day', boxing), event('Christmas Day', `${year}-12-27`, true, 'Substitute day'));
      break;
    default:
      events.push(event('Christmas Day', christmas), event('Boxing Day', boxing));
  }
  return sortEvents(events);
}
