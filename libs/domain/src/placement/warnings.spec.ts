import { assessSite, nearestDangerKm } from './assess-site';
import { haversineKm } from './distance';
import { placementWarnings } from './warnings';
import { aPerson, aSite, LEEDS, STAY_FROM, YORK } from './testing/placement-fixtures';

describe('bed-option warnings', () => {
  const closing = new Date(STAY_FROM.getTime() + 30 * 24 * 3600_000);
  it.each<[string, Parameters<typeof aPerson>[0], Parameters<typeof aSite>[0], string[]]>([
    ['recourse unknown at a site that does not take NRPF', {}, { acceptsNoRecourseToPublicFunds: false }, ['RECOURSE_UNKNOWN']],
    ['recourse recorded as unknown, same', { recourseToPublicFunds: 'unknown' }, { acceptsNoRecourseToPublicFunds: false }, ['RECOURSE_UNKNOWN']],
    ['recourse unknown at a site that takes NRPF: nothing to check', {}, { acceptsNoRecourseToPublicFunds: true }, []],
    ['has recourse: nothing to check', { recourseToPublicFunds: 'yes' }, { acceptsNoRecourseToPublicFunds: false }, []],
    ['stay of unknown length at a site that closes', { stageRemainingDays: null }, { availableUntil: closing }, ['STAY_END_UNKNOWN']],
    ['stay of known length at a site that closes', {}, { availableUntil: closing }, []],
    ['stay of unknown length at an open-ended site', { stageRemainingDays: null }, {}, []],
  ])('%s', (_scenario, person, site, codes) => {
    const p = aPerson(person);
    const warnings = assessSite(p, aSite(site)).warnings;
    expect(warnings.map((w) => w.code)).toEqual(codes);
    for (const w of warnings) expect(w.reason).toMatch(/^[A-Z].+[.:] ?.*\.$/);
    expect(placementWarnings(p, aSite(site), null).length).toBeGreaterThanOrEqual(0);
  });
});

describe('nearestDangerKm', () => {
  it.each<[string, Parameters<typeof aPerson>[0], Parameters<typeof aSite>[0], number | null]>([
    ['the place of exploitation only', {}, {}, haversineKm(LEEDS, YORK)],
    ['a keep-away point nearer than the exploitation site', { keepAwayFrom: [{ lat: YORK.lat + 0.05, lng: YORK.lng, radiusKm: 1 }] }, {}, haversineKm({ lat: YORK.lat + 0.05, lng: YORK.lng }, YORK)],
    ['nothing to keep away from', { exploitationSite: null }, {}, null],
    ['site location unknown', {}, { location: null }, null],
  ])('%s', (_scenario, person, site, expected) => {
    const km = nearestDangerKm(aPerson(person), aSite(site));
    if (expected == null) expect(km).toBeNull();
    else expect(km).toBeCloseTo(expected, 9);
  });
});
