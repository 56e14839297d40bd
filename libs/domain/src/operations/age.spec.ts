import { ageOn, checkAgeAgainstDateOfBirth, londonDateParts, parseCalendarDate, treatedAsChild } from './age';

// Pinned clock: mid-morning on Tuesday 10 June 2025 in London (BST).
const NOW = new Date('2025-06-10T09:30:00Z');

describe('calendar dates', () => {
  it.each([
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2025-12-31', { year: 2025, month: 12, day: 31 }],
    ['1901-01-01', { year: 1901, month: 1, day: 1 }],
  ])('parses %s', (text, date) => expect(parseCalendarDate(text)).toEqual(date));

  it.each(['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '25-01-01', '2025-1-1', '2025-01-01T00:00:00Z', ''])(
    'refuses %p',
    (text) => expect(parseCalendarDate(text)).toBeNull(),
  );

  it.each([
    ['just before midnight in London on New Year\'s Eve (GMT)', '2025-12-31T23:59:59Z', { year: 2025, month: 12, day: 31 }],
    ['00:30 BST is still the previous day in UTC', '2025-06-09T23:30:00Z', { year: 2025, month: 6, day: 10 }],
    ['the night the clocks go forward', '2025-03-30T00:59:59Z', { year: 2025, month: 3, day: 30 }],
  ])('London date %s', (_, instant, date) => expect(londonDateParts(new Date(instant))).toEqual(date));
});

describe('age on a date', () => {
  it.each([
    ['the day before the 18th birthday', '2007-06-11', '2025-06-10', 17],
    ['on the 18th birthday', '2007-06-10', '2025-06-10', 18],
    ['born 29 Feb, on 28 Feb of a common year', '2004-02-29', '2022-02-28', 17],
    ['born 29 Feb, on 1 Mar of a common year', '2004-02-29', '2022-03-01', 18],
    ['born 29 Feb, on 29 Feb of a leap year', '2004-02-29', '2028-02-29', 24],
    ['a newborn', '2025-06-10', '2025-06-10', 0],
  ])('%s', (_, dob, on, age) => expect(ageOn(parseCalendarDate(dob)!, parseCalendarDate(on)!)).toBe(age));
});

describe('date of birth against the age category', () => {
  it.each([
    ['no date of birth given', 'adult', null, null],
    ['an adult of 30', 'adult', '1995-01-15', 30],
    ['an adult on their 18th birthday', 'adult', '2007-06-10', 18],
    ['a child of 15', 'child', '2010-03-01', 15],
    ['a child on the day before turning 18', 'child', '2007-06-11', 17],
    ['age disputed, claims 19', 'age_disputed', '2006-01-01', 19],
    ['age disputed, claims 16', 'age_disputed', '2009-01-01', 16],
    ['born today', 'child', '2025-06-10', 0],
  ] as const)('accepts %s', (_, category, dob, age) => {
    expect(checkAgeAgainstDateOfBirth(category, dob, NOW)).toEqual({ ok: true, age });
  });

  it.each([
    ['a date of birth tomorrow', 'age_disputed', '2025-06-11', 'DATE_OF_BIRTH_IN_FUTURE'],
    ['a date of birth next year', 'adult', '2026-01-01', 'DATE_OF_BIRTH_IN_FUTURE'],
    ['an adult who is 17', 'adult', '2007-06-11', 'ADULT_UNDER_18'],
    ['an adult who is 12', 'adult', '2013-01-01', 'ADULT_UNDER_18'],
    ['a child on their 18th birthday', 'child', '2007-06-10', 'CHILD_AGED_18_OR_OVER'],
    ['a child of 40', 'child', '1985-01-01', 'CHILD_AGED_18_OR_OVER'],
    ['someone 121 years old', 'adult', '1904-01-01', 'DATE_OF_BIRTH_IMPLAUSIBLE'],
    ['31 February', 'adult', '1990-02-31', 'INVALID_DATE_OF_BIRTH'],
    ['a date with a time', 'adult', '1990-02-01T00:00:00Z', 'INVALID_DATE_OF_BIRTH'],
  ] as const)('refuses %s', (_, category, dob, code) => {
    expect(checkAgeAgainstDateOfBirth(category, dob, NOW)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });

  it('counts "today" in London: at 00:30 BST a birthday that day has arrived', () => {
    const justAfterMidnightBst = new Date('2025-06-09T23:30:00Z');
    expect(checkAgeAgainstDateOfBirth('adult', '2007-06-10', justAfterMidnightBst)).toEqual({ ok: true, age: 18 });
    expect(checkAgeAgainstDateOfBirth('adult', '2025-06-10', justAfterMidnightBst)).toMatchObject({ code: 'ADULT_UNDER_18' });
  });

  it.each([
    ['adult', false],
    ['child', true],
    ['age_disputed', true],
  ] as const)('%s is treated as a child: %s', (category, child) => expect(treatedAsChild(category)).toBe(child));
});
