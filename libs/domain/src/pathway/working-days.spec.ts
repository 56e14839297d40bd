import { englandAndWalesBankHolidays } from './bank-holidays';
import { addCalendarDays, endOfLondonDay, isCalendarDate, londonDate, toLondonIso } from './london-time';
import { addWorkingDays, BankHolidays, isWorkingDay } from './working-days';

const holidays = englandAndWalesBankHolidays();

describe('London dates and the end of a day', () => {
  const endOfDay = [
    { scenario: 'a winter day ends at 23:59:59.999 GMT', date: '2024-01-15', utc: '2024-01-15T23:59:59.999Z' },
    { scenario: 'a summer day ends at 22:59:59.999 UTC (BST)', date: '2024-07-15', utc: '2024-07-15T22:59:59.999Z' },
    { scenario: 'the March clock-change day (23 hours) ends in BST', date: '2024-03-31', utc: '2024-03-31T22:59:59.999Z' },
    { scenario: 'the October clock-change day (25 hours) ends in GMT', date: '2024-10-27', utc: '2024-10-27T23:59:59.999Z' },
    { scenario: 'the day before the March change ends in GMT', date: '2024-03-30', utc: '2024-03-30T23:59:59.999Z' },
    { scenario: 'the day before the October change ends in BST', date: '2024-10-26', utc: '2024-10-26T22:59:59.999Z' },
    { scenario: '29 February in a leap year', date: '2028-02-29', utc: '2028-02-29T23:59:59.999Z' },
  ];
  it.each(endOfDay)('$scenario', ({ date, utc }) => {
    expect(endOfLondonDay(date).toISOString()).toBe(utc);
  });

  const dates = [
    { scenario: '23:30 UTC in summer is already the next London day', instant: '2024-06-12T23:30:00Z', date: '2024-06-13' },
    { scenario: '23:30 UTC in winter is the same London day', instant: '2024-01-12T23:30:00Z', date: '2024-01-12' },
    { scenario: 'the first 01:30 of the October change (BST)', instant: '2024-10-27T00:30:00Z', date: '2024-10-27' },
    { scenario: 'the last instant of a summer day', instant: '2024-06-12T22:59:59.999Z', date: '2024-06-12' },
    { scenario: 'the first instant of a summer day', instant: '2024-06-12T23:00:00.000Z', date: '2024-06-13' },
  ];
  it.each(dates)('$scenario', ({ instant, date }) => {
    expect(londonDate(new Date(instant))).toBe(date);
  });

  it('calendar days across a clock change and a leap day', () => {
    expect(addCalendarDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addCalendarDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addCalendarDays('2024-10-26', 2)).toBe('2024-10-28');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('London ISO text carries the offset of the date', () => {
    expect(toLondonIso(new Date('2024-10-27T00:30:00Z'))).toBe('2024-10-27T01:30:00.000+01:00');
    expect(toLondonIso(new Date('2024-10-27T01:30:00Z'))).toBe('2024-10-27T01:30:00.000+00:00');
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['20240101', false],
    [20240101, false],
  ])('is %p a calendar date? %p', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });
});

describe('working days (England and Wales)', () => {
  it.each([
    ['2024-06-14', true, 'a Friday'],
    ['2024-06-15', false, 'a Saturday'],
    ['2024-06-16', false, 'a Sunday'],
    ['2024-03-29', false, 'Good Friday'],
    ['2024-04-01', false, 'Easter Monday'],
    ['2026-12-28', false, 'the Boxing Day substitute'],
    ['2028-01-03', false, 'the New Year substitute'],
    ['2028-02-29', true, 'a leap day'],
  ])('%s is a working day: %p (%s)', (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  const counts: Array<{ scenario: string; from: string; n: number; to: string }> = [
    { scenario: '1 working day after a Friday is Monday', from: '2024-06-14', n: 1, to: '2024-06-17' },
    { scenario: '5 working days after a Monday is the next Monday', from: '2024-06-03', n: 5, to: '2024-06-10' },
    { scenario: 'from a Sunday, Monday is day 1', from: '2024-06-16', n: 1, to: '2024-06-17' },
    { scenario: 'Easter 2024 skips Good Friday and Easter Monday', from: '2024-03-28', n: 1, to: '2024-04-02' },
    { scenario: 'Christmas 2027 skips both substitute days and the New Year substitute', from: '2027-12-24', n: 3, to: '2027-12-31' },
    { scenario: 'then the 4th is 4 January 2028', from: '2027-12-24', n: 4, to: '2028-01-04' },
    { scenario: '9 working days from Monday 16 Dec 2024', from: '2024-12-16', n: 9, to: '2024-12-31' },
  ];
  it.each(counts)('$scenario', ({ from, n, to }) => {
    expect(addWorkingDays(from, n, holidays)).toEqual({ date: to, beyondHolidayData: false, uncoveredYears: [] });
  });

  it('counting the basis day: a working day is day 1, a holiday is not', () => {
    expect(addWorkingDays('2024-06-03', 1, holidays, 'including_basis_day').date).toBe('2024-06-03');
    expect(addWorkingDays('2024-06-03', 5, holidays, 'including_basis_day').date).toBe('2024-06-07');
    expect(addWorkingDays('2024-03-29', 1, holidays, 'including_basis_day').date).toBe('2024-04-02');
  });

  it('a count that leaves the years the data covers (2009-2030) says so, naming the years', () => {
    // New Year's Day 2029 is in the data (computed by the standard rules), so the count skips it
    expect(addWorkingDays('2028-12-29', 1, holidays)).toEqual({ date: '2029-01-02', beyondHolidayData: false, uncoveredYears: [] });
    expect(addWorkingDays('2030-12-31', 1, holidays)).toEqual({ date: '2031-01-01', beyondHolidayData: true, uncoveredYears: [2031] });
    expect(addWorkingDays('2008-12-31', 1, holidays)).toEqual({ date: '2009-01-02', beyondHolidayData: false, uncoveredYears: [] });
    expect(addWorkingDays('2008-12-30', 1, holidays)).toEqual({ date: '2008-12-31', beyondHolidayData: true, uncoveredYears: [2008] });
    // a weekend outside the data counts the same either way: only weekdays could be unknown holidays
    expect(addWorkingDays('2030-12-27', 1, holidays).uncoveredYears).toEqual([]);
  });

  it('other holiday data can be supplied (e.g. a one-off bank holiday)', () => {
    const withCoronation: BankHolidays = { ...holidays, dates: new Set([...holidays.dates, '2024-06-04']) };
    expect(addWorkingDays('2024-06-03', 1, withCoronation).date).toBe('2024-06-05');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p working days', (n) => {
    expect(() => addWorkingDays('2024-06-03', n, holidays)).toThrow(RangeError);
  });
});
