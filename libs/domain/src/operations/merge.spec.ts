import { MergeCandidate, mergeNeeds, mergePeople, mergePlacementFacts } from './merge';

const person = (fields: Partial<MergeCandidate> = {}): MergeCandidate => ({
  id: 'p1',
  operationId: 'op',
  stage: 'encountered',
  ageCategory: 'adult',
  triageOutcome: null,
  possibleController: false,
  interpreterNeeded: false,
  languages: [],
  needs: {},
  groupId: null,
  mergedIntoPersonId: null,
  ...fields,
});

describe('merging two registrations of one person', () => {
  it.each([
    ['itself', person(), person(), 'SAME_PERSON'],
    ['a registration from another operation', person(), person({ id: 'p2', operationId: 'other' }), 'DIFFERENT_OPERATIONS'],
    ['an already merged duplicate', person(), person({ id: 'p2', mergedIntoPersonId: 'p9' }), 'ALREADY_MERGED'],
    ['into an already merged record', person({ mergedIntoPersonId: 'p9' }), person({ id: 'p2' }), 'ALREADY_MERGED'],
    ['a duplicate the pathway has moved on', person(), person({ id: 'p2', stage: 'awaiting_rg', triageOutcome: 'potential_victim' }), 'DUPLICATE_PAST_TRIAGE'],
    ['records triaged differently', person({ triageOutcome: 'witness' }), person({ id: 'p2', triageOutcome: 'potential_victim', stage: 'pre_nrm' }), 'TRIAGE_CONFLICT'],
    ['records in different groups', person({ groupId: 'g1' }), person({ id: 'p2', groupId: 'g2' }), 'GROUP_CONFLICT'],
  ])('refuses merging %s', (_, kept, duplicate, code) => {
    expect(mergePeople(kept, duplicate)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });

  it('an untriaged record takes the triage of its duplicate, and its stage', () => {
    const result = mergePeople(person(), person({ id: 'p2', triageOutcome: 'potential_victim', stage: 'pre_nrm' }));
    expect(result).toMatchObject({ ok: true, kept: { triageOutcome: 'potential_victim', triageFromDuplicate: true, stage: 'pre_nrm' } });
  });

  it('a triaged record keeps its own triage when the duplicate has none', () => {
    const result = mergePeople(person({ triageOutcome: 'witness' }), person({ id: 'p2' }));
    expect(result).toMatchObject({ ok: true, kept: { triageOutcome: 'witness', triageFromDuplicate: false, stage: 'encountered' } });
  });

  it('the same triage on both is no conflict', () => {
    const result = mergePeople(person({ triageOutcome: 'suspect' }), person({ id: 'p2', triageOutcome: 'suspect' }));
    expect(result).toMatchObject({ ok: true, kept: { triageOutcome: 'suspect', triageFromDuplicate: false } });
  });

  it.each([
    ['adult', 'child', 'age_disputed'],
    ['child', 'adult', 'age_disputed'],
    ['adult', 'age_disputed', 'age_disputed'],
    ['child', 'age_disputed', 'age_disputed'],
    ['child', 'child', 'child'],
    ['adult', 'adult', 'adult'],
  ] as const)('ages %s and %s merge as %s', (a, b, merged) => {
    expect(mergePeople(person({ ageCategory: a }), person({ id: 'p2', ageCategory: b }))).toMatchObject({ ok: true, kept: { ageCategory: merged } });
  });

  it('an adult potential victim whose duplicate says child moves to the children\'s route', () => {
    const result = mergePeople(
      person({ triageOutcome: 'potential_victim', stage: 'pre_nrm' }),
      person({ id: 'p2', ageCategory: 'child', stage: 'encountered' }),
    );
    expect(result).toMatchObject({ ok: true, kept: { ageCategory: 'age_disputed', stage: 'children_services' } });
  });

  it('a kept record the pathway has moved on keeps its stage', () => {
    const result = mergePeople(person({ triageOutcome: 'potential_victim', stage: 'awaiting_rg' }), person({ id: 'p2', ageCategory: 'child' }));
    expect(result).toMatchObject({ ok: true, kept: { stage: 'awaiting_rg', ageCategory: 'age_disputed' } });
  });

  it('a kept non-victim the pathway calls not_potential_victim keeps that stage', () => {
    const result = mergePeople(person({ triageOutcome: 'witness', stage: 'not_potential_victim' }), person({ id: 'p2' }));
    expect(result).toMatchObject({ ok: true, kept: { stage: 'not_potential_victim' } });
  });

  it('keeps every safety fact from either record', () => {
    const result = mergePeople(
      person({ languages: ['ro'], needs: { medical: true, dependants: 1 }, groupId: 'g1' }),
      person({ id: 'p2', possibleController: true, interpreterNeeded: true, languages: ['ro', 'hu'], needs: { wheelchair: true, dependants: 2 } }),
    );
    expect(result).toEqual({
      ok: true,
      kept: {
        ageCategory: 'adult',
        triageOutcome: null,
        triageFromDuplicate: false,
        possibleController: true,
        interpreterNeeded: true,
        languages: ['ro', 'hu'],
        needs: { wheelchair: true, medical: true, dependants: 2 },
        groupId: 'g1',
        stage: 'encountered',
      },
    });
  });

  it('takes the duplicate\'s group when the kept record has none', () => {
    expect(mergePeople(person(), person({ id: 'p2', groupId: 'g2' }))).toMatchObject({ ok: true, kept: { groupId: 'g2' } });
  });
});

describe('merging needs', () => {
  it.each([
    [{}, {}, {}],
    [{ wheelchair: false }, {}, { wheelchair: false }],
    [{ wheelchair: false }, { wheelchair: true }, { wheelchair: true }],
    [{ additionalVulnerability: true }, { medical: false }, { additionalVulnerability: true, medical: false }],
    [{ dependants: 3 }, { dependants: 1 }, { dependants: 3 }],
    [{}, { dependants: 0 }, { dependants: 0 }],
  ])('%o + %o = %o', (a, b, merged) => expect(mergeNeeds(a, b)).toEqual(merged));
});

describe('mergePlacementFacts', () => {
  const base = { suspectedOffender: false, recourseToPublicFunds: 'unknown' as const, dependants: [], keepAwayFrom: [] };
  const home = { lat: 53.8, lng: -1.5, radiusKm: 5 };
  const farm = { lat: 54.1, lng: -1.2, radiusKm: 2 };
  it.each<[string, Parameters<typeof mergePlacementFacts>[0], Parameters<typeof mergePlacementFacts>[1], Partial<ReturnType<typeof mergePlacementFacts>>]>([
    ['a suspected-offender flag on the duplicate stands', base, { ...base, suspectedOffender: true }, { suspectedOffender: true }],
    ['no recourse on either stands', { ...base, recourseToPublicFunds: 'yes' }, { ...base, recourseToPublicFunds: 'no' }, { recourseToPublicFunds: 'no' }],
    ['recourse beats unknown', base, { ...base, recourseToPublicFunds: 'yes' }, { recourseToPublicFunds: 'yes' }],
    ['both unknown', base, base, { recourseToPublicFunds: 'unknown' }],
    ['every keep-away place is kept once', { ...base, keepAwayFrom: [home] }, { ...base, keepAwayFrom: [home, farm] }, { keepAwayFrom: [home, farm] }],
    ["the kept record's dependants", { ...base, dependants: [{ ageCategory: 'child', age: 3 }] }, { ...base, dependants: [{ ageCategory: 'adult' }] }, { dependants: [{ ageCategory: 'child', age: 3 }] }],
    ["the duplicate's dependants when the kept record has none", base, { ...base, dependants: [{ ageCategory: 'adult' }] }, { dependants: [{ ageCategory: 'adult' }] }],
  ])('%s', (_scenario, kept, duplicate, expected) => {
    expect(mergePlacementFacts(kept, duplicate)).toMatchObject(expected);
  });
});
