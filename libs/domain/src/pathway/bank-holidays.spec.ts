import {
  BankHolidayFeed,
  bankHolidaysFromFeed,
  easterSunday,
  englandAndWalesBankHolidays,
  englandAndWalesRegularHolidays,
  mergeBankHolidayFeeds,
  parseBankHolidayFeed,
} from './bank-holidays';
import shipped from '../../data/bank-holidays.json';

describe('Easter Sunday (Gregorian computus)', () => {
  // Published dates, including the earliest (22 March) and latest (25 April) possible.
  const cases = [
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ] as const;
  it.each(cases)('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('England and Wales bank holidays 2024-2028', () => {
  // Written out by hand from the gov.uk list (2024-2026) and the statutory pattern (2027-2028): the
  // oracle for both the pattern and the shipped data file.
  const EXPECTED: Record<number, string[]> = {
    2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    // Boxing Day 2026 is a Saturday: substitute Monday 28 December
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    // Christmas 2027 is a Saturday and Boxing Day a Sunday: substitutes Monday 27 and Tuesday 28
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    // New Year's Day 2028 is a Saturday: substitute Monday 3 January
    2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  };

  it.each(Object.entries(EXPECTED))('the regular pattern for %s', (year, dates) => {
    expect(englandAndWalesRegularHolidays(Number(year)).map((e) => e.date)).toEqual(dates);
  });

  it('the shipped data file holds exactly these dates for 2024-2028', () => {
    const calendar = englandAndWalesBankHolidays();
    expect([...calendar.dates].filter((d) => d >= '2024' && d < '2029').sort()).toEqual(Object.values(EXPECTED).flat());
  });

  it('the shipped data file is in the gov.uk feed format with gov.uk titles, notes and bunting', () => {
    expect(parseBankHolidayFeed(shipped).ok).toBe(true);
    const events = (shipped as BankHolidayFeed)['england-and-wales'].events;
    expect(events.find((e) => e.date === '2028-01-03')).toEqual({ title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true });
    expect(events.find((e) => e.date === '2025-04-18')).toEqual({ title: 'Good Friday', date: '2025-04-18', notes: '', bunting: false });
    const regular = ['New Year’s Day', 'Good Friday', 'Easter Monday', 'Early May bank holiday', 'Spring bank holiday', 'Summer bank holiday', 'Christmas Day', 'Boxing Day'];
    expect(new Set(events.filter((e) => e.date >= '2024').map((e) => e.title))).toEqual(new Set(regular));
  });
});

describe('England and Wales bank holidays 2009-2030 (the NRM began in April 2009)', () => {
  // The years with one-off changes, written out by hand from the proclamations: the oracle for the data.
  const ONE_OFFS: Record<number, string[]> = {
    // Royal wedding, Friday 29 April 2011; New Year on a Saturday, Christmas on a Sunday
    2011: ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27'],
    // Diamond Jubilee: the spring holiday moved from 28 May to Monday 4 June, plus Tuesday 5 June
    2012: ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
    // VE Day 75: the early May holiday moved from Monday 4 May to Friday 8 May; Boxing Day on a Saturday
    2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    // Platinum Jubilee: spring holiday moved to Thursday 2 June, plus Friday 3 June; the Queen's state funeral Monday 19 September
    2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
    // Coronation of King Charles III, Monday 8 May 2023; New Year on a Sunday
    2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  };
  const calendar = englandAndWalesBankHolidays();
  const shippedIn = (year: number) => [...calendar.dates].filter((d) => d.startsWith(`${year}-`)).sort();

  it('the data covers 2009 to 2030', () => {
    expect(calendar).toMatchObject({ division: 'england-and-wales', firstYear: 2009, lastYear: 2030 });
  });

  it.each(Object.entries(ONE_OFFS))('%s holds its one-off holidays exactly', (year, dates) => {
    expect(shippedIn(Number(year))).toEqual(dates);
  });

  const regularYears = Array.from({ length: 22 }, (_, i) => 2009 + i).filter((y) => !(y in ONE_OFFS));
  it.each(regularYears)('%i follows the regular pattern (substitute days included)', (year) => {
    expect(shippedIn(year)).toEqual(englandAndWalesRegularHolidays(year).map((e) => e.date));
  });

  it.each([
    ['2009-12-28', 'Boxing Day on a Saturday: substitute Monday 28 December 2009'],
    ['2010-12-27', 'Christmas 2010 on a Saturday: substitute Monday 27'],
    ['2010-12-28', 'and Boxing Day on the Sunday: substitute Tuesday 28'],
    ['2015-12-28', 'Boxing Day 2015 on a Saturday'],
    ['2016-12-27', 'Christmas 2016 on a Sunday: substitute Tuesday 27'],
    ['2017-01-02', 'New Year 2017 on a Sunday'],
    ['2021-12-27', 'Christmas 2021 on a Saturday'],
    ['2021-12-28', 'Boxing Day 2021 on a Sunday'],
  ])('%s is a holiday (%s)', (date) => {
    expect(calendar.dates.has(date)).toBe(true);
  });

  it.each(['2012-05-28', '2020-05-04', '2022-05-30'])('%s, the regular date of a moved holiday, is a working day', (date) => {
    expect(calendar.dates.has(date)).toBe(false);
  });

  it('years the data file computes by the standard rules (2029-2030) say so in their notes', () => {
    const events = (shipped as BankHolidayFeed)['england-and-wales'].events;
    const later = events.filter((e) => e.date >= '2029');
    expect(later).toHaveLength(16);
    for (const e of later) expect(e.notes).toMatch(/Computed from the standard rules, not yet announced/);
    for (const e of events.filter((e) => e.date < '2029')) expect(e.notes).not.toMatch(/Computed/);
  });
  it('Christmas on a Sunday (2022): Boxing Day stays on Monday 26, Christmas moves to Tuesday 27', () => {
    const christmas = englandAndWalesRegularHolidays(2022).filter((e) => e.date.endsWith('-12-26') || e.date.endsWith('-12-27'));
    expect(christmas).toEqual([
      { title: 'Boxing Day', date: '2022-12-26', notes: '', bunting: true },
      { title: 'Christmas Day', date: '2022-12-27', notes: 'Substitute day', bunting: true },
    ]);
  });

  it('New Year on a Sunday (2023): substitute Monday 2 January', () => {
    expect(englandAndWalesRegularHolidays(2023)[0]).toEqual({ title: 'New Year’s Day', date: '2023-01-02', notes: 'Substitute day', bunting: true });
  });
});

describe('bank-holiday feed validation', () => {
  const event = (date: string, extra: object = {}) => ({ title: 'Holiday', date, notes: '', bunting: true, ...extra });
  const feed = (events: unknown[], more: object = {}) => ({ 'england-and-wales': { division: 'england-and-wales', events }, ...more });

  it('accepts a gov.uk-shaped feed with other divisions, keeping them and sorting events by date', () => {
    const result = parseBankHolidayFeed(
      feed([event('2030-12-25'), event('2030-01-01')], { scotland: { division: 'scotland', events: [event('2030-01-02')] } }),
    );
    expect(result).toEqual({
      ok: true,
      feed: {
        'england-and-wales': { division: 'england-and-wales', events: [event('2030-01-01'), event('2030-12-25')] },
        scotland: { division: 'scotland', events: [event('2030-01-02')] },
      },
    });
  });

  const invalid: Array<{ scenario: string; input: unknown; error: RegExp }> = [
    { scenario: 'not an object', input: [1, 2], error: /JSON object keyed by division/ },
    { scenario: 'no England and Wales division', input: { scotland: { division: 'scotland', events: [] } }, error: /"england-and-wales" division is missing/ },
    { scenario: 'a division name that does not match its key', input: { 'england-and-wales': { division: 'scotland', events: [] } }, error: /division must be "england-and-wales"/ },
    { scenario: 'events not an array', input: { 'england-and-wales': { division: 'england-and-wales', events: {} } }, error: /events must be an array/ },
    { scenario: 'an impossible date (30 February)', input: feed([event('2030-02-30')]), error: /real date/ },
    { scenario: 'a date in another format', input: feed([event('25/12/2030')]), error: /real date/ },
    { scenario: 'an empty title', input: feed([event('2030-12-25', { title: '' })]), error: /title/ },
    { scenario: 'bunting as a string', input: feed([event('2030-12-25', { bunting: 'yes' })]), error: /bunting/ },
    { scenario: 'no notes', input: feed([{ title: 'x', date: '2030-12-25', bunting: true }]), error: /notes/ },
    { scenario: 'the same date twice', input: feed([event('2030-12-25'), event('2030-12-25')]), error: /appears twice/ },
    { scenario: 'an England and Wales holiday on a weekend', input: feed([event('2027-12-25')]), error: /weekend/ },
  ];
  it.each(invalid)('refuses $scenario', ({ input, error }) => {
    const result = parseBankHolidayFeed(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(error);
  });

  it('a weekend date is allowed in another division (the check is for England and Wales)', () => {
    expect(parseBankHolidayFeed(feed([event('2030-01-01')], { scotland: { division: 'scotland', events: [event('2027-12-25')] } })).ok).toBe(true);
  });
});

describe('merging a downloaded feed into the current data', () => {
  const ev = (date: string, title = 'Holiday') => ({ title, date, notes: '', bunting: true });
  const current: BankHolidayFeed = {
    'england-and-wales': { division: 'england-and-wales', events: [ev('2024-01-01'), ev('2025-01-01'), ev('2028-01-03')] },
  };

  it('the new feed replaces the years it lists and keeps the others; new divisions are added', () => {
    const incoming: BankHolidayFeed = {
      'england-and-wales': { division: 'england-and-wales', events: [ev('2025-01-01', 'New'), ev('2025-06-02', 'One-off'), ev('2026-01-01')] },
      scotland: { division: 'scotland', events: [ev('2025-01-02')] },
    };
    expect(mergeBankHolidayFeeds(current, incoming)).toEqual({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [ev('2024-01-01'), ev('2025-01-01', 'New'), ev('2025-06-02', 'One-off'), ev('2026-01-01'), ev('2028-01-03')],
      },
      scotland: { division: 'scotland', events: [ev('2025-01-02')] },
    });
  });

  it('a holiday withdrawn from a year the new feed lists is removed', () => {
    const incoming: BankHolidayFeed = { 'england-and-wales': { division: 'england-and-wales', events: [ev('2024-12-25')] } };
    expect(mergeBankHolidayFeeds(current, incoming)['england-and-wales'].events.map((e) => e.date)).toEqual(['2024-12-25', '2025-01-01', '2028-01-03']);
  });

  it('a calendar is built from one division; an empty division is an error', () => {
    expect(bankHolidaysFromFeed(current)).toEqual({
      division: 'england-and-wales',
      dates: new Set(['2024-01-01', '2025-01-01', '2028-01-03']),
      firstYear: 2024,
      lastYear: 2028,
    });
    expect(() => bankHolidaysFromFeed(current, 'scotland')).toThrow(/no events for "scotland"/);
  });
});
