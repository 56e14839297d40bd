import { dependantProblems } from './dependants';

describe('dependantProblems', () => {
  it.each<[string, Parameters<typeof dependantProblems>[0], number | undefined, RegExp[]]>([
    ['no list', undefined, 2, []],
    ['a child of 4 and an adult partner', [{ ageCategory: 'child', age: 4 }, { ageCategory: 'adult', age: 30 }], undefined, []],
    ['a child of 17 is a child', [{ ageCategory: 'child', age: 17 }], undefined, []],
    ['a "child" of 18 is not', [{ ageCategory: 'child', age: 18 }], undefined, [/a child is under 18/]],
    ['an "adult" of 16 is not', [{ ageCategory: 'adult', age: 16 }], undefined, [/an adult is 18 or over/]],
    ['ages left out are fine', [{ ageCategory: 'child' }, { ageCategory: 'adult', age: null }], undefined, []],
    ['a count that agrees with the list', [{ ageCategory: 'child' }, { ageCategory: 'child' }], 2, []],
    ['a count that disagrees with the list', [{ ageCategory: 'child' }], 3, [/needs.dependants says 3 but 1/]],
    ['an empty list with a count: the count stands', [], 2, []],
  ])('%s', (_scenario, list, count, expected) => {
    const problems = dependantProblems(list, count);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(problems[i]).toMatch(re));
  });
});
