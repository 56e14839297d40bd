import {
  AggregateRow,
  aggregateCsv,
  aggregateJson,
  aggregateRowsOf,
  csvCells,
  dateOfBirthSpellings,
  findPersonalData,
  jsonCells,
} from './aggregate-export';
import { DEFAULT_SUPPRESSION_POLICY, suppressTable } from './suppression';

const byAgeAndSex = suppressTable({
  table: 'potential_victims_by_age_group_and_sex',
  rowDimension: 'age_group',
  rows: ['adult', 'child'],
  columnDimension: 'sex',
  columns: ['female', 'male'],
  counts: [
    [14, 22],
    [3, 6],
  ],
});
const exits = suppressTable({ table: 'exits_by_outcome', rowDimension: 'outcome', rows: ['moved_on', 'returned_home', 'missing'], counts: [[12], [3], [2]] });
// Two small outcomes protect each other: no secondary suppression, so 12 and the total 17 are shown.

describe('aggregate rows of a published table', () => {
  it('one dimension: a row per category, then the total', () => {
    expect(aggregateRowsOf(exits)).toEqual([
      { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'moved_on' }, value: 12 },
      { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'returned_home' }, value: '<5' },
      { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'missing' }, value: '<5' },
      { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'total' }, value: 17 },
    ]);
  });

  it('two dimensions: cells, row totals, column totals, grand total', () => {
    const rows = aggregateRowsOf(byAgeAndSex);
    expect(rows.map((r) => [r.dimensions.age_group, r.dimensions.sex, r.value])).toEqual([
      ['adult', 'female', '[c]'],
      ['adult', 'male', '[c]'],
      ['child', 'female', '<5'],
      ['child', 'male', '[c]'],
      ['adult', 'total', 36],
      ['child', 'total', 9],
      ['total', 'female', 17],
      ['total', 'male', 28],
      ['total', 'total', 45],
    ]);
    expect(Object.keys(rows[0].dimensions)).toEqual(['age_group', 'sex']);
  });

  it('carries the measure it is given', () => {
    expect(aggregateRowsOf(exits, 'people').every((r) => r.measure === 'people')).toBe(true);
  });
});

describe('CSV export', () => {
  it('long form, widened to the table with most dimensions', () => {
    const rows: AggregateRow[] = [
      ...aggregateRowsOf(exits),
      { table: 'days_referral_to_rg', measure: 'median_days', dimensions: {}, value: 5.5 },
      { table: 'days_referral_to_rg', measure: 'p90_days', dimensions: {}, value: null },
      { table: 'potential_victims_by_age_group_and_sex', dimensions: { age_group: 'child', sex: 'female' }, value: '<5' },
    ];
    expect(aggregateCsv(rows)).toBe(
      [
        'table,measure,dimension_1,category_1,dimension_2,category_2,value',
        'exits_by_outcome,count,outcome,moved_on,,,12',
        'exits_by_outcome,count,outcome,returned_home,,,<5',
        'exits_by_outcome,count,outcome,missing,,,<5',
        'exits_by_outcome,count,outcome,total,,,17',
        'days_referral_to_rg,median_days,,,,,5.5',
        'days_referral_to_rg,p90_days,,,,,',
        'potential_victims_by_age_group_and_sex,count,age_group,child,sex,female,<5',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['a formula', '=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ['a plus sign', '+44 trick', "'+44 trick"],
    ['a minus sign', '-1+1', "'-1+1"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a comma is quoted', 'Congo, Democratic Republic', '"Congo, Democratic Republic"'],
    ['plain text', 'Eritrean', 'Eritrean'],
  ])('a category holding %s cannot run in a spreadsheet', (_scenario, category, written) => {
    const csv = aggregateCsv([{ table: 't', dimensions: { nationality: category }, value: 5 }]);
    expect(csv.split('\n')[1]).toBe(`t,count,nationality,${written},5`);
  });

  it('reads back cell for cell', () => {
    const rows = aggregateRowsOf(byAgeAndSex);
    const cells = csvCells(aggregateCsv(rows));
    expect(cells.slice(0, 7)).toEqual(['table', 'measure', 'dimension_1', 'category_1', 'dimension_2', 'category_2', 'value']);
    expect(cells).toHaveLength(7 * (rows.length + 1));
  });

  it('no rows: a header only', () => {
    expect(aggregateCsv([])).toBe('table,measure,value\n');
  });
});

describe('JSON export', () => {
  it('the rows, with their filters and the suppression rule', () => {
    const json = aggregateJson(aggregateRowsOf(exits), { from: '2026-03-01', to: '2026-03-31', localAuthorityCode: 'E08000035', operationId: null }, DEFAULT_SUPPRESSION_POLICY);
    expect(json).toEqual({
      filters: { from: '2026-03-01', to: '2026-03-31', localAuthorityCode: 'E08000035', operationId: null },
      suppression: { threshold: 5, primaryLabel: '<5', secondaryLabel: '[c]' },
      rows: [
        { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'moved_on' }, value: 12 },
        { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'returned_home' }, value: '<5' },
        { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'missing' }, value: '<5' },
        { table: 'exits_by_outcome', measure: 'count', dimensions: { outcome: 'total' }, value: 17 },
      ],
    });
  });

  it('jsonCells reads every key and value, however nested, from text or objects', () => {
    const document = { a: [1, { b: 'x', c: null }], d: { e: true } };
    expect(jsonCells(document)).toEqual(['a', '1', 'b', 'x', 'c', 'd', 'e', 'true']);
    expect(jsonCells(JSON.stringify(document))).toEqual(jsonCells(document));
  });
});

describe('finding personal data in an export', () => {
  const forbidden = ['Ana Popescu', 'Ana', 'RAV-007', '14 Mill Lane, Leeds LS9 8AB', ...dateOfBirthSpellings('1990-03-04')];

  it.each([
    ['a clean export', ['exits_by_outcome', 'Romanian', 'Ghana', '12', '<5', 'Banana'], []],
    ['a full name', ['Ana Popescu'], ['Ana Popescu', 'Ana']],
    ['a given name in any case, with punctuation around', ['note: ANA!'], ['Ana']],
    ['a name inside a longer word is not that name', ['Ghana', 'Anastasia'], []],
    ['a reference written differently', ['rav 007'], ['RAV-007']],
    ['an address without its comma', ['14 mill lane leeds ls9 8ab'], ['14 Mill Lane, Leeds LS9 8AB']],
    ['a date of birth the UK way', ['04/03/1990'], ['04/03/1990']],
    ['a date of birth with dots is the same date', ['04.03.1990'], ['04/03/1990']],
    ['a date of birth in ISO form', ['born 1990-03-04'], ['1990-03-04']],
    ['a date of birth in words', ['4 March 1990'], ['4 March 1990']],
    ['a date of birth without leading zeros', ['4/3/1990'], ['4/3/1990']],
    ['numbers are read as text', [19900304], ['19900304']],
    ['accents do not hide a name', ['Àna'], ['Ana']],
  ])('%s', (_scenario, cells, found) => {
    expect(findPersonalData(cells, forbidden).map((h) => h.forbidden)).toEqual(found);
  });

  it('names the cell each hit is in', () => {
    expect(findPersonalData(['ok', 'RAV-007 moved'], ['RAV-007'])).toEqual([{ cell: 'RAV-007 moved', forbidden: 'RAV-007' }]);
  });

  it('ignores empty forbidden strings and empty cells', () => {
    expect(findPersonalData(['anything', null, undefined, ''], ['', '  ', '--'])).toEqual([]);
  });

  it('finds a name put into a category of a real CSV export', () => {
    const csv = aggregateCsv([...aggregateRowsOf(exits), { table: 'by_nationality', dimensions: { nationality: 'Ana Popescu' }, value: '<5' }]);
    expect(findPersonalData(csvCells(csv), ['Ana Popescu'])).toHaveLength(1);
    expect(findPersonalData(csvCells(aggregateCsv(aggregateRowsOf(exits))), ['Ana Popescu'])).toEqual([]);
  });

  it.each([['1990-3-4'], ['04/03/1990'], ['1990-13-01']])('dateOfBirthSpellings refuses %p', (dob) => {
    expect(() => dateOfBirthSpellings(dob)).toThrow(RangeError);
  });

  it('dateOfBirthSpellings', () => {
    expect(dateOfBirthSpellings('1990-03-04')).toEqual([
      '1990-03-04',
      '04/03/1990',
      '4/3/1990',
      '19900304',
      '04031990',
      '4 March 1990',
      '4 Mar 1990',
    ]);
  });
});
