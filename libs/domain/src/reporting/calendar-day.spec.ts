import { addDaysToCalendarDay, calendarDaysBetween, calendarDaysFrom, isCalendarDay, toLondonDay } from './calendar-day';

describe('London calendar days', () => {
  describe.each([
    ['UTC', 'UTC'],
    ['a server in Auckland', 'Pacific/Auckland'],
    ['a server in Los Angeles', 'America/Los_Angeles'],
  ])('on %s', (_label, zone) => {
    const original = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      process.env.TZ = original;
    });

    it.each([
      ['a winter evening stays on its day', '2026-01-01T23:30:00Z', '2026-01-01'],
      ['23:30 UTC in summer is already the next day in London', '2026-07-01T23:30:00Z', '2026-07-02'],
      ['00:30 UTC on the March clock-change night', '2026-03-29T00:30:00Z', '2026-03-29'],
      ['23:30 UTC the evening before the October change is 00:30 BST', '2026-10-24T23:30:00Z', '2026-10-25'],
      ['midnight UTC on the October change is 01:00 BST, before the clocks go back', '2026-10-25T00:00:00Z', '2026-10-25'],
      ['an offset timestamp', '2026-07-01T07:00:00+09:00', '2026-06-30'],
      ['an offset timestamp at London midnight', '2026-07-01T08:00:00+09:00', '2026-07-01'],
    ])('toLondonDay: %s', (_scenario, instant, day) => {
      expect(toLondonDay(instant)).toBe(day);
      expect(toLondonDay(new Date(instant))).toBe(day);
    });

    it.each([
      ['the next day', '2026-03-02', 1, '2026-03-03'],
      ['into the March clock change', '2026-03-28', 1, '2026-03-29'],
      ['across the October clock change', '2026-10-24', 2, '2026-10-26'],
      ['onto a leap day', '2028-02-28', 1, '2028-02-29'],
      ['over a year end', '2026-12-31', 1, '2027-01-01'],
      ['back a fortnight', '2026-03-10', -14, '2026-02-24'],
      ['by nothing', '2026-05-05', 0, '2026-05-05'],
    ])('addDaysToCalendarDay: %s', (_scenario, day, days, expected) => {
      expect(addDaysToCalendarDay(day, days)).toBe(expected);
    });

    it.each([
      ['referral at 23:50, decision at 00:10 the next morning (GMT)', '2026-03-02T23:50:00Z', '2026-03-03T00:10:00Z', 1],
      ['23:00 and 23:45 UTC on a summer day fall on different London days', '2026-07-01T22:00:00Z', '2026-07-01T23:45:00Z', 1],
      ['same London day, hours apart', '2026-07-01T06:00:00Z', '2026-07-01T21:00:00Z', 0],
      ['over the March clock change', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 2],
      ['over the October clock change', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 2],
      ['calendar days over a leap day', '2028-02-28', '2028-03-01', 2],
      ['calendar days, not a leap year', '2026-02-27', '2026-03-01', 2],
      ['a decision recorded before the referral is negative', '2026-03-10', '2026-03-05', -5],
      ['45 days of recovery', '2026-03-01', '2026-04-15', 45],
    ])('calendarDaysBetween: %s', (_scenario, from, to, days) => {
      expect(calendarDaysBetween(from, to)).toBe(days);
    });

    it('calendarDaysFrom lists consecutive days across the March clock change', () => {
      expect(calendarDaysFrom('2026-03-27', 4)).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']);
    });
  });

  it.each([
    ['2028-02-29', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-2-3', false],
    ['2026-02-03T00:00:00Z', false],
    ['', false],
    [20260203, false],
    [null, false],
  ])('isCalendarDay(%p) is %p', (value, expected) => {
    expect(isCalendarDay(value)).toBe(expected);
  });

  it.each([['2026-02-30'], ['tomorrow'], ['']])('refuses to count from a day that is not one: %p', (day) => {
    expect(() => addDaysToCalendarDay(day, 1)).toThrow(RangeError);
    expect(() => calendarDaysBetween(day, '2026-03-01')).toThrow(RangeError);
  });

  it('refuses an instant that is not one', () => {
    expect(() => toLondonDay('not a date')).toThrow(RangeError);
  });
});
