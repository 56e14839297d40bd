import { assessSite } from './assess-site';
import { DEFAULT_PLACEMENT_POLICY, PlacementPolicy } from './placement-policy';
import { PersonPlacementProfile, PreferenceCode, SitePlacementProfile } from './placement.types';
import { normaliseLanguage, PREFERENCE_CODES } from './soft-preferences';
import { aPerson, aSite, LEEDS, needs, STAY_FROM } from './testing/placement-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const northOf = (km: number) => ({ lat: LEEDS.lat + (km / 6371.0088) * (180 / Math.PI), lng: LEEDS.lng });
const withAgreement: PlacementPolicy = {
  ...DEFAULT_PLACEMENT_POLICY,
  crossBoundaryAgreements: [{ fromAuthority: 'E08000035', toAuthority: 'E08000036' }],
};

const preference = (
  code: PreferenceCode,
  person: Partial<PersonPlacementProfile> = {},
  site: Partial<SitePlacementProfile> = {},
  policy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY,
) => {
  const found = assessSite(aPerson(person), aSite(site), policy).breakdown.find((p) => p.code === code);
  if (!found) throw new Error(`no ${code} in the breakdown`);
  return found;
};

type Case = {
  scenario: string;
  code: PreferenceCode;
  person?: Partial<PersonPlacementProfile>;
  site?: Partial<SitePlacementProfile>;
  policy?: PlacementPolicy;
  credit: number | null;
  reason: string | RegExp;
};

const cases: Case[] = [
  // distance: 0 at the 5 km minimum, 1 from 50 km, linear between; further is safer.
  { scenario: 'exactly at the minimum distance: no credit', code: 'distance', site: { location: northOf(5) }, credit: 0, reason: '5.0 km from the place of exploitation (further is safer).' },
  { scenario: 'half way between minimum and full credit', code: 'distance', site: { location: northOf(27.5) }, credit: 0.5, reason: /^27\.5 km/ },
  { scenario: 'exactly at the full-credit distance', code: 'distance', site: { location: northOf(50) }, credit: 1, reason: /^50\.0 km/ },
  { scenario: 'far beyond the full-credit distance', code: 'distance', site: { location: northOf(300) }, credit: 1, reason: /^300\.0 km/ },
  { scenario: 'site location unknown: neutral credit', code: 'distance', site: { location: null }, credit: 0.5, reason: "The site's location is not recorded: distance unknown." },
  { scenario: 'place of exploitation unknown: does not apply', code: 'distance', person: { exploitationSite: null }, credit: null, reason: 'The place of exploitation is not recorded.' },

  // language
  { scenario: 'staff speak the person\'s language', code: 'language', credit: 1, reason: 'Staff speak ro.' },
  { scenario: 'regional variants and case match (pt-BR ~ PT)', code: 'language', person: { languages: ['pt-BR'] }, site: { languages: ['PT'] }, credit: 1, reason: 'Staff speak pt.' },
  { scenario: 'no language in common: interpreter needed', code: 'language', person: { languages: ['sq'] }, site: { languages: ['pl'] }, credit: 0, reason: 'No staff language in common with the person (sq): an interpreter is needed.' },
  { scenario: 'an English speaker matches a site that lists no languages (staff assumed to speak English)', code: 'language', person: { languages: ['en', 'sq'] }, site: { languages: [] }, credit: 1, reason: 'Staff speak en.' },
  { scenario: 'no assumed language and none listed: neutral credit', code: 'language', site: { languages: [] }, policy: { ...DEFAULT_PLACEMENT_POLICY, assumedStaffLanguages: [] }, credit: 0.5, reason: "The staff's languages are not recorded." },
  { scenario: 'person\'s languages unknown: does not apply', code: 'language', person: { languages: [] }, credit: null, reason: "The person's languages are not recorded." },

  // local authority
  { scenario: 'same local authority', code: 'localAuthority', credit: 1, reason: 'In the same local authority (E08000035).' },
  { scenario: 'neighbouring authority under a cross-boundary agreement', code: 'localAuthority', site: { localAuthorityCode: 'E08000036' }, policy: withAgreement, credit: 0.75, reason: 'In E08000036, covered by a cross-boundary agreement with E08000035.' },
  { scenario: 'an agreement only runs one way', code: 'localAuthority', person: { localAuthorityCode: 'E08000036' }, site: { localAuthorityCode: 'E08000035' }, policy: withAgreement, credit: 0, reason: 'In E08000035, outside E08000036, with no cross-boundary agreement.' },
  { scenario: 'another authority with no agreement', code: 'localAuthority', site: { localAuthorityCode: 'E06000014' }, credit: 0, reason: /no cross-boundary agreement/ },
  { scenario: 'person\'s local authority unknown: does not apply', code: 'localAuthority', person: { localAuthorityCode: null }, credit: null, reason: /not recorded/ },

  // self-contained over shared
  { scenario: 'self-contained', code: 'selfContained', credit: 1, reason: 'Self-contained.' },
  { scenario: 'shared, not a dormitory', code: 'selfContained', site: { selfContained: false }, credit: 0.5, reason: 'Shared accommodation.' },
  { scenario: 'dormitory', code: 'selfContained', site: { selfContained: false, dormitory: true }, credit: 0, reason: 'Dormitory-style.' },

  // availability length against the stage's remaining days
  { scenario: 'open-ended availability', code: 'availabilityLength', credit: 1, reason: 'Available with no end date.' },
  { scenario: 'available exactly as long as the stage lasts', code: 'availabilityLength', site: { availableUntil: new Date(STAY_FROM.getTime() + 5 * DAY) }, credit: 1, reason: 'Available for 5 days; the pre-NRM stage has about 5 days left.' },
  { scenario: 'available for 30 of the 45 recovery days (a housing officer override)', code: 'availabilityLength', person: { stage: 'recovery_period', stageRemainingDays: 45 }, site: { availableUntil: new Date(STAY_FROM.getTime() + 30 * DAY) }, credit: 30 / 45, reason: 'Available for 30 days; the recovery period stage has about 45 days left.' },
  { scenario: 'longer than the stage: full credit', code: 'availabilityLength', site: { availableUntil: new Date(STAY_FROM.getTime() + 90 * DAY) }, credit: 1, reason: /^Available for 90 days/ },
  { scenario: 'stage length unknown: does not apply', code: 'availabilityLength', person: { stageRemainingDays: null }, credit: null, reason: /not known/ },
  { scenario: 'stage overdue (0 days left): does not apply', code: 'availabilityLength', person: { stageRemainingDays: 0 }, credit: null, reason: /not known/ },

  // trauma-informed
  { scenario: 'trauma-informed site', code: 'traumaInformed', credit: 1, reason: 'Trauma-informed.' },
  { scenario: 'not trauma-informed', code: 'traumaInformed', site: { traumaInformed: false }, credit: 0, reason: 'Not trauma-informed.' },

  // staffing, for medical needs
  { scenario: 'medical needs, staffed 24h', code: 'staffing', person: { needs: needs({ medical: true }) }, credit: 1, reason: 'Medical needs: staffed 24h.' },
  { scenario: 'medical needs, office hours only', code: 'staffing', person: { needs: needs({ medical: true }) }, site: { staffedHours: 'office' }, credit: 0.5, reason: 'Medical needs: staffed office.' },
  { scenario: 'medical needs, someone on call', code: 'staffing', person: { needs: needs({ medical: true }) }, site: { staffedHours: 'on_call' }, credit: 0.25, reason: 'Medical needs: staffed on call.' },
  { scenario: 'medical needs, unstaffed', code: 'staffing', person: { needs: needs({ medical: true }) }, site: { staffedHours: 'none' }, credit: 0, reason: 'Medical needs: staffed none.' },
  { scenario: 'medical needs, staffing unknown', code: 'staffing', person: { needs: needs({ medical: true }) }, site: { staffedHours: null }, credit: 0.5, reason: /not recorded/ },
  { scenario: 'medical needs, a staffed-hours value the policy does not know', code: 'staffing', person: { needs: needs({ medical: true }) }, site: { staffedHours: 'toString' }, credit: 0.5, reason: /not recorded/ },
  { scenario: 'no medical needs: does not apply', code: 'staffing', site: { staffedHours: 'none' }, credit: null, reason: 'No medical needs recorded.' },

  // the person's single-sex preference
  { scenario: 'asked for single-sex, women-only site', code: 'singleSexPreference', person: { prefersSingleSex: true }, site: { singleSex: 'female' }, credit: 1, reason: 'Single-sex, as the person asked.' },
  { scenario: 'asked for single-sex, mixed site', code: 'singleSexPreference', person: { prefersSingleSex: true }, credit: 0, reason: /^Not single-sex/ },
  { scenario: 'no preference: does not apply', code: 'singleSexPreference', site: { singleSex: 'female' }, credit: null, reason: 'No single-sex preference.' },

  // distance from the nearest place to keep away from, once the person has keep-away places
  { scenario: 'a keep-away point nearer than the place of exploitation counts', code: 'distance', person: { keepAwayFrom: [{ ...northOf(20), radiusKm: 2 }] }, site: { location: northOf(47.5) }, credit: 0.5, reason: '27.5 km from the nearest place to keep away from (further is safer).' },
  { scenario: 'only keep-away points known: distance still applies', code: 'distance', person: { exploitationSite: null, keepAwayFrom: [{ ...LEEDS, radiusKm: 2 }] }, site: { location: northOf(50) }, credit: 1, reason: /^50\.0 km from the nearest place/ },

  // pregnancy
  { scenario: 'pregnant, self-contained and staffed 24h', code: 'pregnancy', person: { needs: needs({ pregnant: true }) }, credit: 1, reason: 'Pregnant: the site is self-contained and staffed 24 hours.' },
  { scenario: 'pregnant, shared and office hours', code: 'pregnancy', person: { needs: needs({ pregnant: true }) }, site: { selfContained: false, staffedHours: 'office' }, credit: 0.4, reason: 'Pregnant: the site is shared, not staffed 24 hours.' },
  { scenario: 'pregnant, dormitory with 24h staff', code: 'pregnancy', person: { needs: needs({ pregnant: true }) }, site: { selfContained: false, dormitory: true }, credit: 0.25, reason: /dormitory-style and staffed 24 hours/ },
  { scenario: 'not pregnant: does not apply', code: 'pregnancy', credit: null, reason: 'Not pregnant.' },

  // pets
  { scenario: 'a pet, and the site takes pets', code: 'pets', person: { needs: needs({ pets: true }) }, site: { acceptsPets: true }, credit: 1, reason: /^Takes pets/ },
  { scenario: 'a pet, and the site does not take pets', code: 'pets', person: { needs: needs({ pets: true }) }, credit: 0, reason: /^Does not take pets/ },
  { scenario: 'no pet: does not apply', code: 'pets', site: { acceptsPets: true }, credit: null, reason: 'No pets.' },

  // substance-misuse support
  { scenario: 'needs drug and alcohol support, and the site has it', code: 'substanceMisuseSupport', person: { needs: needs({ substanceMisuseSupport: true }) }, site: { substanceMisuseSupport: true }, credit: 1, reason: /support is available/ },
  { scenario: 'needs drug and alcohol support, and the site has none', code: 'substanceMisuseSupport', person: { needs: needs({ substanceMisuseSupport: true }) }, credit: 0, reason: /^No drug and alcohol support/ },
  { scenario: 'no such need: does not apply', code: 'substanceMisuseSupport', credit: null, reason: 'No substance-misuse support needed.' },
];

describe('soft preferences, one at a time', () => {
  it.each(cases)('$code: $scenario', ({ code, person, site, policy, credit, reason }) => {
    const result = preference(code, person, site, policy);
    if (credit == null) expect(result.credit).toBeNull();
    else expect(result.credit).toBeCloseTo(credit, 3);
    if (typeof reason === 'string') expect(result.reason).toBe(reason);
    else expect(result.reason).toMatch(reason);
  });

  it('covers every preference', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(PREFERENCE_CODES));
  });
});

describe('the score', () => {
  const perfect = aSite({ location: northOf(80) });

  it('is 100 when every applicable preference gives full credit', () => {
    expect(assessSite(aPerson(), perfect).score).toBe(100);
  });

  it('is the weighted mean of applicable preferences, rounded', () => {
    // York is 35.4 km away: distance credit (35.4 - 5) / 45 = 0.676, weight 25; the other 65 points full.
    const { score, distanceKm } = assessSite(aPerson(), aSite());
    expect(distanceKm).toBeCloseTo(35.406, 2);
    expect(score).toBe(Math.round((100 * (25 * ((35.40619828 - 5) / 45) + 20 + 15 + 15 + 10 + 5)) / 90));
    expect(score).toBe(91);
  });

  it('leaves preferences that do not apply out, rather than counting them as zero', () => {
    const unknownPlace = aPerson({ exploitationSite: null, languages: [] });
    expect(assessSite(unknownPlace, aSite({ location: null })).score).toBe(100);
  });

  it('ranks a site of unknown location below one known to be far away', () => {
    const far = assessSite(aPerson(), perfect).score;
    const unknown = assessSite(aPerson(), aSite({ location: null })).score;
    expect(unknown).toBeLessThan(far);
    expect(unknown).toBe(Math.round((100 * (25 * 0.5 + 65)) / 90));
  });

  it('follows the policy weights', () => {
    const languageOnly: PlacementPolicy = {
      ...DEFAULT_PLACEMENT_POLICY,
      weights: { distance: 0, language: 1, localAuthority: 0, selfContained: 0, availabilityLength: 0, traumaInformed: 0, staffing: 0, singleSexPreference: 0, pregnancy: 0, pets: 0, substanceMisuseSupport: 0 },
    };
    expect(assessSite(aPerson(), aSite({ languages: ['pl'] }), languageOnly).score).toBe(0);
    expect(assessSite(aPerson(), aSite({ languages: ['ro'] }), languageOnly).score).toBe(100);
  });

  it('is 100 when no weighted preference applies', () => {
    const distanceOnly: PlacementPolicy = {
      ...DEFAULT_PLACEMENT_POLICY,
      weights: { distance: 1, language: 0, localAuthority: 0, selfContained: 0, availabilityLength: 0, traumaInformed: 0, staffing: 0, singleSexPreference: 0, pregnancy: 0, pets: 0, substanceMisuseSupport: 0 },
    };
    expect(assessSite(aPerson({ exploitationSite: null }), aSite(), distanceOnly).score).toBe(100);
  });

  it('stays within 0–100 for the worst site', () => {
    const worst = aSite({
      location: northOf(5),
      languages: ['pl'],
      localAuthorityCode: 'E06000014',
      selfContained: false,
      dormitory: true,
      traumaInformed: false,
      availableUntil: new Date(STAY_FROM.getTime() + 5 * DAY),
    });
    const person = aPerson({ languages: ['sq'], stageRemainingDays: 50 });
    expect(assessSite(person, worst).score).toBe(Math.round((100 * 10 * (5 / 50)) / 90));
  });

  it('lists the reasons that count, heaviest weight first', () => {
    const { reasons } = assessSite(aPerson({ needs: needs({ medical: true }) }), aSite());
    expect(reasons).toEqual([
      '35.4 km from the place of exploitation (further is safer).',
      'Staff speak ro.',
      'In the same local authority (E08000035).',
      'Self-contained.',
      'Available with no end date.',
      'Trauma-informed.',
      'Medical needs: staffed 24h.',
    ]);
  });

  it('is computed for an excluded site too, to compare when overriding', () => {
    const result = assessSite(aPerson(), aSite({ readiness: 'not_ready' }));
    expect(result.suitable).toBe(false);
    expect(result.score).toBe(91);
  });
});

describe('normaliseLanguage', () => {
  it.each([
    ['ro', 'ro'],
    ['RO', 'ro'],
    [' pt-BR ', 'pt'],
    ['zh_Hant', 'zh'],
  ])('%p -> %p', (input, expected) => expect(normaliseLanguage(input)).toBe(expected));
});
