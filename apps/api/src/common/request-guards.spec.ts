import { jsonDepth, nulCharacterAt } from './request-guards';

describe('jsonDepth', () => {
  it.each([
    ['a number', '1', 0],
    ['an empty object', '{}', 1],
    ['an object in an array', '[{"a":1}]', 2],
    ['brackets inside a string do not count', '{"a":"[[[[{{{{"}', 1],
    ['an escaped quote does not end the string', '{"a":"\\"[[["}', 1],
    ['siblings do not add up', '[[1],[2],[3]]', 2],
    ['100,000 levels', '['.repeat(100_000) + ']'.repeat(100_000), 100_000],
  ])('%s', (_, text, depth) => expect(jsonDepth(text)).toBe(depth));

  it('stops counting once past the limit', () => expect(jsonDepth('['.repeat(1000), 32)).toBe(33));
});

describe('nulCharacterAt names the field', () => {
  it.each([
    ['a clean body', { a: 'x', b: [1, 'y'] }, null],
    ['a top-level string', { name: 'a\u0000b' }, 'name'],
    ['a nested string', { site: { address: 'x\u0000' } }, 'site.address'],
    ['an array item', { members: [{ id: 'a' }, { id: '\u0000' }] }, 'members[1].id'],
    ['a key', { ['bad\u0000key']: 1 }, 'bad\u0000key'],
    ['a bare string body', 'x\u0000', '(body)'],
  ])('%s', (_, body, at) => expect(nulCharacterAt(body)).toBe(at));
});
