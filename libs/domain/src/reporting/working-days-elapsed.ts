import { isWorkingDay, BankHolidays } from '../pathway/working-days';
import { addDaysToCalendarDay, assertCalendarDay, CalendarDay } from './calendar-day';

export interface WorkingDaysElapsed {
  days: number;
  /** A counted weekday fell in a year the bank-holiday data does not cover (it may have been a holiday). */
  beyondHolidayData: boolean;
}

/**
 * Working days from one day to a later one, counted the way the pathway counts its deadlines ("5 working
 * days after the referral", `after_basis_day`): the working days after `from`, up to and including `to`. So
 * a decision on the day the 5-working-day target falls due took 5 working days and is within the target,
 * a decision the same day as the referral took 0, and a referral on a Friday decided on Monday took 1.
 * A `to` on or before `from` is 0 (a decision cannot precede its referral; the pathway refuses that).
 */
export function workingDaysElapsed(from: CalendarDay, to: CalendarDay, holidays: BankHolidays): WorkingDaysElapsed {
  assertCalendarDay(from);
  assertCalendarDay(to);
  let days = 0;
  let beyondHolidayData = false;
  for (let day = addDaysToCalendarDay(from, 1); day <= to; day = addDaysToCalendarDay(day, 1)) {
    if (!isWorkingDay(day, holidays)) continue;
    days += 1;
    const year = Number(day.slice(0, 4));
    if (year < holidays.firstYear || year > holidays.lastYear) beyondHolidayData = true;
  }
  return { days, beyondHolidayData };
}
