import { GroupMemberFacts, placedWithFacts } from './group';

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
