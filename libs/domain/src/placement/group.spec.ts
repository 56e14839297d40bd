import { cannotShareWith, GroupMemberFacts, placedWithFacts } from './group';

const member = (personId: string, overrides: Partial<GroupMemberFacts> = {}): GroupMemberFacts => ({
  personId,
  operationId: 'op-1',
  siteId: 'site-1',
  triageOutcome: 'potential_victim',
  possibleController: false,
  ...overrides,
});

describe('placedWithFacts: who shares a site in one request', () => {
  it.each<[string, GroupMemberFacts[], Record<string, { keepApart: boolean; potentialVictim: boolean }>]>([
    ['two victims: each with a victim, nobody kept apart', [member('a'), member('b')], { a: { keepApart: false, potentialVictim: true }, b: { keepApart: false, potentialVictim: true } }],
    ['a victim and a possible controller', [member('v'), member('c', { possibleController: true })], { v: { keepApart: true, potentialVictim: true }, c: { keepApart: false, potentialVictim: true } }],
    ['a victim and a suspected offender', [member('v'), member('s', { suspectedOffender: true })], { v: { keepApart: true, potentialVictim: true }, s: { keepApart: false, potentialVictim: true } }],
    ['a victim and a witness', [member('v'), member('w', { triageOutcome: 'witness' })], { v: { keepApart: false, potentialVictim: false }, w: { keepApart: false, potentialVictim: true } }],
    ['a controller going to another site does not count', [member('v'), member('c', { possibleController: true, siteId: 'site-2' })], { v: { keepApart: false, potentialVictim: false }, c: { keepApart: false, potentialVictim: false } }],
    ['a controller of another operation does not count', [member('v'), member('c', { possibleController: true, operationId: 'op-2' })], { v: { keepApart: false, potentialVictim: false }, c: { keepApart: false, potentialVictim: false } }],
    ['one alone', [member('a')], { a: { keepApart: false, potentialVictim: false } }],
  ])('%s', (_scenario, members, expected) => {
    expect(Object.fromEntries(placedWithFacts(members))).toEqual(expected);
  });
});

describe('cannotShareWith: may this person share a site with the rest of their group?', () => {
  const none = { keepApart: false, potentialVictim: false };
  it.each<[string, Parameters<typeof cannotShareWith>[0], Parameters<typeof cannotShareWith>[1], boolean]>([
    ['a victim with other victims', { triageOutcome: 'potential_victim', possibleController: false }, { keepApart: false, potentialVictim: true }, false],
    ['a victim with a possible controller', { triageOutcome: 'potential_victim', possibleController: false }, { keepApart: true, potentialVictim: false }, true],
    ['a possible controller with victims', { triageOutcome: 'potential_victim', possibleController: true }, { keepApart: false, potentialVictim: true }, true],
    ['a suspected offender with victims', { triageOutcome: 'potential_victim', possibleController: false, suspectedOffender: true }, { keepApart: false, potentialVictim: true }, true],
    ['a witness with victims', { triageOutcome: 'witness', possibleController: false }, { keepApart: false, potentialVictim: true }, true],
    ['a witness with another witness', { triageOutcome: 'witness', possibleController: false }, none, false],
    ['an untriaged person with victims', { triageOutcome: null, possibleController: false }, { keepApart: false, potentialVictim: true }, false],
  ])('%s: %s', (_scenario, person, placedWith, expected) => {
    expect(cannotShareWith(person, placedWith)).toBe(expected);
  });
});
