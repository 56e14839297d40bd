import { addCalendarDays, CalendarDate, isWeekendDate, yearOf } from './london-time';

/**
 * The bank holidays of one division of the gov.uk feed, as a look-up set. `firstYear`..`lastYear` is the
 * span the data covers: counting working days outside it silently treats unknown holidays as working
 * days, so callers are told (see `WorkingDayCount.beyondHolidayData`).
 */
export interface BankHolidays {
  readonly division: string;
  readonly dates: ReadonlySet<CalendarDate>;
  readonly firstYear: number;
  readonly lastYear: number;
}

/** A working day is a Monday to Friday that is not a bank holiday in the division. */
export function isWorkingDay(date: CalendarDate, holidays: BankHolidays): boolean {
  return !isWeekendDate(date) && !holidays.dates.has(date);
}

export type DayCounting = 'after_basis_day' | 'including_basis_day';

export interface WorkingDayCount {
  date: CalendarDate;
  /** true when a counted or skipped day fell in a year the holiday data does not cover. */
  beyondHolidayData: boolean;
  /** those years, in order (empty when the data covers the whole count) */
  uncoveredYears: number[];
}

/**
 * The `n`th working day counted from `basis`. With `after_basis_day` (the default, and what "N working
 * days after the referral" means) the basis day is day 0 whatever the time of the event, so a referral
 * at 23:59 on a Friday and one at 09:00 on that Friday share a deadline. With `including_basis_day`
 * the basis day counts as day 1 if it is itself a working day.
 */
export function addWorkingDays(
  basis: CalendarDate,
  n: number,
  holidays: BankHolidays,
  counting: DayCounting = 'after_basis_day',
): WorkingDayCount {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  const uncovered = new Set<number>();
  // Only a weekday outside the data could be an unknown holiday; weekends count the same either way.
  const check = (d: CalendarDate) => {
    if (!isWeekendDate(d) && (yearOf(d) < holidays.firstYear || yearOf(d) > holidays.lastYear)) uncovered.add(yearOf(d));
  };
  let date = basis;
  let counted = 0;
  if (counting === 'including_basis_day') {
    check(date);
    if (isWorkingDay(date, holidays)) counted = 1;
  }
  while (counted < n) {
    date = addCalendarDays(date, 1);
    check(date);
    if (isWorkingDay(date, holidays)) counted++;
  }
  return { date, beyondHolidayData: uncovered.size > 0, uncoveredYears: [...uncovered].sort((a, b) => a - b) };
}
