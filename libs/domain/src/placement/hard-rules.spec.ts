import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessSite } from './assess-site';
import { haversineKm } from './distance';
import { HARD_FILTER_SQL, HARD_RULE_CODES, HARD_RULES } from './hard-rules';
import { overridableBy } from './placement-override';
import { DEFAULT_PLACEMENT_POLICY, PlacementPolicy } from './placement-policy';
import { HardRuleCode, PersonPlacementProfile, SitePlacementProfile, PLACEMENT_SITE_TYPES } from './placement.types';
import { aPerson, aSite, LEEDS, needs, STAY_FROM, YORK } from './testing/placement-fixtures';

const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;
const codesFor = (person: PersonPlacementProfile, site: SitePlacementProfile, policy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY) =>
  assessSite(person, site, policy).excluded.map((r) => r.code);

/** A point due north of `origin` by `km` (a meridian is a great circle, so this is exact up to rounding). */
const northOf = (origin: { lat: number; lng: number }, km: number) => ({
  lat: origin.lat + (km / 6371.0088) * (180 / Math.PI),
  lng: origin.lng,
});

type Scenario = {
  scenario: string;
  person?: Partial<PersonPlacementProfile>;
  site?: Partial<SitePlacementProfile>;
  policy?: Partial<PlacementPolicy>;
  /** The only rules that exclude: [] means suitable. */
  excludedBy: HardRuleCode[];
};

const scenarios: Scenario[] = [
  { scenario: 'the base woman in the base safe house is suitable', excludedBy: [] },

  // SUSPECT_NOT_PLACEABLE
  { scenario: 'a suspect is never placed in victim accommodation', person: { triageOutcome: 'suspect' }, excludedBy: ['SUSPECT_NOT_PLACEABLE'] },
  { scenario: 'a person not yet triaged can be placed (reception centre first night)', person: { triageOutcome: null }, excludedBy: [] },
  { scenario: 'a witness with no victims of the operation there can be placed', person: { triageOutcome: 'witness' }, excludedBy: [] },

  // CHILD_IN_ADULT_SITE
  { scenario: 'a child in an adult safe house', person: { ageCategory: 'child' }, excludedBy: ['CHILD_IN_ADULT_SITE'] },
  { scenario: 'an age-disputed person is treated as a child', person: { ageCategory: 'age_disputed' }, excludedBy: ['CHILD_IN_ADULT_SITE'] },
  { scenario: 'a child in a site that accepts children', person: { ageCategory: 'child' }, site: { acceptsChildren: true }, excludedBy: [] },
  { scenario: 'an age-disputed person in a site that accepts children', person: { ageCategory: 'age_disputed' }, site: { acceptsChildren: true }, excludedBy: [] },
  { scenario: 'a child in a foster placement (even one not flagged as accepting children)', person: { ageCategory: 'child' }, site: { type: 'foster_placement' }, excludedBy: [] },
  { scenario: 'a child in the reception centre sleeping area that does not accept children', person: { ageCategory: 'child' }, site: { type: 'reception_centre' }, excludedBy: ['CHILD_IN_ADULT_SITE'] },
  { scenario: 'an adult in a site that accepts children is fine', site: { acceptsChildren: true }, excludedBy: [] },
  { scenario: 'a man with `dependants: 2` (a bare count) in a men-only hostel that takes no children', person: { sex: 'male', needs: needs({ dependants: 2 }) }, site: { type: 'hostel', singleSex: 'male', acceptsFamilies: true }, excludedBy: ['CHILD_IN_ADULT_SITE', 'SINGLE_SEX_MISMATCH'] },
  { scenario: 'a woman with a described child dependant in a family site that takes no children', person: { dependants: [{ ageCategory: 'child', age: 4, sex: 'female' }] }, site: { acceptsFamilies: true }, excludedBy: ['CHILD_IN_ADULT_SITE'] },
  { scenario: 'a woman with a described child dependant in a family site that takes children', person: { dependants: [{ ageCategory: 'child', age: 4, sex: 'female' }] }, site: { acceptsFamilies: true, acceptsChildren: true }, excludedBy: [] },
  { scenario: 'a parent with a child dependant in a foster placement: the adult rule, not the child rule', person: { dependants: [{ ageCategory: 'child', age: 2, sex: 'female' }] }, site: { type: 'foster_placement', acceptsFamilies: true }, excludedBy: ['ADULT_IN_FOSTER_PLACEMENT'] },

  // ADULT_IN_FOSTER_PLACEMENT
  { scenario: 'an adult in a foster placement', site: { type: 'foster_placement' }, excludedBy: ['ADULT_IN_FOSTER_PLACEMENT'] },
  { scenario: 'an age-disputed person in a foster placement', person: { ageCategory: 'age_disputed' }, site: { type: 'foster_placement' }, excludedBy: [] },

  // SUSPECT_IN_SITE
  { scenario: 'a victim where a suspect of the same operation is placed', site: { sameOperationSuspectOrController: true }, excludedBy: ['SUSPECT_IN_SITE'] },
  { scenario: 'a victim where other victims of the same operation are placed', site: { sameOperationPotentialVictim: true }, excludedBy: [] },
  { scenario: 'a possible controller where victims of the same operation are placed', person: { possibleController: true }, site: { sameOperationPotentialVictim: true }, excludedBy: ['SUSPECT_IN_SITE'] },
  { scenario: 'a possible controller where no one of the operation is placed', person: { possibleController: true }, excludedBy: [] },
  { scenario: 'a child where a suspect is placed: both rules', person: { ageCategory: 'child' }, site: { sameOperationSuspectOrController: true }, excludedBy: ['CHILD_IN_ADULT_SITE', 'SUSPECT_IN_SITE'] },
  { scenario: 'a victim placed in one request with a possible controller (shared group)', person: { placedWith: { keepApart: true, potentialVictim: false } }, excludedBy: ['SUSPECT_IN_SITE'] },
  { scenario: 'a possible controller placed in one request with victims', person: { possibleController: true, placedWith: { keepApart: false, potentialVictim: true } }, excludedBy: ['SUSPECT_IN_SITE'] },
  { scenario: 'a victim placed in one request with other victims', person: { placedWith: { keepApart: false, potentialVictim: true } }, excludedBy: [] },
  { scenario: 'a victim who is also a suspected offender where victims of the operation are placed', person: { suspectedOffender: true }, site: { sameOperationPotentialVictim: true }, excludedBy: ['SUSPECT_IN_SITE'] },
  { scenario: 'a victim who is also a suspected offender where nobody of the operation is placed', person: { suspectedOffender: true }, excludedBy: [] },
  { scenario: "a child victim and suspected offender in a foster placement: placed by children's services", person: { ageCategory: 'child', suspectedOffender: true }, site: { type: 'foster_placement' }, excludedBy: [] },
  { scenario: 'a child triaged only as a suspect in a foster placement: placeable, kept apart', person: { ageCategory: 'child', triageOutcome: 'suspect' }, site: { type: 'foster_placement' }, excludedBy: [] },
  { scenario: 'a child triaged only as a suspect where victims of the operation are placed', person: { ageCategory: 'child', triageOutcome: 'suspect' }, site: { type: 'foster_placement', sameOperationPotentialVictim: true }, excludedBy: ['SUSPECT_IN_SITE'] },
  { scenario: 'an adult suspect where victims are placed: both rules', person: { triageOutcome: 'suspect' }, site: { sameOperationPotentialVictim: true }, excludedBy: ['SUSPECT_NOT_PLACEABLE', 'SUSPECT_IN_SITE'] },

  // NOT_VICTIM_WITH_VICTIMS
  { scenario: 'a witness where victims of the same operation are placed', person: { triageOutcome: 'witness' }, site: { sameOperationPotentialVictim: true }, excludedBy: ['NOT_VICTIM_WITH_VICTIMS'] },
  { scenario: 'a person found not to be a victim where victims of the operation are placed', person: { triageOutcome: 'not_victim' }, site: { sameOperationPotentialVictim: true }, excludedBy: ['NOT_VICTIM_WITH_VICTIMS'] },
  { scenario: 'an untriaged person where victims of the operation are placed', person: { triageOutcome: null }, site: { sameOperationPotentialVictim: true }, excludedBy: [] },
  { scenario: 'a witness placed in one request with a potential victim', person: { triageOutcome: 'witness', placedWith: { keepApart: false, potentialVictim: true } }, excludedBy: ['NOT_VICTIM_WITH_VICTIMS'] },

  // SINGLE_SEX_MISMATCH
  { scenario: 'a man in a women-only refuge', person: { sex: 'male' }, site: { singleSex: 'female' }, excludedBy: ['SINGLE_SEX_MISMATCH'] },
  { scenario: 'a woman in a men-only hostel', site: { singleSex: 'male' }, excludedBy: ['SINGLE_SEX_MISMATCH'] },
  { scenario: 'a woman in a women-only refuge', site: { singleSex: 'female' }, excludedBy: [] },
  { scenario: 'a man in a men-only hostel', person: { sex: 'male' }, site: { singleSex: 'male' }, excludedBy: [] },
  { scenario: 'a person of another recorded sex in a single-sex site', person: { sex: 'other' }, site: { singleSex: 'female' }, excludedBy: ['SINGLE_SEX_MISMATCH'] },
  { scenario: 'a person of another recorded sex in a mixed site', person: { sex: 'other' }, excludedBy: [] },
  { scenario: 'a mother with a son in a women-only site that takes children', person: { dependants: [{ ageCategory: 'child', age: 15, sex: 'male' }] }, site: { singleSex: 'female', acceptsChildren: true, acceptsFamilies: true }, excludedBy: ['SINGLE_SEX_MISMATCH'] },
  { scenario: 'a mother with a daughter in a women-only site that takes children', person: { dependants: [{ ageCategory: 'child', age: 6, sex: 'female' }] }, site: { singleSex: 'female', acceptsChildren: true, acceptsFamilies: true }, excludedBy: [] },
  { scenario: 'a mother with a child of unrecorded sex in a women-only site', person: { dependants: [{ ageCategory: 'child', age: 6 }] }, site: { singleSex: 'female', acceptsChildren: true, acceptsFamilies: true }, excludedBy: ['SINGLE_SEX_MISMATCH'] },

  // NO_FREE_BED
  { scenario: 'a site with no bed free for the period', site: { freeBeds: 0 }, excludedBy: ['NO_FREE_BED'] },
  { scenario: 'a site with exactly one bed free for one person', site: { freeBeds: 1 }, excludedBy: [] },

  // FAMILY_NEEDS_BEDS
  { scenario: 'a group of four travelling together and three free beds', person: { groupSize: 4, groupKind: 'travelled_together' }, excludedBy: ['FAMILY_NEEDS_BEDS'] },
  { scenario: 'a group of three travelling together and exactly three free beds', person: { groupSize: 3, groupKind: 'travelled_together' }, excludedBy: [] },
  { scenario: 'a registered family of three in a site that does not accept families', person: { groupSize: 3, groupKind: 'family' }, excludedBy: ['FAMILY_NEEDS_BEDS'] },
  { scenario: 'a registered family of three in a family site with three beds', person: { groupSize: 3, groupKind: 'family' }, site: { acceptsFamilies: true }, excludedBy: [] },
  { scenario: 'a mother with two dependants (not registered) in a family site with two beds', person: { needs: needs({ dependants: 2 }) }, site: { acceptsFamilies: true, acceptsChildren: true, freeBeds: 2 }, excludedBy: ['FAMILY_NEEDS_BEDS'] },
  { scenario: 'a mother with two dependants in a family site with three beds', person: { needs: needs({ dependants: 2 }) }, site: { acceptsFamilies: true, acceptsChildren: true, freeBeds: 3 }, excludedBy: [] },
  { scenario: 'a mother with one dependant in a site that does not accept families', person: { needs: needs({ dependants: 1 }) }, site: { acceptsChildren: true }, excludedBy: ['FAMILY_NEEDS_BEDS'] },
  { scenario: 'a woman with her adult sister as a described dependant: a family, no child rule', person: { dependants: [{ ageCategory: 'adult', sex: 'female' }] }, site: { acceptsFamilies: true }, excludedBy: [] },
  { scenario: 'described dependants take precedence over a stale count', person: { needs: needs({ dependants: 3 }), dependants: [{ ageCategory: 'adult', sex: 'female' }] }, site: { acceptsFamilies: true, freeBeds: 2 }, excludedBy: [] },
  { scenario: 'a family group of one (the others placed already) needs no family site', person: { groupSize: 1, groupKind: 'family' }, excludedBy: [] },
  { scenario: 'a family of three and no bed at all: both the bed and the family rule', person: { groupSize: 3, groupKind: 'family' }, site: { acceptsFamilies: true, freeBeds: 0 }, excludedBy: ['NO_FREE_BED', 'FAMILY_NEEDS_BEDS'] },

  // NOT_WHEELCHAIR_ACCESSIBLE
  { scenario: 'a wheelchair user in a site without step-free access', person: { needs: needs({ wheelchair: true }) }, site: { wheelchairAccessible: false }, excludedBy: ['NOT_WHEELCHAIR_ACCESSIBLE'] },
  { scenario: 'a wheelchair user in an accessible site', person: { needs: needs({ wheelchair: true }) }, excludedBy: [] },
  { scenario: 'someone who walks in a site without step-free access', site: { wheelchairAccessible: false }, excludedBy: [] },

  // NO_RECOURSE_TO_PUBLIC_FUNDS
  { scenario: 'no recourse to public funds in a site that does not accept it', person: { recourseToPublicFunds: 'no' }, site: { acceptsNoRecourseToPublicFunds: false }, excludedBy: ['NO_RECOURSE_TO_PUBLIC_FUNDS'] },
  { scenario: 'no recourse to public funds in a site that accepts it', person: { recourseToPublicFunds: 'no' }, site: { acceptsNoRecourseToPublicFunds: true }, excludedBy: [] },
  { scenario: 'recourse to public funds in a site that does not take NRPF', person: { recourseToPublicFunds: 'yes' }, site: { acceptsNoRecourseToPublicFunds: false }, excludedBy: [] },
  { scenario: 'an unknown recourse status is a warning, not a refusal', person: { recourseToPublicFunds: 'unknown' }, site: { acceptsNoRecourseToPublicFunds: false }, excludedBy: [] },

  // VULNERABLE_IN_SHARED
  { scenario: 'additional vulnerability in a dormitory', person: { needs: needs({ additionalVulnerability: true }) }, site: { selfContained: false, dormitory: true }, excludedBy: ['VULNERABLE_IN_SHARED'] },
  { scenario: 'additional vulnerability in a trauma-informed dormitory: still excluded', person: { needs: needs({ additionalVulnerability: true }) }, site: { selfContained: false, dormitory: true, traumaInformed: true }, excludedBy: ['VULNERABLE_IN_SHARED'] },
  { scenario: 'additional vulnerability in a shared hostel that is not trauma-informed', person: { needs: needs({ additionalVulnerability: true }) }, site: { type: 'hostel', selfContained: false, traumaInformed: false }, excludedBy: ['VULNERABLE_IN_SHARED'] },
  { scenario: 'additional vulnerability in a shared, trauma-informed refuge', person: { needs: needs({ additionalVulnerability: true }) }, site: { type: 'refuge', selfContained: false, traumaInformed: true }, excludedBy: [] },
  { scenario: 'additional vulnerability in a shared, trauma-informed refuge when policy forbids any sharing', person: { needs: needs({ additionalVulnerability: true }) }, site: { type: 'refuge', selfContained: false, traumaInformed: true }, policy: { vulnerableMayShareTraumaInformed: false }, excludedBy: ['VULNERABLE_IN_SHARED'] },
  { scenario: 'additional vulnerability in a self-contained flat', person: { needs: needs({ additionalVulnerability: true }) }, site: { type: 'self_contained_flat', traumaInformed: false }, excludedBy: [] },
  { scenario: 'no additional vulnerability in a dormitory', site: { selfContained: false, dormitory: true }, excludedBy: [] },

  // TOO_CLOSE_TO_EXPLOITATION
  { scenario: 'a site 4.9 km from the place of exploitation', site: { location: northOf(LEEDS, 4.9) }, excludedBy: ['TOO_CLOSE_TO_EXPLOITATION'] },
  { scenario: 'a site 5.1 km from the place of exploitation', site: { location: northOf(LEEDS, 5.1) }, excludedBy: [] },
  { scenario: 'a site at the place of exploitation itself', site: { location: LEEDS }, excludedBy: ['TOO_CLOSE_TO_EXPLOITATION'] },
  { scenario: 'a site with no recorded location cannot be judged on distance', site: { location: null }, excludedBy: [] },
  { scenario: 'no place of exploitation recorded: distance cannot exclude', person: { exploitationSite: null }, site: { location: LEEDS }, excludedBy: [] },
  { scenario: 'a policy minimum of 10 km excludes a site 7 km away', site: { location: northOf(LEEDS, 7) }, policy: { minimumDistanceKm: 10 }, excludedBy: ['TOO_CLOSE_TO_EXPLOITATION'] },

  // INSIDE_KEEP_AWAY_AREA
  { scenario: 'a site 4 km from where a known exploiter lives (10 km radius)', person: { keepAwayFrom: [{ ...northOf(YORK, 4), radiusKm: 10 }] }, excludedBy: ['INSIDE_KEEP_AWAY_AREA'] },
  { scenario: 'a site 12 km from where a known exploiter lives (10 km radius)', person: { keepAwayFrom: [{ ...northOf(YORK, 12), radiusKm: 10 }] }, excludedBy: [] },
  { scenario: 'inside the second of two keep-away areas', person: { keepAwayFrom: [{ ...LEEDS, radiusKm: 1 }, { ...YORK, radiusKm: 0.5 }] }, excludedBy: ['INSIDE_KEEP_AWAY_AREA'] },
  { scenario: 'a site with no recorded location cannot be judged against keep-away areas', person: { keepAwayFrom: [{ ...YORK, radiusKm: 50 }] }, site: { location: null }, excludedBy: [] },

  // WINDOW_TOO_SHORT (stay: from STAY_FROM for 5 remaining days unless `until` given)
  { scenario: 'a site available from later than the stay starts', site: { availableFrom: new Date(STAY_FROM.getTime() + 60_000) }, excludedBy: ['WINDOW_TOO_SHORT'] },
  { scenario: 'a site available from exactly when the stay starts', site: { availableFrom: STAY_FROM }, excludedBy: [] },
  { scenario: 'a site whose availability ended exactly when the stay starts', site: { availableUntil: STAY_FROM }, person: { stageRemainingDays: null }, excludedBy: ['WINDOW_TOO_SHORT'] },
  { scenario: 'a site available for 4 days when the stage has 5 left', site: { availableUntil: new Date(STAY_FROM.getTime() + 4 * DAY) }, excludedBy: ['WINDOW_TOO_SHORT'] },
  { scenario: 'a site available until exactly the end of the 5 remaining days', site: { availableUntil: new Date(STAY_FROM.getTime() + 5 * DAY) }, excludedBy: [] },
  { scenario: 'a site available until one millisecond before the stay ends', site: { availableUntil: new Date(STAY_FROM.getTime() + 5 * DAY - 1) }, excludedBy: ['WINDOW_TOO_SHORT'] },
  { scenario: 'a requested end overrides the stage: window ends exactly at the requested end', person: { requestedPeriod: { from: STAY_FROM, until: at('2026-03-04T10:00:00Z') } }, site: { availableUntil: at('2026-03-04T10:00:00Z') }, excludedBy: [] },
  { scenario: 'a requested end after the window ends', person: { requestedPeriod: { from: STAY_FROM, until: at('2026-03-20T10:00:00Z') } }, site: { availableUntil: at('2026-03-10T10:00:00Z') }, excludedBy: ['WINDOW_TOO_SHORT'] },
  { scenario: 'an open-ended stay of unknown length in a site open for a while yet', person: { stageRemainingDays: null }, site: { availableUntil: at('2026-03-03T10:00:00Z') }, excludedBy: [] },
  { scenario: 'a recovery period of 45 days in a void property available for 30', person: { stage: 'recovery_period', stageRemainingDays: 45 }, site: { type: 'void_property', availableUntil: new Date(STAY_FROM.getTime() + 30 * DAY) }, excludedBy: ['WINDOW_TOO_SHORT'] },

  // SITE_NOT_READY
  { scenario: 'a void property not yet ready', site: { type: 'void_property', readiness: 'not_ready' }, excludedBy: ['SITE_NOT_READY'] },
  { scenario: 'a void property marked ready', site: { type: 'void_property', readiness: 'ready' }, excludedBy: [] },
];

describe('hard rules: one scenario per rule, both directions', () => {
  it.each(scenarios)('$scenario', ({ person, site, policy, excludedBy }) => {
    const result = assessSite(aPerson(person), aSite(site), { ...DEFAULT_PLACEMENT_POLICY, ...policy });
    expect(result.excluded.map((r) => r.code)).toEqual(excludedBy);
    expect(result.suitable).toBe(excludedBy.length === 0);
    for (const rule of result.excluded) expect(rule.reason).toMatch(/^[A-Z].+\.$/);
  });

  it('covers every hard rule with at least one scenario that excludes', () => {
    const seen = new Set(scenarios.flatMap((s) => s.excludedBy));
    expect([...seen].sort()).toEqual([...HARD_RULE_CODES].sort());
  });
});

describe('boundaries', () => {
  const site = (km: number) => aSite({ location: northOf(LEEDS, km) });

  it('a site exactly at the minimum distance is allowed; a hair closer is not', () => {
    const location = northOf(LEEDS, 5);
    const exact = haversineKm(LEEDS, location);
    expect(exact).toBeCloseTo(5, 9);
    const atMinimum = { ...DEFAULT_PLACEMENT_POLICY, minimumDistanceKm: exact };
    expect(codesFor(aPerson(), aSite({ location }), atMinimum)).toEqual([]);
    const justAbove = { ...DEFAULT_PLACEMENT_POLICY, minimumDistanceKm: exact + 1e-9 };
    expect(codesFor(aPerson(), aSite({ location }), justAbove)).toEqual(['TOO_CLOSE_TO_EXPLOITATION']);
  });

  it.each([
    [4.999, ['TOO_CLOSE_TO_EXPLOITATION']],
    [5.001, []],
  ])('a site %s km away against the 5 km default', (km, expected) => {
    expect(codesFor(aPerson(), site(km as number))).toEqual(expected);
  });

  it('the window end matches the stage end across the clock change (Europe/London wall clock)', () => {
    // 28 Mar 2026 18:00 GMT + 5 days = 2 Apr 2026 18:00 BST = 17:00Z: the clocks went forward on 29 Mar.
    const from = at('2026-03-28T18:00:00Z');
    const person = aPerson({ requestedPeriod: { from, until: null }, stageRemainingDays: 5 });
    expect(codesFor(person, aSite({ availableUntil: at('2026-04-02T17:00:00Z') }))).toEqual([]);
    expect(codesFor(person, aSite({ availableUntil: at('2026-04-02T16:59:59.999Z') }))).toEqual(['WINDOW_TOO_SHORT']);
  });

  it('an age-disputed person is placed like a child in every site type', () => {
    for (const type of PLACEMENT_SITE_TYPES) {
      const child = codesFor(aPerson({ ageCategory: 'child' }), aSite({ type }));
      const disputed = codesFor(aPerson({ ageCategory: 'age_disputed' }), aSite({ type }));
      expect({ type, disputed }).toEqual({ type, disputed: child });
    }
  });

  it('reasons name the figures the officer needs', () => {
    const [window] = assessSite(aPerson(), aSite({ availableUntil: at('2026-03-05T12:00:00Z') })).excluded;
    expect(window.reason).toBe(
      'The site is available until 5 Mar 2026 12:00, before the expected end of the stay (7 Mar 2026 18:00).',
    );
    const [close] = assessSite(aPerson(), site(3)).excluded;
    expect(close.reason).toBe('The site is 3.0 km from the place of exploitation; the minimum is 5 km.');
    const [beds] = assessSite(aPerson({ groupSize: 5, groupKind: 'travelled_together' }), aSite({ freeBeds: 2 })).excluded;
    expect(beds.reason).toBe('The group needs 5 beds together and this site has 2 free beds.');
    const [child] = assessSite(aPerson({ ageCategory: 'age_disputed' }), aSite({ type: 'hostel' })).excluded;
    expect(child.reason).toContain('age is disputed');
  });
});

describe('the rule set as data', () => {
  it('lists every rule once, each with a plain-words rule and a SQL mirror', () => {
    expect(new Set(HARD_RULE_CODES).size).toBe(HARD_RULES.length);
    for (const rule of HARD_RULES) {
      expect(rule.rule.length).toBeGreaterThan(20);
      expect(rule.sqlExcludes).toMatch(/^coalesce\(.+, false\)$/s);
    }
  });

  it('the SQL pre-filter requires every rule to pass', () => {
    for (const rule of HARD_RULES) expect(HARD_FILTER_SQL).toContain(`not ${rule.sqlExcludes}`);
  });
});

describe('docs/placement.md keeps in step with the rule catalogue', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/placement.md'), 'utf8');
  const tableAfter = (heading: string) => {
    expect(doc).toContain(heading);
    const section = doc.slice(doc.indexOf(heading));
    const end = section.indexOf('\n## ', 1);
    return (end > 0 ? section.slice(0, end) : section).split('\n').filter((line) => /^\| `[A-Za-z_]+` \|/.test(line));
  };
  const codeOf = (row: string) => row.split('|')[1].trim().replace(/`/g, '');
  const hardRows = tableAfter('## Hard rules');

  it('lists exactly the hard rules of the code, in the order reasons are shown', () => {
    expect(hardRows.map(codeOf)).toEqual([...HARD_RULE_CODES]);
  });

  it.each(HARD_RULE_CODES)('says who may override %s, as the default policy does', (code) => {
    const row = hardRows.find((r) => codeOf(r) === code)!;
    const who = row.split('|').slice(-2, -1)[0].trim();
    const roles = who === 'nobody' ? [] : who.split(', ').map((w) => w.replace(/ /g, '_'));
    expect(roles.sort()).toEqual([...overridableBy(code, DEFAULT_PLACEMENT_POLICY)].sort());
  });

  it('lists every soft preference with its default weight', () => {
    const rows = tableAfter('## Soft preferences');
    const weights = Object.fromEntries(rows.map((r) => [codeOf(r), Number(r.split('|')[2].trim())]));
    expect(weights).toEqual(DEFAULT_PLACEMENT_POLICY.weights);
  });

  it('lists every bed-options warning', () => {
    const rows = tableAfter('## Warnings');
    expect(rows.map(codeOf).sort()).toEqual(['RECOURSE_UNKNOWN', 'STAY_END_UNKNOWN']);
  });
});
