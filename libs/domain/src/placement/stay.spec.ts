import { haversineKm } from './distance';
import { bedsNeeded, expectedStayEnd, isFamily, isTreatedAsChild } from './stay';
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
