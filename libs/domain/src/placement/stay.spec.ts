import { haversineKm } from './distance';
import { bedsNeeded, childDependants, dependantsOf, expectedStayEnd, isFamily, isKeptApart, isTreatedAsChild, sexesToHouse, stageRemainingDays } from './stay';
import { aPerson, needs } from './testing/placement-fixtures';

const at = (iso: string) => new Date(iso);

describe('expectedStayEnd', () => {
  it.each<[string, string, string | null, number | null, string | null]>([
    ['the requested end wins over the stage', '2026-03-02T18:00:00Z', '2026-03-03T09:00:00Z', 45, '2026-03-03T09:00:00.000Z'],
    ['5 pre-NRM days from a Monday evening', '2026-03-02T18:00:00Z', null, 5, '2026-03-07T18:00:00.000Z'],
    ['across the March clock change: same wall-clock time (18:00 GMT -> 18:00 BST)', '2026-03-28T18:00:00Z', null, 5, '2026-04-02T17:00:00.000Z'],
    ['across the October clock change: same wall-clock time (18:00 BST -> 18:00 GMT)', '2026-10-23T17:00:00Z', null, 5, '2026-10-28T18:00:00.000Z'],
    ['through 29 February in a leap year', '2028-02-27T12:00:00Z', null, 3, '2028-03-01T12:00:00.000Z'],
    ['part days count as a whole day', '2026-03-02T18:00:00Z', null, 4.2, '2026-03-07T18:00:00.000Z'],
    ['no days left: the stay ends as it starts', '2026-03-02T18:00:00Z', null, 0, '2026-03-02T18:00:00.000Z'],
    ['overdue stage (negative days): the stay ends as it starts', '2026-03-02T18:00:00Z', null, -2, '2026-03-02T18:00:00.000Z'],
    ['open-ended and stage length unknown', '2026-03-02T18:00:00Z', null, null, null],
  ])('%s', (_scenario, from, until, days, expected) => {
    const person = aPerson({ requestedPeriod: { from: at(from), until: until ? at(until) : null }, stageRemainingDays: days });
    const end = expectedStayEnd(person);
    expect(end ? end.toISOString() : null).toBe(expected);
  });
});

describe('bedsNeeded and isFamily', () => {
  it.each<[string, number, 'family' | 'travelled_together' | null, number, number, boolean]>([
    ['a person alone', 1, null, 0, 1, false],
    ['a mother with two dependants not registered', 1, null, 2, 3, true],
    ['a registered family of three (the mother also records 2 dependants)', 3, 'family', 2, 3, true],
    ['four co-workers who travelled together', 4, 'travelled_together', 0, 4, false],
    ['a family whose other members are already placed', 1, 'family', 0, 1, false],
    ['a group size of 0 is read as 1', 0, null, 0, 1, false],
  ])('%s', (_scenario, groupSize, groupKind, dependants, beds, family) => {
    const person = aPerson({ groupSize, groupKind, needs: needs({ dependants }) });
    expect(bedsNeeded(person)).toBe(beds);
    expect(isFamily(person)).toBe(family);
  });
});

describe('isTreatedAsChild', () => {
  it.each([
    ['adult', false],
    ['child', true],
    ['age_disputed', true],
  ] as const)('%s -> %s', (ageCategory, expected) => expect(isTreatedAsChild({ ageCategory })).toBe(expected));
});

describe('haversineKm', () => {
  it.each([
    ['the same point', { lat: 53.8, lng: -1.55 }, { lat: 53.8, lng: -1.55 }, 0],
    ['one degree of longitude on the equator', { lat: 0, lng: 0 }, { lat: 0, lng: 1 }, (6371.0088 * Math.PI) / 180],
    ['antipodes: half the circumference', { lat: 0, lng: 0 }, { lat: 0, lng: 180 }, 6371.0088 * Math.PI],
    ['Leeds to London, about 272 km', { lat: 53.7997, lng: -1.5492 }, { lat: 51.5074, lng: -0.1278 }, 272.3],
  ])('%s', (_scenario, a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 0);
    expect(haversineKm(b, a)).toBeCloseTo(haversineKm(a, b), 9);
  });
});

describe('stageRemainingDays (from the pathway deadlines)', () => {
  const from = at('2026-03-02T18:00:00Z');
  const live = [
    { kind: 'pre_nrm_accommodation_ends', dueAt: '2026-03-09T23:59:59.999Z' },
    { kind: 'rg_decision_expected', dueAt: at('2026-03-16T23:59:59.999Z') },
    { kind: 'recovery_period_minimum_ends', dueAt: '2026-04-16T22:59:59.999Z' },
    { kind: 'bed_hold_ends', dueAt: '2026-03-03T18:00:00Z' },
  ];
  it.each<[string, string, typeof live, number | null]>([
    ['pre-NRM: to the end of the pre-NRM accommodation', 'pre_nrm', live, (at('2026-03-09T23:59:59.999Z').getTime() - from.getTime()) / 86_400_000],
    ['awaiting RG: to the decision target', 'awaiting_rg', live, (at('2026-03-16T23:59:59.999Z').getTime() - from.getTime()) / 86_400_000],
    ['recovery period: at least to its minimum', 'recovery_period', live, (at('2026-04-16T22:59:59.999Z').getTime() - from.getTime()) / 86_400_000],
    ["children's services: no known end", 'children_services', live, null],
    ['a stage whose deadline is not live: unknown', 'move_on', live, null],
    ['an overdue deadline: no days left', 'pre_nrm', [{ kind: 'pre_nrm_accommodation_ends', dueAt: '2026-03-01T00:00:00Z' }], 0],
    ['a missing bed hold does not end the stage', 'missing', live, null],
  ])('%s', (_scenario, stage, deadlines, expected) => {
    const days = stageRemainingDays(stage, deadlines, from);
    if (expected == null) expect(days).toBeNull();
    else expect(days).toBeCloseTo(expected, 9);
  });

  it('feeds expectedStayEnd: a pre-NRM stay from Monday evening runs to the evening after the deadline day', () => {
    const days = stageRemainingDays('pre_nrm', live, from);
    expect(expectedStayEnd(aPerson({ requestedPeriod: { from, until: null }, stageRemainingDays: days }))).toEqual(at('2026-03-10T18:00:00Z'));
  });
});

describe('dependants', () => {
  it.each<[string, Parameters<typeof aPerson>[0], number, number, string[]]>([
    ['a bare count means that many children of unknown sex', { needs: needs({ dependants: 2 }) }, 2, 2, ['female', 'unknown', 'unknown']],
    ['described dependants: an adult partner and a daughter', { dependants: [{ ageCategory: 'adult', sex: 'male' }, { ageCategory: 'child', age: 3, sex: 'female' }] }, 2, 1, ['female', 'male', 'female']],
    ['a description wins over a count', { needs: needs({ dependants: 4 }), dependants: [{ ageCategory: 'adult', sex: 'female' }] }, 1, 0, ['female', 'female']],
    ['nobody with them', {}, 0, 0, ['female']],
    ['an empty description falls back to the count', { needs: needs({ dependants: 1 }), dependants: [] }, 1, 1, ['female', 'unknown']],
  ])('%s', (_scenario, person, all, children, sexes) => {
    const p = aPerson(person);
    expect(dependantsOf(p)).toHaveLength(all);
    expect(childDependants(p)).toBe(children);
    expect(sexesToHouse(p)).toEqual(sexes);
    expect(bedsNeeded(p)).toBe(1 + all);
    expect(isFamily(p)).toBe(all > 0);
  });
});

describe('isKeptApart', () => {
  it.each<[string, Parameters<typeof aPerson>[0], boolean]>([
    ['a potential victim', {}, false],
    ['a suspect', { triageOutcome: 'suspect' }, true],
    ['a flagged possible controller', { possibleController: true }, true],
    ['a potential victim who is also a suspected offender', { suspectedOffender: true }, true],
    ['a witness (kept from victims by NOT_VICTIM_WITH_VICTIMS, not by this)', { triageOutcome: 'witness' }, false],
  ])('%s: %s', (_scenario, person, expected) => {
    expect(isKeptApart(aPerson(person))).toBe(expected);
  });
});
