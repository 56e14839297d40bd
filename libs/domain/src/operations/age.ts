import { TZDate } from '@date-fns/tz';

/**
 * Age categories at registration. `age_disputed` means there are reasonable grounds to believe the person
 * is under 18 although they say (or look) otherwise: they are treated as a child until their age is
 * assessed (statutory guidance on the presumption of age), so every child rule applies to them too.
 */
export const AGE_CATEGORIES = ['adult', 'child', 'age_disputed'] as const;
export type AgeCategory = (typeof AGE_CATEGORIES)[number];

export const UK_TIME_ZONE = 'Europe/London';
export const ADULT_AGE = 18;
/** Nobody registered at a reception centre is older than this; an older date of birth is a typing error. */
export const OLDEST_PLAUSIBLE_AGE = 120;

export function treatedAsChild(category: AgeCategory): boolean {
  return category !== 'adult';
}

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (no 31 April, 29 February only in leap years), or null. */
export function parseCalendarDate(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return { year, month, day };
}

/** Today's date as it reads on a wall calendar in England, whatever the server's own time zone. */
export function londonDateParts(at: Date): DateParts {
  const local = new TZDate(at.getTime(), UK_TIME_ZONE);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

const compare = (a: DateParts, b: DateParts) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * Completed years on `on`. Someone born on 29 February has their birthday on 1 March in other years
 * (the day after 28 February), which is how English law counts it.
 */
export function ageOn(dateOfBirth: DateParts, on: DateParts): number {
  const years = on.year - dateOfBirth.year;
  const hadBirthday = on.month > dateOfBirth.month || (on.month === dateOfBirth.month && on.day >= dateOfBirth.day);
  return hadBirthday ? years : years - 1;
}

export type AgeCheck =
  | { ok: true; age: number | null }
  | {
      ok: false;
      code: 'INVALID_DATE_OF_BIRTH' | 'DATE_OF_BIRTH_IN_FUTURE' | 'DATE_OF_BIRTH_IMPLAUSIBLE' | 'ADULT_UNDER_18' | 'CHILD_AGED_18_OR_OVER';
      reason: string;
    };

/**
 * Does a claimed date of birth fit the age category recorded? An adult whose date of birth makes them
 * under 18 must be recorded as a child or age disputed (never placed in adult accommodation by mistake);
 * a "child" whose date of birth says 18+ is recorded as age disputed instead, which keeps the child
 * protections until an assessment settles it. Age-disputed people may give any plausible date.
 */
export function checkAgeAgainstDateOfBirth(category: AgeCategory, dateOfBirth: string | null | undefined, now: Date): AgeCheck {
  if (dateOfBirth === null || dateOfBirth === undefined) return { ok: true, age: null };
  const dob = parseCalendarDate(dateOfBirth);
  if (!dob) return { ok: false, code: 'INVALID_DATE_OF_BIRTH', reason: `${dateOfBirth} is not a calendar date (YYYY-MM-DD)` };
  const today = londonDateParts(now);
  if (compare(dob, today) > 0) return { ok: false, code: 'DATE_OF_BIRTH_IN_FUTURE', reason: 'The date of birth is in the future' };
  const age = ageOn(dob, today);
  if (age > OLDEST_PLAUSIBLE_AGE) {
    return { ok: false, code: 'DATE_OF_BIRTH_IMPLAUSIBLE', reason: `The date of birth makes the person ${age}: check it` };
  }
  if (category === 'adult' && age < ADULT_AGE) {
    return {
      ok: false,
      code: 'ADULT_UNDER_18',
      reason: `The date of birth makes the person ${age}: record them as a child, or as age disputed`,
    };
  }
  if (category === 'child' && age >= ADULT_AGE) {
    return {
      ok: false,
      code: 'CHILD_AGED_18_OR_OVER',
      reason: `The date of birth makes the person ${age}: record them as age disputed until their age is assessed`,
    };
  }
  return { ok: true, age };
}
