import { applyPathwayFact, pathwayStage, replayPathway, startPathway } from './pathway-machine';
import { AgeCategory, PATHWAY_STAGES, PathwayFact, PathwayRejectionCode, PathwayStage, PathwayState } from './pathway.types';

// Pinned clock: every fixture is built from Monday 3 June 2024 09:00 UTC, one hour per step; the fact
// under test is dated Monday 1 July 2024, after every fixture.
const BASE = Date.parse('2024-06-03T09:00:00Z');
const hour = (n: number) => new Date(BASE + n * 3_600_000);
const LATER = new Date('2024-07-01T10:00:00Z');

function build(ageCategory: AgeCategory, facts: Array<(at: Date) => PathwayFact>): PathwayState {
  let state = startPathway({ encounteredAt: hour(0), ageCategory, localAuthorityCode: 'E08000035' });
  facts.forEach((make, i) => {
    const result = applyPathwayFact(state, make(hour(i + 1)));
    if (!result.ok) throw new Error(`fixture step ${i} refused: ${result.code} ${result.reason}`);
    state = result.state;
  });
  return state;
}

const triage = (outcome: 'potential_victim' | 'suspect' | 'witness' | 'not_victim', ageCategory: AgeCategory) => (at: Date): PathwayFact => ({
  type: 'triage',
  at,
  outcome,
  ageCategory,
});
const nrm = (consent: boolean) => (submittedAt: Date): PathwayFact => ({ type: 'referral', kind: 'nrm', consent, submittedAt });
const dtn = (submittedAt: Date): PathwayFact => ({ type: 'referral', kind: 'duty_to_notify', consent: false, submittedAt });
const rg = (outcome: 'positive' | 'negative') => (decidedAt: Date): PathwayFact => ({
  type: 'decision',
  kind: 'reasonable_grounds',
  outcome,
  decidedAt,
});
const cg = (outcome: 'positive' | 'negative') => (decidedAt: Date): PathwayFact => ({
  type: 'decision',
  kind: 'conclusive_grounds',
  outcome,
  decidedAt,
});
const missing = (reportedAt: Date): PathwayFact => ({ type: 'missing', reportedAt });
const exit = (at: Date): PathwayFact => ({ type: 'exit', at, outcome: 'settled_accommodation' });
const withdrawal = (at: Date): PathwayFact => ({ type: 'withdrawal', at });
const disqualification = (at: Date): PathwayFact => ({ type: 'disqualification', at, riskAssessedAt: at, riskOutcome: 'no_risk_identified' });

const FIXTURES: Record<string, () => PathwayState> = {
  'encountered adult': () => build('adult', []),
  'encountered, age disputed': () => build('age_disputed', []),
  'triaged as a witness': () => build('adult', [triage('witness', 'adult')]),
  'adult in pre-NRM support': () => build('adult', [triage('potential_victim', 'adult')]),
  "child with children's services": () => build('child', [triage('potential_victim', 'child')]),
  "age-disputed person with children's services": () => build('age_disputed', [triage('potential_victim', 'age_disputed')]),
  'adult who declined (duty to notify)': () => build('adult', [triage('potential_victim', 'adult'), dtn]),
  'adult awaiting RG': () => build('adult', [triage('potential_victim', 'adult'), nrm(true)]),
  'age-disputed person awaiting RG': () => build('age_disputed', [triage('potential_victim', 'age_disputed'), nrm(false)]),
  'adult in the recovery period': () => build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('positive')]),
  'adult in move-on after a positive CG': () =>
    build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('positive'), cg('positive')]),
  'adult in move-on after a negative RG': () => build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('negative')]),
  'adult in move-on after a negative CG': () =>
    build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('positive'), cg('negative')]),
  'adult disqualified after a positive RG': () =>
    build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('positive'), disqualification]),
  'adult who withdrew from the NRM': () => build('adult', [triage('potential_victim', 'adult'), nrm(true), withdrawal]),
  'missing before triage': () => build('adult', [missing]),
  'missing from pre-NRM': () => build('adult', [triage('potential_victim', 'adult'), missing]),
  "missing child from children's services": () => build('child', [triage('potential_victim', 'child'), missing]),
  'missing while awaiting RG': () => build('adult', [triage('potential_victim', 'adult'), nrm(true), missing]),
  'missing in the recovery period': () => build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('positive'), missing]),
  'missing in move-on after a positive CG': () =>
    build('adult', [triage('potential_victim', 'adult'), nrm(true), rg('positive'), cg('positive'), missing]),
  'exited': () => build('adult', [triage('potential_victim', 'adult'), nrm(true), exit]),
};

const FACTS: Record<string, PathwayFact> = {
  'triage: adult potential victim': { type: 'triage', at: LATER, outcome: 'potential_victim', ageCategory: 'adult' },
  'triage: child potential victim': { type: 'triage', at: LATER, outcome: 'potential_victim', ageCategory: 'child' },
  'triage: age-disputed potential victim': { type: 'triage', at: LATER, outcome: 'potential_victim', ageCategory: 'age_disputed' },
  'triage: suspect': { type: 'triage', at: LATER, outcome: 'suspect', ageCategory: 'adult' },
  'triage: witness': { type: 'triage', at: LATER, outcome: 'witness', ageCategory: 'adult' },
  'triage: not a victim': { type: 'triage', at: LATER, outcome: 'not_victim', ageCategory: 'adult' },
  'age assessed as adult': { type: 'age_assessed', at: LATER, assessedAs: 'adult' },
  'age assessed as child': { type: 'age_assessed', at: LATER, assessedAs: 'child' },
  'NRM referral with consent': { type: 'referral', kind: 'nrm', consent: true, submittedAt: LATER },
  'NRM referral without consent': { type: 'referral', kind: 'nrm', consent: false, submittedAt: LATER },
  'duty to notify without consent': { type: 'referral', kind: 'duty_to_notify', consent: false, submittedAt: LATER },
  'duty to notify with consent': { type: 'referral', kind: 'duty_to_notify', consent: true, submittedAt: LATER },
  'positive RG': { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: LATER },
  'negative RG': { type: 'decision', kind: 'reasonable_grounds', outcome: 'negative', decidedAt: LATER },
  'positive CG': { type: 'decision', kind: 'conclusive_grounds', outcome: 'positive', decidedAt: LATER },
  'negative CG': { type: 'decision', kind: 'conclusive_grounds', outcome: 'negative', decidedAt: LATER },
  'reported missing': { type: 'missing', reportedAt: LATER },
  found: { type: 'found', foundAt: LATER },
  exit: { type: 'exit', at: LATER, outcome: 'support_ended' },
};
const FACT_NAMES = Object.keys(FACTS);

/**
 * Expected result of every fact in every fixture: the stage shown afterwards, `missing>X` for a fact
 * accepted while missing that moves the stage they will return to to X, or the rejection code.
 * Columns follow FACT_NAMES order.
 */
type Outcome = PathwayStage | `missing>${PathwayStage}` | PathwayRejectionCode;
const NR = 'NOT_REFERRED';
const AR = 'ALREADY_REFERRED';
const AT = 'ALREADY_TRIAGED';
const AND = 'AGE_NOT_DISPUTED';
const PM = 'PERSON_MISSING';
const NM = 'NOT_MISSING';
const RGD = 'RG_ALREADY_DECIDED';
const CGD = 'CG_ALREADY_DECIDED';
const EX = 'ALREADY_EXITED';
const NIN = 'NOT_IN_THE_NRM';
const TABLE: Record<string, Outcome[]> = {
  //                                   triage: PV adult, PV child, PV disputed, suspect, witness, not victim | age: adult, child | nrm+consent, nrm no consent, dtn, dtn+consent | RG+, RG-, CG+, CG- | missing, found, exit
  'encountered adult': ['pre_nrm', 'children_services', 'children_services', 'not_potential_victim', 'not_potential_victim', 'not_potential_victim', AND, AND, 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', NR, NR, NR, NR, 'missing', NM, 'exited'],
  'encountered, age disputed': ['pre_nrm', 'children_services', 'children_services', 'not_potential_victim', 'not_potential_victim', 'not_potential_victim', 'encountered', 'encountered', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', NR, NR, NR, NR, 'missing', NM, 'exited'],
  'triaged as a witness': ['pre_nrm', 'children_services', 'children_services', 'not_potential_victim', 'not_potential_victim', 'not_potential_victim', AND, AND, 'NOT_A_POTENTIAL_VICTIM', 'NOT_A_POTENTIAL_VICTIM', 'NOT_A_POTENTIAL_VICTIM', 'NOT_A_POTENTIAL_VICTIM', NR, NR, NR, NR, 'missing', NM, 'exited'],
  'adult in pre-NRM support': [AT, AT, AT, AT, AT, AT, AND, AND, 'awaiting_rg', 'NRM_CONSENT_REQUIRED', 'duty_to_notify', 'DUTY_TO_NOTIFY_WITH_CONSENT', NR, NR, NR, NR, 'missing', NM, 'exited'],
  "child with children's services": [AT, AT, AT, AT, AT, AT, AND, AND, 'awaiting_rg', 'awaiting_rg', 'DUTY_TO_NOTIFY_FOR_CHILD', 'DUTY_TO_NOTIFY_FOR_CHILD', NR, NR, NR, NR, 'missing', NM, 'exited'],
  "age-disputed person with children's services": [AT, AT, AT, AT, AT, AT, 'pre_nrm', 'children_services', 'awaiting_rg', 'awaiting_rg', 'DUTY_TO_NOTIFY_FOR_CHILD', 'DUTY_TO_NOTIFY_FOR_CHILD', NR, NR, NR, NR, 'missing', NM, 'exited'],
  'adult who declined (duty to notify)': [AT, AT, AT, AT, AT, AT, AND, AND, 'awaiting_rg', 'NRM_CONSENT_REQUIRED', AR, 'DUTY_TO_NOTIFY_WITH_CONSENT', NR, NR, NR, NR, 'missing', NM, 'exited'],
  'adult awaiting RG': [AT, AT, AT, AT, AT, AT, AND, AND, AR, AR, AR, AR, 'recovery_period', 'move_on', 'RG_REQUIRED', 'RG_REQUIRED', 'missing', NM, 'exited'],
  'age-disputed person awaiting RG': [AT, AT, AT, AT, AT, AT, 'awaiting_rg', 'awaiting_rg', AR, AR, AR, AR, 'recovery_period', 'move_on', 'RG_REQUIRED', 'RG_REQUIRED', 'missing', NM, 'exited'],
  'adult in the recovery period': [AT, AT, AT, AT, AT, AT, AND, AND, AR, AR, AR, AR, RGD, RGD, 'move_on', 'move_on', 'missing', NM, 'exited'],
  'adult in move-on after a positive CG': [AT, AT, AT, AT, AT, AT, AND, AND, AR, AR, AR, AR, RGD, RGD, CGD, CGD, 'missing', NM, 'exited'],
  'adult in move-on after a negative RG': [AT, AT, AT, AT, AT, AT, AND, AND, AR, AR, AR, AR, RGD, RGD, 'POSITIVE_RG_REQUIRED', 'POSITIVE_RG_REQUIRED', 'missing', NM, 'exited'],
  'adult in move-on after a negative CG': [AT, AT, AT, AT, AT, AT, AND, AND, AR, AR, AR, AR, RGD, RGD, CGD, CGD, 'missing', NM, 'exited'],
  'adult disqualified after a positive RG': [AT, AT, AT, AT, AT, AT, AND, AND, AR, AR, AR, AR, RGD, RGD, 'move_on', 'move_on', 'missing', NM, 'exited'],
  'adult who withdrew from the NRM': [AT, AT, AT, AT, AT, AT, AND, AND, 'awaiting_rg', 'NRM_CONSENT_REQUIRED', 'duty_to_notify', 'DUTY_TO_NOTIFY_WITH_CONSENT', NIN, NIN, NIN, NIN, 'missing', NM, 'exited'],
  'missing before triage': [PM, PM, PM, PM, PM, PM, PM, PM, 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', 'TRIAGE_REQUIRED', NR, NR, NR, NR, 'ALREADY_MISSING', 'encountered', 'exited'],
  'missing from pre-NRM': [PM, PM, PM, PM, PM, PM, PM, PM, 'missing>awaiting_rg', 'NRM_CONSENT_REQUIRED', 'missing>duty_to_notify', 'DUTY_TO_NOTIFY_WITH_CONSENT', NR, NR, NR, NR, 'ALREADY_MISSING', 'pre_nrm', 'exited'],
  "missing child from children's services": [PM, PM, PM, PM, PM, PM, PM, PM, 'missing>awaiting_rg', 'missing>awaiting_rg', 'DUTY_TO_NOTIFY_FOR_CHILD', 'DUTY_TO_NOTIFY_FOR_CHILD', NR, NR, NR, NR, 'ALREADY_MISSING', 'children_services', 'exited'],
  'missing while awaiting RG': [PM, PM, PM, PM, PM, PM, PM, PM, AR, AR, AR, AR, 'missing>recovery_period', 'missing>move_on', 'RG_REQUIRED', 'RG_REQUIRED', 'ALREADY_MISSING', 'awaiting_rg', 'exited'],
  'missing in the recovery period': [PM, PM, PM, PM, PM, PM, PM, PM, AR, AR, AR, AR, RGD, RGD, 'missing>move_on', 'missing>move_on', 'ALREADY_MISSING', 'recovery_period', 'exited'],
  'missing in move-on after a positive CG': [PM, PM, PM, PM, PM, PM, PM, PM, AR, AR, AR, AR, RGD, RGD, CGD, CGD, 'ALREADY_MISSING', 'move_on', 'exited'],
  exited: [EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX],
};

const CASES = Object.entries(TABLE).flatMap(([fixture, outcomes]) =>
  outcomes.map((expected, i) => ({ fixture, fact: FACT_NAMES[i], expected })),
);

describe('pathway state machine: every fact in every stage', () => {
  it('the table covers every fixture and every fact', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(FIXTURES).sort());
    for (const outcomes of Object.values(TABLE)) expect(outcomes).toHaveLength(FACT_NAMES.length);
  });

  it('the fixtures cover every stage', () => {
    const stages = new Set(Object.values(FIXTURES).map((f) => f().stage));
    expect([...stages].sort()).toEqual([...PATHWAY_STAGES].sort());
  });

  it.each(CASES)('$fixture + $fact -> $expected', ({ fixture, fact, expected }) => {
    const before = FIXTURES[fixture]();
    const snapshot = structuredClone(before);
    const result = applyPathwayFact(before, FACTS[fact]);
    expect(before).toEqual(snapshot); // the state passed in is never modified

    if (/^[A-Z_]+$/.test(expected)) {
      expect(result).toMatchObject({ ok: false, code: expected });
      if (!result.ok) {
        expect(result.reason.length).toBeGreaterThan(20);
        expect(result.kind).toMatch(/^(conflict|rule)$/);
      }
      return;
    }
    if (!result.ok) throw new Error(`expected ${expected}, refused ${result.code}: ${result.reason}`);
    const [shown, returnTo] = expected.split('>');
    expect(result.state.stage).toBe(shown);
    if (returnTo) {
      expect(result.state.missing?.stageBefore).toBe(returnTo);
      expect(pathwayStage(result.state)).toEqual({ stage: returnTo, since: LATER });
      expect(result.state.since).toEqual(before.since); // still missing since the report
    } else if (shown !== before.stage && fact !== 'found') {
      expect(result.state.since).toEqual(LATER);
    }
    expect(result.state.lastFactAt).toEqual(LATER);
  });
});

describe('pathway: events and remembered facts', () => {
  const start = () => startPathway({ encounteredAt: hour(0), ageCategory: 'adult' });

  it('an adult triaged as a potential victim moves to pre-NRM with a triaged and a stage_changed event', () => {
    const result = applyPathwayFact(start(), FACTS['triage: adult potential victim']);
    expect(result).toEqual({
      ok: true,
      state: expect.objectContaining({ stage: 'pre_nrm', since: LATER, route: 'adult', triage: { outcome: 'potential_victim', at: LATER } }),
      events: [
        { type: 'triaged', outcome: 'potential_victim', ageCategory: 'adult', at: LATER },
        { type: 'stage_changed', from: 'encountered', to: 'pre_nrm', at: LATER },
      ],
    });
  });

  it('a person registered as an adult but triaged as a child changes route to children’s services', () => {
    const result = applyPathwayFact(start(), FACTS['triage: child potential victim']);
    expect(result.ok && result.events).toEqual([
      { type: 'triaged', outcome: 'potential_victim', ageCategory: 'child', at: LATER },
      { type: 'route_changed', from: 'adult', to: 'children_services', at: LATER },
      { type: 'stage_changed', from: 'encountered', to: 'children_services', at: LATER },
    ]);
  });

  it('a witness re-triaged as another non-victim outcome keeps the stage and its start', () => {
    const witness = FIXTURES['triaged as a witness']();
    const result = applyPathwayFact(witness, FACTS['triage: suspect']);
    expect(result.ok && result.state).toMatchObject({ stage: 'not_potential_victim', since: witness.since, triage: { outcome: 'suspect' } });
    expect(result.ok && result.events).toEqual([{ type: 'triaged', outcome: 'suspect', ageCategory: 'adult', at: LATER }]);
  });

  it('an age-disputed person assessed as an adult before referral moves to adult pre-NRM support from the assessment', () => {
    const result = applyPathwayFact(FIXTURES["age-disputed person with children's services"](), FACTS['age assessed as adult']);
    expect(result.ok && result.state).toMatchObject({
      stage: 'pre_nrm',
      since: LATER,
      route: 'adult',
      ageCategory: 'adult',
      ageAssessment: { assessedAs: 'adult', at: LATER },
    });
    expect(result.ok && result.events.map((e) => e.type)).toEqual(['age_assessed', 'route_changed', 'stage_changed']);
  });

  it('an age-disputed person assessed as an adult after referral keeps the referral and stage, on the adult route', () => {
    const before = FIXTURES['age-disputed person awaiting RG']();
    const result = applyPathwayFact(before, FACTS['age assessed as adult']);
    expect(result.ok && result.state).toMatchObject({ stage: 'awaiting_rg', since: before.since, route: 'adult', nrmReferral: { consent: false } });
  });

  it('an age-disputed person assessed as a child stays a child on the same route, and cannot be assessed again', () => {
    const result = applyPathwayFact(FIXTURES["age-disputed person with children's services"](), FACTS['age assessed as child']);
    expect(result.ok && result.state).toMatchObject({ stage: 'children_services', route: 'children_services', ageCategory: 'child' });
    expect(result.ok && result.events.map((e) => e.type)).toEqual(['age_assessed']);
    if (!result.ok) return;
    const again = applyPathwayFact(result.state, { type: 'age_assessed', at: new Date(LATER.getTime() + 1), assessedAs: 'adult' });
    expect(again).toMatchObject({ ok: false, code: 'AGE_NOT_DISPUTED' });
  });

  it('a referral records its kind, consent and time', () => {
    const result = applyPathwayFact(FIXTURES['adult in pre-NRM support'](), FACTS['NRM referral with consent']);
    expect(result.ok && result.state.nrmReferral).toEqual({ consent: true, submittedAt: LATER });
    expect(result.ok && result.events[0]).toEqual({ type: 'referred', kind: 'nrm', consent: true, at: LATER });
  });

  it('an adult who declined and later consents is referred into the NRM, and both referrals are kept', () => {
    const declined = FIXTURES['adult who declined (duty to notify)']();
    const result = applyPathwayFact(declined, FACTS['NRM referral with consent']);
    expect(result.ok && result.state).toMatchObject({
      stage: 'awaiting_rg',
      dutyToNotify: { submittedAt: declined.dutyToNotify!.submittedAt },
      nrmReferral: { consent: true, submittedAt: LATER },
    });
  });

  it('a child is referred into the NRM without consent', () => {
    const result = applyPathwayFact(FIXTURES["child with children's services"](), FACTS['NRM referral without consent']);
    expect(result.ok && result.state).toMatchObject({ stage: 'awaiting_rg', route: 'children_services', nrmReferral: { consent: false } });
  });

  it('decisions are recorded with their outcome and time', () => {
    const recovery = FIXTURES['adult in the recovery period']();
    expect(recovery.reasonableGrounds).toEqual({ outcome: 'positive', decidedAt: hour(3) });
    const result = applyPathwayFact(recovery, FACTS['negative CG']);
    expect(result.ok && result.state.conclusiveGrounds).toEqual({ outcome: 'negative', decidedAt: LATER });
    expect(result.ok && result.events).toEqual([
      { type: 'decision_recorded', kind: 'conclusive_grounds', outcome: 'negative', at: LATER },
      { type: 'stage_changed', from: 'recovery_period', to: 'move_on', at: LATER },
    ]);
  });

  it('going missing remembers the stage and when it began; being found returns to it with its clock', () => {
    const pre = FIXTURES['adult in pre-NRM support']();
    const gone = applyPathwayFact(pre, FACTS['reported missing']);
    expect(gone.ok && gone.state.missing).toEqual({ reportedAt: LATER, stageBefore: 'pre_nrm', stageBeforeSince: pre.since });
    expect(gone.ok && gone.events).toEqual([
      { type: 'missing', stageBefore: 'pre_nrm', at: LATER },
      { type: 'stage_changed', from: 'pre_nrm', to: 'missing', at: LATER },
    ]);
    if (!gone.ok) return;
    const foundAt = new Date(LATER.getTime() + 5 * 3_600_000);
    const back = applyPathwayFact(gone.state, { type: 'found', foundAt });
    expect(back.ok && back.state).toMatchObject({ stage: 'pre_nrm', since: pre.since, missing: { foundAt } });
    expect(back.ok && back.events).toEqual([
      { type: 'found', returnedTo: 'pre_nrm', at: foundAt },
      { type: 'stage_changed', from: 'missing', to: 'pre_nrm', at: foundAt },
    ]);
  });

  it('a positive RG made while the person is missing changes where they return to, not the stage shown', () => {
    const gone = FIXTURES['missing while awaiting RG']();
    const result = applyPathwayFact(gone, FACTS['positive RG']);
    expect(result.ok && result.events).toEqual([
      { type: 'decision_recorded', kind: 'reasonable_grounds', outcome: 'positive', at: LATER },
      { type: 'return_stage_changed', from: 'awaiting_rg', to: 'recovery_period', at: LATER },
    ]);
    if (!result.ok) return;
    const foundAt = new Date(LATER.getTime() + 1000);
    const back = applyPathwayFact(result.state, { type: 'found', foundAt });
    expect(back.ok && back.state).toMatchObject({ stage: 'recovery_period', since: LATER });
  });

  it('an RG decision dated before the missing report (recorded late) is accepted: it follows the referral', () => {
    const gone = FIXTURES['missing while awaiting RG'](); // referral at hour 2, missing at hour 3
    const result = applyPathwayFact(gone, { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: new Date(hour(2).getTime() + 60_000) });
    expect(result.ok && result.state.missing?.stageBefore).toBe('recovery_period');
  });

  it('an exit records the outcome and is final', () => {
    const result = applyPathwayFact(FIXTURES['missing in the recovery period'](), { type: 'exit', at: LATER, outcome: 'not_found' });
    expect(result.ok && result.state).toMatchObject({ stage: 'exited', since: LATER, exit: { outcome: 'not_found', at: LATER } });
    expect(result.ok && result.events).toEqual([
      { type: 'exited', outcome: 'not_found', at: LATER },
      { type: 'stage_changed', from: 'missing', to: 'exited', at: LATER },
    ]);
  });

  it('refusals say why in words a caseworker can act on', () => {
    const adult = applyPathwayFact(FIXTURES['adult in pre-NRM support'](), FACTS['NRM referral without consent']);
    expect(adult).toEqual({
      ok: false,
      code: 'NRM_CONSENT_REQUIRED',
      kind: 'rule',
      reason: expect.stringContaining('duty-to-notify'),
    });
    const child = applyPathwayFact(FIXTURES["child with children's services"](), FACTS['duty to notify without consent']);
    expect(child).toMatchObject({ code: 'DUTY_TO_NOTIFY_FOR_CHILD', kind: 'rule' });
    const cgFirst = applyPathwayFact(FIXTURES['adult awaiting RG'](), FACTS['positive CG']);
    expect(cgFirst).toMatchObject({ code: 'RG_REQUIRED', kind: 'conflict', reason: expect.stringContaining('Reasonable Grounds') });
    const neverReferred = applyPathwayFact(FIXTURES['adult in pre-NRM support'](), FACTS['positive RG']);
    expect(neverReferred).toMatchObject({ code: 'NOT_REFERRED', reason: expect.stringContaining('NRM referral') });
    const afterExit = applyPathwayFact(FIXTURES.exited(), FACTS['reported missing']);
    expect(afterExit).toMatchObject({ code: 'ALREADY_EXITED', reason: expect.stringContaining('settled_accommodation') });
  });
});

describe('pathway: facts out of time order are refused', () => {
  const cases: Array<{ scenario: string; fixture: string; fact: PathwayFact }> = [
    { scenario: 'triage before the encounter', fixture: 'encountered adult', fact: { type: 'triage', at: hour(-1), outcome: 'potential_victim', ageCategory: 'adult' } },
    { scenario: 're-triage before the first triage', fixture: 'triaged as a witness', fact: { type: 'triage', at: hour(0), outcome: 'potential_victim', ageCategory: 'adult' } },
    { scenario: 'referral before identification', fixture: 'adult in pre-NRM support', fact: { type: 'referral', kind: 'nrm', consent: true, submittedAt: hour(0) } },
    { scenario: 'RG decision before the referral', fixture: 'adult awaiting RG', fact: { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: hour(1) } },
    { scenario: 'CG decision before the RG decision', fixture: 'adult in the recovery period', fact: { type: 'decision', kind: 'conclusive_grounds', outcome: 'positive', decidedAt: hour(2) } },
    { scenario: 'RG decision while missing, dated before the referral', fixture: 'missing while awaiting RG', fact: { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: hour(1) } },
    { scenario: 'missing report before the stage began', fixture: 'adult awaiting RG', fact: { type: 'missing', reportedAt: hour(1) } },
    { scenario: 'found before reported missing', fixture: 'missing from pre-NRM', fact: { type: 'found', foundAt: hour(1) } },
    { scenario: 'age assessment before the stage began', fixture: "age-disputed person with children's services", fact: { type: 'age_assessed', at: hour(0), assessedAs: 'adult' } },
    { scenario: 'exit before the latest recorded event', fixture: 'adult in the recovery period', fact: { type: 'exit', at: hour(2), outcome: 'other' } },
  ];
  it.each(cases)('$scenario', ({ fixture, fact }) => {
    expect(applyPathwayFact(FIXTURES[fixture](), fact)).toMatchObject({ ok: false, code: 'OUT_OF_ORDER', kind: 'rule', reason: expect.stringMatching(/before/) });
  });

  it('a fact at the very instant the stage began is accepted', () => {
    const pre = FIXTURES['adult in pre-NRM support']();
    expect(applyPathwayFact(pre, { type: 'referral', kind: 'nrm', consent: true, submittedAt: pre.since }).ok).toBe(true);
  });
});

describe('pathway: malformed facts are refused as INVALID_FACT', () => {
  const bad = (fact: unknown) => fact as PathwayFact;
  const cases: Array<{ scenario: string; fact: PathwayFact }> = [
    { scenario: 'an unknown fact type', fact: bad({ type: 'teleported', at: LATER }) },
    { scenario: 'a triage without a date', fact: bad({ type: 'triage', outcome: 'potential_victim', ageCategory: 'adult' }) },
    { scenario: 'a triage with an invalid date', fact: bad({ type: 'triage', at: new Date('nope'), outcome: 'potential_victim', ageCategory: 'adult' }) },
    { scenario: 'a triage with an unknown outcome', fact: bad({ type: 'triage', at: LATER, outcome: 'victim', ageCategory: 'adult' }) },
    { scenario: 'a triage with an unknown age category', fact: bad({ type: 'triage', at: LATER, outcome: 'witness', ageCategory: 'teen' }) },
    { scenario: 'an age assessment as age_disputed', fact: bad({ type: 'age_assessed', at: LATER, assessedAs: 'age_disputed' }) },
    { scenario: 'a referral of an unknown kind', fact: bad({ type: 'referral', kind: 'police', consent: true, submittedAt: LATER }) },
    { scenario: 'a referral with consent as a string', fact: bad({ type: 'referral', kind: 'nrm', consent: 'yes', submittedAt: LATER }) },
    { scenario: 'a decision of an unknown kind', fact: bad({ type: 'decision', kind: 'final', outcome: 'positive', decidedAt: LATER }) },
    { scenario: 'a decision with an unknown outcome', fact: bad({ type: 'decision', kind: 'reasonable_grounds', outcome: 'maybe', decidedAt: LATER }) },
    { scenario: 'a missing report with a string date', fact: bad({ type: 'missing', reportedAt: '2024-07-01T10:00:00Z' }) },
    { scenario: 'a found report without a date', fact: bad({ type: 'found' }) },
    { scenario: 'an exit with an unknown outcome', fact: bad({ type: 'exit', at: LATER, outcome: 'vanished' }) },
  ];
  it.each(cases)('$scenario', ({ fact }) => {
    expect(applyPathwayFact(FIXTURES['adult in pre-NRM support'](), fact)).toMatchObject({ ok: false, code: 'INVALID_FACT', kind: 'rule' });
  });
});

describe('pathway: replaying a stored history', () => {
  const start = { encounteredAt: hour(0), ageCategory: 'adult' as const };
  const history: PathwayFact[] = [
    { type: 'triage', at: hour(1), outcome: 'potential_victim', ageCategory: 'adult' },
    { type: 'referral', kind: 'nrm', consent: true, submittedAt: hour(2) },
    { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: hour(3) },
    { type: 'decision', kind: 'conclusive_grounds', outcome: 'positive', decidedAt: hour(4) },
    { type: 'exit', at: hour(5), outcome: 'settled_accommodation' },
  ];

  it('a whole adult pathway, positive RG then positive CG to exit, gives the final state and every event', () => {
    const result = replayPathway(start, history);
    expect(result.ok && result.state).toMatchObject({ stage: 'exited', since: hour(5), exit: { outcome: 'settled_accommodation' } });
    expect(result.ok && result.events.filter((e) => e.type === 'stage_changed').map((e) => e.type === 'stage_changed' && e.to)).toEqual([
      'pre_nrm',
      'awaiting_rg',
      'recovery_period',
      'move_on',
      'exited',
    ]);
  });

  it('a history with a refused fact stops there and says which fact', () => {
    const result = replayPathway(start, [history[0], history[3]]);
    expect(result).toMatchObject({ ok: false, code: 'NOT_REFERRED', reason: expect.stringMatching(/^fact 2 \(decision\): /) });
  });
});
