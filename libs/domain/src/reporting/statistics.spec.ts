import {
  countsBy,
  countTable,
  countTableOfGroups,
  medianOf,
  nightsInPeriod,
  p90Of,
  percentileOf,
  summariseDurations,
  UNKNOWN_CATEGORY,
} from './statistics';

// Expected values computed by hand with h = (n - 1) * p, value = x[⌊h⌋] + (h - ⌊h⌋)(x[⌈h⌉] - x[⌊h⌋]);
// the first three were also checked against PostgreSQL's percentile_cont.
describe('median and p90 (linear interpolation, as percentile_cont)', () => {
  it.each([
    ['eight referral-to-RG durations', [2, 3, 5, 5, 6, 8, 12, 30], 5.5, 17.4],
    ['one to ten', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9.1],
    ['two values', [5, 9], 7, 8.6],
    ['one value', [7], 7, 7],
    ['odd count, unsorted input', [3, 1, 2], 2, 2.8],
    ['ties', [4, 4, 4, 4], 4, 4],
    ['one to eight: p90 lands on 6.3, floating noise rounded away', [1, 2, 3, 4, 5, 6, 7, 8], 4.5, 7.3],
    ['zeros count (decision on the day of referral)', [0, 0, 0, 10], 0, 7],
    ['eleven values: p90 falls exactly on a rank', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 6, 10],
    ['fractional days', [0.5, 1.5], 1, 1.4],
  ])('%s', (_scenario, values, median, p90) => {
    expect(medianOf(values)).toBe(median);
    expect(p90Of(values)).toBe(p90);
  });

  it('has nothing to say about no values', () => {
    expect(medianOf([])).toBeNull();
    expect(p90Of([])).toBeNull();
  });

  it.each([
    [0, 0],
    [1, 100],
    [0.25, 25],
    [0.75, 75],
  ])('percentile %p of 0 and 100 is %p', (fraction, expected) => {
    expect(percentileOf([100, 0], fraction)).toBe(expected);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    medianOf(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([[-0.1], [1.1], [NaN]])('refuses the fraction %p', (fraction) => {
    expect(() => percentileOf([1, 2], fraction)).toThrow(RangeError);
  });

  it.each([[NaN], [Infinity], [-Infinity]])('refuses the value %p', (value) => {
    expect(() => medianOf([1, value])).toThrow(RangeError);
  });
});

describe('counts by a key', () => {
  const people = [
    { ageGroup: 'adult', nationality: 'Romanian' },
    { ageGroup: 'adult', nationality: 'Albanian' },
    { ageGroup: 'adult', nationality: null },
    { ageGroup: 'age_disputed', nationality: 'Vietnamese' },
    { ageGroup: 'adult', nationality: 'Romanian' },
    { ageGroup: 'adult', nationality: '' },
  ];

  it('known keys come first in their order, with zeros; others follow alphabetically', () => {
    const counts = countsBy(people, (p) => p.ageGroup, ['adult', 'child']);
    expect([...counts.entries()]).toEqual([
      ['adult', 5],
      ['child', 0],
      ['age_disputed', 1],
    ]);
  });

  it('missing values count as unknown', () => {
    const counts = countsBy(people, (p) => p.nationality);
    expect([...counts.entries()]).toEqual([
      ['Albanian', 1],
      ['Romanian', 2],
      ['Vietnamese', 1],
      [UNKNOWN_CATEGORY, 2],
    ]);
  });

  it('alphabetical whatever the case, unknown last', () => {
    const counts = countsBy(['vietnamese', 'Albanian', null, 'eritrean', 'British'], (n) => n);
    expect([...counts.keys()]).toEqual(['Albanian', 'British', 'eritrean', 'vietnamese', UNKNOWN_CATEGORY]);
  });

  it('unknown as a known key keeps its place', () => {
    expect([...countsBy(['x', null], (n) => n, [UNKNOWN_CATEGORY, 'y']).entries()]).toEqual([
      [UNKNOWN_CATEGORY, 1],
      ['y', 0],
      ['x', 1],
    ]);
  });

  it('no items: only the known keys, all zero', () => {
    expect([...countsBy([], () => 'x', ['positive', 'negative']).entries()]).toEqual([
      ['positive', 0],
      ['negative', 0],
    ]);
  });

  it('the counts add up to the number of items', () => {
    const counts = countsBy(people, (p) => p.nationality, ['British']);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(people.length);
  });
});

describe('durations against a policy target', () => {
  it.each([
    ['RG decisions against 5 days: a decision on day 5 is on time', [2, 3, 5, 5, 6, 8, 12, 30], 5, { count: 8, median: 5.5, p90: 17.4, targetDays: 5, withinTarget: 4 }],
    ['no target', [10, 20], null, { count: 2, median: 15, p90: 19, targetDays: null, withinTarget: null }],
    ['nothing decided yet', [], 5, { count: 0, median: null, p90: null, targetDays: 5, withinTarget: 0 }],
    ['all late', [46, 60, 90], 45, { count: 3, median: 60, p90: 84, targetDays: 45, withinTarget: 0 }],
  ])('%s', (_scenario, days, target, expected) => {
    expect(summariseDurations(days, target)).toEqual(expected);
  });
});

describe('nights of a stay in a reporting period', () => {
  const march = { from: '2026-03-01', to: '2026-03-31' };
  it.each([
    ['arrive 1st, leave 4th: three nights', { from: '2026-03-01', until: '2026-03-04' }, march, 3],
    ['arrived in February: only March nights count', { from: '2026-02-25', until: '2026-03-03' }, march, 2],
    ['left on the period’s first day: no night in it', { from: '2026-02-20', until: '2026-03-01' }, march, 0],
    ['still there: counted to the last night of the period', { from: '2026-03-29', until: null }, march, 3],
    ['stays past the period’s end', { from: '2026-03-30', until: '2026-04-10' }, march, 2],
    ['arrived after the period', { from: '2026-04-02', until: null }, march, 0],
    ['left the day they arrived', { from: '2026-03-10', until: '2026-03-10' }, march, 0],
    ['over the March clock change', { from: '2026-03-28', until: '2026-03-30' }, march, 2],
    ['a one-day period', { from: '2026-03-01', until: null }, { from: '2026-03-15', to: '2026-03-15' }, 1],
    ['the whole of a leap February', { from: '2028-01-15', until: null }, { from: '2028-02-01', to: '2028-02-29' }, 29],
  ])('%s', (_scenario, stay, period, nights) => {
    expect(nightsInPeriod(stay, period)).toBe(nights);
  });

  it('refuses a day that is not one', () => {
    expect(() => nightsInPeriod({ from: '2026-02-30', until: null }, march)).toThrow(RangeError);
  });
});

describe('counting into a table', () => {
  const victims = [
    { age: 'adult', sex: 'female' },
    { age: 'adult', sex: 'male' },
    { age: 'adult', sex: 'male' },
    { age: 'child', sex: 'male' },
    { age: 'age_disputed', sex: null },
  ];

  it('two dimensions, known categories first, unknown last', () => {
    expect(
      countTable(victims, {
        table: 'potential_victims_by_age_group_and_sex',
        rowDimension: 'age_group',
        rowOf: (v) => v.age,
        rows: ['adult', 'child', 'age_disputed'],
        columnDimension: 'sex',
        columnOf: (v) => v.sex,
        columns: ['female', 'male'],
      }),
    ).toEqual({
      table: 'potential_victims_by_age_group_and_sex',
      rowDimension: 'age_group',
      rows: ['adult', 'child', 'age_disputed'],
      columnDimension: 'sex',
      columns: ['female', 'male', UNKNOWN_CATEGORY],
      counts: [
        [1, 2, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    });
  });

  it('one dimension, with a known category nobody is in', () => {
    expect(countTable(victims, { table: 'by_age', rowDimension: 'age_group', rowOf: (v) => v.age, rows: ['adult', 'child'] })).toEqual({
      table: 'by_age',
      rowDimension: 'age_group',
      rows: ['adult', 'child', 'age_disputed'],
      counts: [[3], [1], [1]],
    });
  });

  it('refuses a column dimension without a way to read it', () => {
    expect(() => countTable(victims, { table: 't', rowDimension: 'r', rowOf: (v) => v.age, columnDimension: 'sex' })).toThrow(RangeError);
  });
});

describe('countTableOfGroups: counts grouped by the database', () => {
  it('orders categories like countTable and adds groups falling in one cell', () => {
    const table = countTableOfGroups(
      [
        { row: 'adult', column: 'male', n: 3 },
        { row: 'adult', column: 'female', n: 2 },
        { row: 'child', column: 'female', n: 1 },
        { row: 'adult', column: 'male', n: 4 },
        { row: null, column: 'male', n: 1 },
        { row: 'adult', column: 'non-binary', n: 1 },
      ],
      {
        table: 'potential_victims_by_age_group_and_sex',
        rowDimension: 'age_group',
        rows: ['adult', 'child', 'age_disputed'],
        columnDimension: 'sex',
        columns: ['female', 'male'],
      },
    );
    expect(table.rows).toEqual(['adult', 'child', 'age_disputed', 'unknown']);
    expect(table.columns).toEqual(['female', 'male', 'non-binary']);
    expect(table.counts).toEqual([
      [2, 7, 1],
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('is what countTable gives for the same items', () => {
    const items = [
      { nationality: 'Romanian' },
      { nationality: 'Albanian' },
      { nationality: null },
      { nationality: 'Romanian' },
      { nationality: 'Vietnamese' },
    ];
    const spec = { table: 'potential_victims_by_nationality', rowDimension: 'nationality' };
    const grouped = countTableOfGroups(
      [
        { row: 'Vietnamese', n: 1 },
        { row: 'Romanian', n: 2 },
        { row: null, n: 1 },
        { row: 'Albanian', n: 1 },
      ],
      spec,
    );
    expect(grouped).toEqual(countTable(items, { ...spec, rowOf: (i) => i.nationality }));
  });

  it('keeps known categories with nobody in them, and leaves out unknown ones with a zero count', () => {
    const table = countTableOfGroups([{ row: 'hostel', n: 0 }, { row: 'safe_house', n: 2 }], {
      table: 'placements_by_site_type',
      rowDimension: 'site_type',
      rows: ['safe_house', 'refuge'],
    });
    expect(table.rows).toEqual(['safe_house', 'refuge']);
    expect(table.counts).toEqual([[2], [0]]);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => countTableOfGroups([{ row: 'a', n: 1.5 }], { table: 't', rowDimension: 'r' })).toThrow(RangeError);
  });
});
