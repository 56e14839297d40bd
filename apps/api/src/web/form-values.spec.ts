import { int, list, londonDateTime } from './form-values';

describe('form values', () => {
  it.each([
    ['2026-12-01T14:05', '2026-12-01T14:05:00.000Z'], // winter: London is UTC
    ['2026-07-01T14:05', '2026-07-01T13:05:00.000Z'], // summer: BST
    ['2026-02-31T10:00', '2026-02-31T10:00'], // no such day: returned for the DTO to refuse
    ['tomorrow', 'tomorrow'],
    ['', undefined],
  ])('reads %s as London time: %s', (input, expected) => {
    expect(londonDateTime(input)).toBe(expected);
  });

  it('reads whole numbers and leaves anything else for validation', () => {
    expect(int('20')).toBe(20);
    expect(int('2.5')).toBe('2.5');
    expect(int('')).toBeUndefined();
  });

  it('reads repeated fields as a list without blanks', () => {
    expect(list(['ro', ' ', 'en '])).toEqual(['ro', 'en']);
    expect(list('ro')).toEqual(['ro']);
    expect(list(undefined)).toEqual([]);
  });
});
