import { assessSite, BedCandidate, rankBeds } from './assess-site';
import { DEFAULT_PLACEMENT_POLICY } from './placement-policy';
import { SitePlacementProfile } from './placement.types';
import { aPerson, aSite, LEEDS } from './testing/placement-fixtures';

const northOf = (km: number) => ({ lat: LEEDS.lat + (km / 6371.0088) * (180 / Math.PI), lng: LEEDS.lng });
const beds = (site: SitePlacementProfile, ...labels: string[]): BedCandidate[] =>
  labels.map((label) => ({ bedId: `${site.siteId}/${label}`, site }));

describe('assessSite', () => {
  it('returns the shape the API needs', () => {
    const result = assessSite(aPerson(), aSite({ siteId: 'york-safe-house' }));
    expect(result).toMatchObject({ siteId: 'york-safe-house', suitable: true, excluded: [], score: 91 });
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.distanceKm).toBeCloseTo(35.4, 1);
  });

  it('uses the default policy when none is given', () => {
    expect(assessSite(aPerson(), aSite())).toEqual(assessSite(aPerson(), aSite(), DEFAULT_PLACEMENT_POLICY));
  });

  it('lists every broken rule, gravest first', () => {
    const result = assessSite(
      aPerson({ ageCategory: 'child', sex: 'male' }),
      aSite({ singleSex: 'female', readiness: 'not_ready', freeBeds: 0 }),
    );
    expect(result.excluded.map((r) => r.code)).toEqual(['CHILD_IN_ADULT_SITE', 'SINGLE_SEX_MISMATCH', 'NO_FREE_BED', 'SITE_NOT_READY']);
  });

  it('has no distance when a location is missing', () => {
    expect(assessSite(aPerson(), aSite({ location: null })).distanceKm).toBeNull();
    expect(assessSite(aPerson({ exploitationSite: null }), aSite()).distanceKm).toBeNull();
  });

  it('does not change its inputs', () => {
    const person = aPerson();
    const site = aSite();
    const before = JSON.stringify([person, site]);
    assessSite(person, site);
    expect(JSON.stringify([person, site])).toBe(before);
  });
});

describe('rankBeds', () => {
  const far = aSite({ siteId: 'b-far', location: northOf(80) });
  const near = aSite({ siteId: 'a-near', location: northOf(20) });
  const shared = aSite({ siteId: 'c-shared', location: northOf(80), selfContained: false });
  const notReady = aSite({ siteId: 'd-not-ready', location: northOf(80), readiness: 'not_ready' });
  const tooClose = aSite({ siteId: 'e-too-close', location: northOf(2) });

  it('orders suitable beds by score, and lists each excluded site once with its rules', () => {
    const ranking = rankBeds(aPerson(), [...beds(near, '1'), ...beds(notReady, '1', '2'), ...beds(far, '1'), ...beds(shared, '1'), ...beds(tooClose, '1')]);
    expect(ranking.options.map((o) => [o.bedId, o.score])).toEqual([
      ['b-far/1', 100],
      ['c-shared/1', 92],
      ['a-near/1', 81],
    ]);
    expect(ranking.excluded.map((e) => [e.siteId, e.rules.map((r) => r.code)])).toEqual([
      ['d-not-ready', ['SITE_NOT_READY']],
      ['e-too-close', ['TOO_CLOSE_TO_EXPLOITATION']],
    ]);
  });

  it('breaks ties by the further site, then by site and bed id, whatever the input order', () => {
    // Both beyond the full-credit distance, so both score 100.
    const veryFar = aSite({ siteId: 'z-very-far', location: northOf(120) });
    const candidates = [...beds(far, '2', '1'), ...beds(veryFar, 'b', 'a')];
    const expected = ['z-very-far/a', 'z-very-far/b', 'b-far/1', 'b-far/2'];
    expect(rankBeds(aPerson(), candidates).options.map((o) => o.bedId)).toEqual(expected);
    expect(rankBeds(aPerson(), [...candidates].reverse()).options.map((o) => o.bedId)).toEqual(expected);
  });

  it('on equal scores, a site of unknown distance comes after one of known distance', () => {
    const noDistanceWeight = { ...DEFAULT_PLACEMENT_POLICY, weights: { ...DEFAULT_PLACEMENT_POLICY.weights, distance: 0 } };
    const unknown = aSite({ siteId: 'a-unknown', location: null });
    const known = aSite({ siteId: 'b-known', location: northOf(10) });
    const ranking = rankBeds(aPerson(), [...beds(unknown, '1'), ...beds(known, '1')], noDistanceWeight);
    expect(ranking.options.map((o) => [o.siteId, o.score])).toEqual([
      ['b-known', 100],
      ['a-unknown', 100],
    ]);
  });

  it('keeps the best `limit` beds', () => {
    const ranking = rankBeds(aPerson(), [...beds(near, '1', '2'), ...beds(far, '1', '2', '3')], DEFAULT_PLACEMENT_POLICY, { limit: 2 });
    expect(ranking.options.map((o) => o.bedId)).toEqual(['b-far/1', 'b-far/2']);
  });

  it('caps beds per site so one large site does not fill the list', () => {
    const ranking = rankBeds(aPerson(), [...beds(near, '1', '2'), ...beds(far, '1', '2', '3')], DEFAULT_PLACEMENT_POLICY, {
      maxBedsPerSite: 1,
      limit: 5,
    });
    expect(ranking.options.map((o) => o.bedId)).toEqual(['b-far/1', 'a-near/1']);
  });

  it('a limit of 0 gives no options but still explains exclusions', () => {
    const ranking = rankBeds(aPerson(), [...beds(far, '1'), ...beds(notReady, '1')], DEFAULT_PLACEMENT_POLICY, { limit: 0 });
    expect(ranking.options).toEqual([]);
    expect(ranking.excluded.map((e) => e.siteId)).toEqual(['d-not-ready']);
  });

  it('gives nothing for no candidates', () => {
    expect(rankBeds(aPerson(), [])).toEqual({ options: [], excluded: [] });
  });

  it('places a child only in the foster placement among adult sites', () => {
    const foster = aSite({ siteId: 'foster', type: 'foster_placement', location: northOf(30) });
    const ranking = rankBeds(aPerson({ ageCategory: 'age_disputed' }), [...beds(far, '1'), ...beds(foster, '1'), ...beds(near, '1')]);
    expect(ranking.options.map((o) => o.siteId)).toEqual(['foster']);
    expect(ranking.excluded.map((e) => e.siteId)).toEqual(['a-near', 'b-far']);
  });
});
