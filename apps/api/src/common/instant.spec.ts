import { instantProblem } from './instant';

describe('instantProblem: the one rule for instants in the API', () => {
  it.each([
    ['UTC with Z', '2026-03-01T18:00:00Z'],
    ['British Summer Time', '2026-06-01T18:00:00+01:00'],
    ['no seconds', '2026-03-01T18:00Z'],
    ['milliseconds', '2026-03-01T18:00:00.123Z'],
    ['microseconds (PostgreSQL timestamptz)', '2026-03-01T18:00:00.123456+00:00'],
    ['a leap day', '2028-02-29T12:00:00Z'],
    ['the first accepted instant', '2000-01-01T00:00:00Z'],
    ['a far-east offset', '2026-03-01T18:00:00+14:00'],
  ])('accepts %s (%s)', (_, value) => expect(instantProblem(value)).toBeNull());

  it.each([
    ['a local time without offset', '2026-03-01T18:00:00', 'offset'],
    ['a bare date', '2026-03-01', 'offset'],
    ['a bare year', '2026', 'offset'],
    ['the year 9999', '9999-03-01T18:00:00Z', 'between'],
    ['the year 1999', '1999-12-31T23:59:59Z', 'between'],
    ['the year 2100', '2100-01-01T00:00:00Z', 'between'],
    ['30 February', '2026-02-30T18:00:00Z', 'calendar'],
    ['29 February in a common year', '2027-02-29T18:00:00Z', 'calendar'],
    ['month 13', '2026-13-01T18:00:00Z', 'calendar'],
    ['hour 24', '2026-03-01T24:00:00Z', 'time of day'],
    ['minute 60', '2026-03-01T18:60:00Z', 'time of day'],
    ['an offset of 25 hours', '2026-03-01T18:00:00+25:00', 'offset'],
    ['an offset without colon', '2026-03-01T18:00:00+0100', 'offset'],
    ['a space for T', '2026-03-01 18:00:00Z', 'offset'],
    ['a week date', '2026-W10-1T18:00:00Z', 'offset'],
    ['an ordinal date', '2026-060T18:00:00Z', 'offset'],
    ['a number', 1772388000000, 'offset'],
    ['null', null, 'offset'],
  ])('refuses %s (%s)', (_, value, says) => expect(instantProblem(value)).toContain(says));
});
