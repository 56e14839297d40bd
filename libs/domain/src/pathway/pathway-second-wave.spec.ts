import { englandAndWalesBankHolidays } from './bank-holidays';
import { COUNCIL_PRACTICE_45, DeadlinePolicy, STATUTORY_30, validateDeadlinePolicy } from './deadline-policy';
import { computeDeadlines, Deadline } from './deadlines';
import { toLondonIso } from './london-time';
import { applyPathwayFact, eighteenthBirthday, pathwayStage, startPathway } from './pathway-machine';
import { PathwayFact, PathwayRejectionCode, PathwayStage, PathwayState } from './pathway.types';

/**
 * The pathway as it really runs (issue #12): reconsiderations, Recovery Needs Assessments, withdrawal and
 * further referrals, public-order disqualification. Pinned clock: fixtures are built from Monday 3 June
 * 2024 09:00 UTC, one hour per step; the fact under test is dated Monday 1 July 2024 10:00 UTC.
 */
const BASE = Date.parse('2024-06-03T09:00:00Z');
const hour = (n: number) => new Date(BASE + n * 3_600_000);
const LATER = new Date('2024-07-01T10:00:00Z');
const holidays = englandAndWalesBankHolidays();

type Make = (at: Date) => PathwayFact;
function build(facts: Make[], start = hour(0)): PathwayState {
  let state = startPathway({ encounteredAt: start, ageCategory: 'adult', localAuthorityCode: 'E08000035' });
  facts.forEach((make, i) => {
    const result = applyPathwayFact(state, make(new Date(start.getTime() + (i + 1) * 3_600_000)));
    if (!result.ok) throw new Error(`fixture step ${i} refused: ${result.code} ${result.reason}`);
    state = result.state;
  });
  return state;
}
/** Applies facts each at its own instant. */
function at(facts: Array<[string, Make]>): PathwayState {
  let state = startPathway({ encounteredAt: new Date(facts[0][0]), ageCategory: 'adult', localAuthorityCode: 'E08000035' });
  for (const [when, make] of facts) {
    const result = applyPathwayFact(state, make(new Date(when)));
    if (!result.ok) throw new Error(`${when} refused: ${result.code} ${result.reason}`);
    state = result.state;
  }
  return state;
}

const pv: Make = (at) => ({ type: 'triage', at, outcome: 'potential_victim', ageCategory: 'adult' });
const nrm: Make = (submittedAt) => ({ type: 'referral', kind: 'nrm', consent: true, submittedAt });
const rg = (outcome: 'positive' | 'negative'): Make => (decidedAt) => ({ type: 'decision', kind: 'reasonable_grounds', outcome, decidedAt });
const cg = (outcome: 'positive' | 'negative'): Make => (decidedAt) => ({ type: 'decision', kind: 'conclusive_grounds', outcome, decidedAt });
const ask = (decisionKind: 'reasonable_grounds' | 'conclusive_grounds'): Make => (at) => ({ type: 'reconsideration_requested', at, decisionKind });
const answer = (decisionKind: 'reasonable_grounds' | 'conclusive_grounds', outcome: 'upheld' | 'overturned'): Make => (at) => ({
  type: 'reconsideration_decided',
  at,
  decisionKind,
  outcome,
});
const rna: Make = (at) => ({ type: 'rna_requested', at });
const rnaOutcome = (outcome: 'extended' | 'not_extended', until?: string): Make => (at) => ({ type: 'rna_decided', at, outcome, ...(until ? { until } : {}) });
const withdrawal: Make = (at) => ({ type: 'withdrawal', at });
const suspension: Make = (at) => ({ type: 'withdrawal', at, suspended: true });
const disqualification: Make = (at) => ({ type: 'disqualification', at, riskAssessedAt: at, riskOutcome: 'no_risk_identified' });
const missing: Make = (reportedAt) => ({ type: 'missing', reportedAt });
const exit: Make = (at) => ({ type: 'exit', at, outcome: 'support_ended' });

const FIXTURES: Record<string, () => PathwayState> = {
  'adult in pre-NRM support': () => build([pv]),
  'adult awaiting RG': () => build([pv, nrm]),
  'adult in the recovery period': () => build([pv, nrm, rg('positive')]),
  'move-on after a negative RG': () => build([pv, nrm, rg('negative')]),
  'move-on after a negative RG, reconsideration pending': () => build([pv, nrm, rg('negative'), ask('reasonable_grounds')]),
  'move-on after a positive CG': () => build([pv, nrm, rg('positive'), cg('positive')]),
  'move-on after a negative CG': () => build([pv, nrm, rg('positive'), cg('negative')]),
  'move-on after a positive CG, RNA pending': () => build([pv, nrm, rg('positive'), cg('positive'), rna]),
  'disqualified after a positive RG': () => build([pv, nrm, rg('positive'), disqualification]),
  'withdrew from the NRM': () => build([pv, nrm, withdrawal]),
  'missing in move-on after a negative RG': () => build([pv, nrm, rg('negative'), missing]),
  'missing while awaiting RG': () => build([pv, nrm, missing]),
  exited: () => build([pv, nrm, exit]),
};

const FACTS: Record<string, PathwayFact> = {
  'RG reconsideration requested': ask('reasonable_grounds')(LATER),
  'CG reconsideration requested': ask('conclusive_grounds')(LATER),
  'RG reconsideration upheld': answer('reasonable_grounds', 'upheld')(LATER),
  'RG reconsideration overturned': answer('reasonable_grounds', 'overturned')(LATER),
  'CG reconsideration overturned': answer('conclusive_grounds', 'overturned')(LATER),
  'RNA requested': rna(LATER),
  'RNA: extended to 30 Sep': rnaOutcome('extended', '2024-09-30')(LATER),
  'RNA: not extended': rnaOutcome('not_extended')(LATER),
  withdrawal: withdrawal(LATER),
  'case suspended': suspension(LATER),
  disqualification: disqualification(LATER),
};
const FACT_NAMES = Object.keys(FACTS);

type Outcome = PathwayStage | `missing>${PathwayStage}` | PathwayRejectionCode;
const NND = 'NO_NEGATIVE_DECISION';
const NRP = 'NO_RECONSIDERATION_PENDING';
const CGR = 'CG_REQUIRED';
const NRN = 'NO_RNA_PENDING';
const NIN = 'NOT_IN_THE_NRM';
const NIR = 'NOT_IN_RECOVERY_PERIOD';
const PM = 'PERSON_MISSING';
const EX = 'ALREADY_EXITED';
const W = 'withdrawn';
// Columns follow FACT_NAMES: ask RG, ask CG, RG upheld, RG overturned, CG overturned, RNA, RNA extended, RNA not extended, withdrawal, suspension, disqualification
const TABLE: Record<string, Outcome[]> = {
  'adult in pre-NRM support': [NND, NND, NRP, NRP, NRP, CGR, NRN, NRN, NIN, NIN, NIR],
  'adult awaiting RG': [NND, NND, NRP, NRP, NRP, CGR, NRN, NRN, W, W, NIR],
  'adult in the recovery period': [NND, NND, NRP, NRP, NRP, CGR, NRN, NRN, W, W, 'disqualified'],
  'move-on after a negative RG': ['move_on', NND, NRP, NRP, NRP, CGR, NRN, NRN, W, W, NIR],
  'move-on after a negative RG, reconsideration pending': ['RECONSIDERATION_PENDING', NND, 'move_on', 'recovery_period', NRP, CGR, NRN, NRN, W, W, NIR],
  'move-on after a positive CG': [NND, NND, NRP, NRP, NRP, 'move_on', NRN, NRN, W, W, NIR],
  'move-on after a negative CG': [NND, 'move_on', NRP, NRP, NRP, 'move_on', NRN, NRN, W, W, NIR],
  'move-on after a positive CG, RNA pending': [NND, NND, NRP, NRP, NRP, 'RNA_PENDING', 'move_on', 'move_on', W, W, NIR],
  'disqualified after a positive RG': [NND, NND, NRP, NRP, NRP, CGR, NRN, NRN, W, W, NIR],
  'withdrew from the NRM': [NND, NND, NRP, NRP, NRP, CGR, NRN, NRN, NIN, NIN, NIR],
  'missing in move-on after a negative RG': ['missing>move_on', NND, NRP, NRP, NRP, CGR, NRN, NRN, PM, 'missing>withdrawn', NIR],
  'missing while awaiting RG': [NND, NND, NRP, NRP, NRP, CGR, NRN, NRN, PM, 'missing>withdrawn', NIR],
  exited: [EX, EX, EX, EX, EX, EX, EX, EX, EX, EX, EX],
};

describe('second-wave facts in every stage that matters', () => {
  it('the table covers every fixture and every fact', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(FIXTURES).sort());
    for (const outcomes of Object.values(TABLE)) expect(outcomes).toHaveLength(FACT_NAMES.length);
  });

  const cases = Object.entries(TABLE).flatMap(([fixture, outcomes]) => outcomes.map((expected, i) => ({ fixture, fact: FACT_NAMES[i], expected })));
  it.each(cases)('$fixture + $fact -> $expected', ({ fixture, fact, expected }) => {
    const before = FIXTURES[fixture]();
    const snapshot = structuredClone(before);
    const result = applyPathwayFact(before, FACTS[fact]);
    expect(before).toEqual(snapshot);
    if (/^[A-Z_]+$/.test(expected)) {
      expect(result).toMatchObject({ ok: false, code: expected });
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(20);
      return;
    }
    if (!result.ok) throw new Error(`expected ${expected}, refused ${result.code}: ${result.reason}`);
    const [shown, returnTo] = expected.split('>');
    expect(result.state.stage).toBe(shown);
    if (returnTo) expect(pathwayStage(result.state).stage).toBe(returnTo);
    expect(result.state.lastFactAt).toEqual(LATER);
  });
});

describe('second-wave facts: what is refused whatever the stage', () => {
  const refused: Array<{ scenario: string; state: () => PathwayState; fact: PathwayFact; code: PathwayRejectionCode }> = [
    {
      scenario: 'a reconsideration requested before the decision it asks about',
      state: FIXTURES['move-on after a negative RG'],
      fact: ask('reasonable_grounds')(hour(1)),
      code: 'OUT_OF_ORDER',
    },
    {
      scenario: 'an RNA extended with no end date',
      state: FIXTURES['move-on after a positive CG, RNA pending'],
      fact: { type: 'rna_decided', at: LATER, outcome: 'extended' },
      code: 'INVALID_FACT',
    },
    {
      scenario: 'an RNA not extended, but with an end date',
      state: FIXTURES['move-on after a positive CG, RNA pending'],
      fact: { type: 'rna_decided', at: LATER, outcome: 'not_extended', until: '2024-09-30' },
      code: 'INVALID_FACT',
    },
    {
      scenario: 'an RNA extended to a day before its own decision',
      state: FIXTURES['move-on after a positive CG, RNA pending'],
      fact: { type: 'rna_decided', at: LATER, outcome: 'extended', until: '2024-06-30' },
      code: 'INVALID_FACT',
    },
    {
      scenario: 'a disqualification whose re-trafficking risk assessment comes after it',
      state: FIXTURES['adult in the recovery period'],
      fact: { type: 'disqualification', at: LATER, riskAssessedAt: new Date(LATER.getTime() + 1), riskOutcome: 'risk_identified' },
      code: 'OUT_OF_ORDER',
    },
    {
      scenario: 'a disqualification with no risk assessment outcome',
      state: FIXTURES['adult in the recovery period'],
      fact: { type: 'disqualification', at: LATER, riskAssessedAt: LATER } as unknown as PathwayFact,
      code: 'INVALID_FACT',
    },
  ];
  it.each(refused)('$scenario: $code', ({ state, fact, code }) => {
    expect(applyPathwayFact(state(), fact)).toMatchObject({ ok: false, code });
  });
});

function deadlines(state: PathwayState, policy: DeadlinePolicy = COUNCIL_PRACTICE_45): Deadline[] {
  const result = computeDeadlines(state, policy, holidays);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.deadlines;
}
const shape = (d: Deadline) => ({ kind: d.kind, dueAt: toLondonIso(d.dueAt), rule: d.rule, effect: d.effect, basis: d.basis.event });

/** A policy like councilPractice45 whose reconsideration clock pauses instead of extending. */
const PAUSED: DeadlinePolicy = {
  ...COUNCIL_PRACTICE_45,
  name: 'paused',
  versions: COUNCIL_PRACTICE_45.versions.map((v) => ({ ...v, version: `paused@${v.effectiveFrom}`, reconsideration: { ...v.reconsideration, moveOnWhilePending: 'paused' as const } })),
};

describe('reconsideration: what it does to deadlines', () => {
  // Negative RG on Monday 3 June 2024; reconsideration requested on Wednesday 5 June.
  const negativeRg: Array<[string, Make]> = [
    ['2024-05-31T10:00:00+01:00', pv],
    ['2024-05-31T11:00:00+01:00', nrm],
    ['2024-06-03T10:00:00+01:00', rg('negative')],
  ];
  const pending: Array<[string, Make]> = [...negativeRg, ['2024-06-05T10:00:00+01:00', ask('reasonable_grounds')]];

  it('a negative RG alone: 9 working days of move-on, then support ends (Fri 14 June)', () => {
    expect(deadlines(at(negativeRg)).map(shape)).toEqual([
      { kind: 'move_on_ends', dueAt: '2024-06-14T23:59:59.999+01:00', rule: 'move_on_after_negative_decision', effect: 'support_ends', basis: 'negative_reasonable_grounds' },
    ]);
  });

  it.each([
    ['extended', COUNCIL_PRACTICE_45],
    ['paused', PAUSED],
  ])('while the request is pending nothing ends (clock %s)', (_, policy) => {
    expect(validateDeadlinePolicy(policy)).toEqual([]);
    expect(deadlines(at(pending), policy)).toEqual([]);
  });

  it('upheld on Monday 1 July, clock extended: the full 9 working days run again from the outcome (Fri 12 July)', () => {
    const state = at([...pending, ['2024-07-01T10:00:00+01:00', answer('reasonable_grounds', 'upheld')]]);
    const [d] = deadlines(state);
    expect(shape(d)).toEqual({ kind: 'move_on_ends', dueAt: '2024-07-12T23:59:59.999+01:00', rule: 'move_on_after_negative_decision', effect: 'support_ends', basis: 'reconsideration_upheld' });
    expect(d.explanation).toMatch(/reconsideration clock: extended/);
  });

  it('upheld on Monday 1 July, clock paused: 2 working days had run (4, 5 June), the 7 left run from the outcome (Wed 10 July)', () => {
    const state = at([...pending, ['2024-07-01T10:00:00+01:00', answer('reasonable_grounds', 'upheld')]]);
    const [d] = deadlines(state, PAUSED);
    expect(shape(d)).toMatchObject({ dueAt: '2024-07-10T23:59:59.999+01:00', basis: 'reconsideration_upheld' });
    expect(d.explanation).toMatch(/resumes with 7 left/);
  });

  it('overturned on Monday 1 July: the recovery period runs from the new decision (45 days: Thu 15 August)', () => {
    const state = at([...pending, ['2024-07-01T10:00:00+01:00', answer('reasonable_grounds', 'overturned')]]);
    expect(state).toMatchObject({ stage: 'recovery_period', since: new Date('2024-07-01T10:00:00+01:00'), reasonableGrounds: { outcome: 'positive' } });
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'recovery_period_minimum_ends', dueAt: '2024-08-15T23:59:59.999+01:00', rule: 'recovery_period_minimum', effect: 'minimum_period_ends', basis: 'overturned_reasonable_grounds' },
    ]);
    // and a CG decision may follow, as after any positive RG
    expect(applyPathwayFact(state, cg('positive')(new Date('2024-09-01T10:00:00+01:00')))).toMatchObject({ ok: true, state: { stage: 'move_on' } });
  });

  it('an overturned negative CG is a positive CG from the new decision: 45 days of move-on from it', () => {
    const state = at([
      ['2024-05-01T10:00:00+01:00', pv],
      ['2024-05-01T11:00:00+01:00', nrm],
      ['2024-05-02T10:00:00+01:00', rg('positive')],
      ['2024-06-03T10:00:00+01:00', cg('negative')],
      ['2024-06-04T10:00:00+01:00', ask('conclusive_grounds')],
      ['2024-07-01T10:00:00+01:00', answer('conclusive_grounds', 'overturned')],
    ]);
    expect(state.since).toEqual(new Date('2024-07-01T10:00:00+01:00'));
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'move_on_ends', dueAt: '2024-08-15T23:59:59.999+01:00', rule: 'move_on_after_positive_cg', effect: 'support_ends', basis: 'overturned_conclusive_grounds' },
    ]);
  });

  it('an upheld decision may be asked about again, but not a second time while one is pending', () => {
    const upheld = at([...pending, ['2024-07-01T10:00:00+01:00', answer('reasonable_grounds', 'upheld')]]);
    expect(applyPathwayFact(upheld, ask('reasonable_grounds')(new Date('2024-07-02T10:00:00+01:00')))).toMatchObject({ ok: true });
    expect(applyPathwayFact(upheld, ask('reasonable_grounds')(new Date('2024-06-30T10:00:00+01:00')))).toMatchObject({ ok: false, code: 'OUT_OF_ORDER' });
  });
});

describe('move-on after a CG is a minimum: Recovery Needs Assessments and extension requests', () => {
  // Positive CG on Monday 3 June 2024: "at least 45 days" ends Thursday 18 July.
  const positiveCg: Array<[string, Make]> = [
    ['2024-03-01T10:00:00+00:00', pv],
    ['2024-03-01T11:00:00+00:00', nrm],
    ['2024-03-04T10:00:00+00:00', rg('positive')],
    ['2024-06-03T10:00:00+01:00', cg('positive')],
  ];
  const requested: Array<[string, Make]> = [...positiveCg, ['2024-07-01T10:00:00+01:00', rna]];

  it('with nothing extending it, support ends after 45 days', () => {
    expect(deadlines(at(positiveCg)).map(shape)).toEqual([
      { kind: 'move_on_ends', dueAt: '2024-07-18T23:59:59.999+01:00', rule: 'move_on_after_positive_cg', effect: 'support_ends', basis: 'positive_conclusive_grounds' },
    ]);
  });

  it('while an RNA is pending the same day is only the minimum: support does not end', () => {
    const [d] = deadlines(at(requested));
    expect(shape(d)).toEqual({ kind: 'move_on_minimum_ends', dueAt: '2024-07-18T23:59:59.999+01:00', rule: 'move_on_after_positive_cg', effect: 'minimum_period_ends', basis: 'positive_conclusive_grounds' });
    expect(d.explanation).toMatch(/Recovery Needs Assessment requested on .* is pending/);
  });

  it('extended to 30 September: support ends at the end of that day, under the extension', () => {
    const state = at([...requested, ['2024-07-10T10:00:00+01:00', rnaOutcome('extended', '2024-09-30')]]);
    const [d] = deadlines(state);
    expect(shape(d)).toEqual({ kind: 'move_on_ends', dueAt: '2024-09-30T23:59:59.999+01:00', rule: 'recovery_needs_assessment_extension', effect: 'support_ends', basis: 'rna_extended' });
    expect(d.source).toMatch(/Recovery Needs Assessment/);
  });

  it('a further RNA after an extension: the extended end becomes a minimum until it is decided', () => {
    const state = at([
      ...requested,
      ['2024-07-10T10:00:00+01:00', rnaOutcome('extended', '2024-09-30')],
      ['2024-09-20T10:00:00+01:00', rna],
    ]);
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'move_on_minimum_ends', dueAt: '2024-09-30T23:59:59.999+01:00', rule: 'recovery_needs_assessment_extension', effect: 'minimum_period_ends', basis: 'rna_extended' },
    ]);
  });

  it('not extended: support ends at the 45-day minimum again', () => {
    const state = at([...requested, ['2024-07-10T10:00:00+01:00', rnaOutcome('not_extended')]]);
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'move_on_ends', dueAt: '2024-07-18T23:59:59.999+01:00', rule: 'move_on_after_positive_cg', effect: 'support_ends', basis: 'positive_conclusive_grounds' },
    ]);
  });

  it('after a negative CG an extension request works the same way on the 9 working days', () => {
    const state = at([
      ['2024-03-01T10:00:00+00:00', pv],
      ['2024-03-01T11:00:00+00:00', nrm],
      ['2024-03-04T10:00:00+00:00', rg('positive')],
      ['2024-06-03T10:00:00+01:00', cg('negative')],
      ['2024-06-05T10:00:00+01:00', rna],
    ]);
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'move_on_minimum_ends', dueAt: '2024-06-14T23:59:59.999+01:00', rule: 'move_on_after_negative_decision', effect: 'minimum_period_ends', basis: 'negative_conclusive_grounds' },
    ]);
  });
});

describe('withdrawal, suspension and further referrals: one person, one history', () => {
  const firstRound: Array<[string, Make]> = [
    ['2024-03-01T10:00:00+00:00', pv],
    ['2024-03-01T11:00:00+00:00', nrm],
    ['2024-03-04T10:00:00+00:00', rg('positive')],
    ['2024-04-01T10:00:00+01:00', withdrawal],
  ];

  it('a withdrawal ends every deadline; the first round stays in the state until a further referral', () => {
    const state = at(firstRound);
    expect(state).toMatchObject({ stage: 'withdrawn', referralRound: 1, withdrawal: { suspended: false }, reasonableGrounds: { outcome: 'positive' } });
    expect(deadlines(state)).toEqual([]);
  });

  it('a further referral opens round 2 with its own RG target; the earlier decisions no longer block it', () => {
    const state = at([...firstRound, ['2024-06-03T10:00:00+01:00', nrm]]);
    expect(state).toMatchObject({ stage: 'awaiting_rg', referralRound: 2 });
    expect(state.reasonableGrounds).toBeUndefined();
    expect(deadlines(state).map((d) => d.kind)).toEqual(['rg_decision_expected']);
  });

  it.each([
    ['councilPractice45: 45 days after the decision (Thu 18 July)', COUNCIL_PRACTICE_45, '2024-07-18T23:59:59.999+01:00', 'councilPractice45@2009-04-01'],
    ['statutory30: s.50A, 30 days beginning with the day of the decision (Tue 2 July)', STATUTORY_30, '2024-07-02T23:59:59.999+01:00', 'statutory30@2023-01-30'],
  ])('a further positive RG brings a further recovery period — %s', (_, policy, due, version) => {
    const state = at([...firstRound, ['2024-05-31T10:00:00+01:00', nrm], ['2024-06-03T10:00:00+01:00', rg('positive')]]);
    const [d] = deadlines(state, policy);
    expect(shape(d)).toEqual({ kind: 'recovery_period_minimum_ends', dueAt: due, rule: 'further_recovery_period_minimum', effect: 'minimum_period_ends', basis: 'further_positive_reasonable_grounds' });
    expect(d.policyVersion).toBe(version);
  });

  it('a case suspended while missing: still missing, and returns to a withdrawn case when found', () => {
    const state = at([
      ['2024-03-01T10:00:00+00:00', pv],
      ['2024-03-01T11:00:00+00:00', nrm],
      ['2024-03-02T10:00:00+00:00', missing],
      ['2024-05-01T10:00:00+01:00', suspension],
    ]);
    expect(state).toMatchObject({ stage: 'missing', withdrawal: { suspended: true } });
    expect(pathwayStage(state).stage).toBe('withdrawn');
    const found = applyPathwayFact(state, { type: 'found', foundAt: new Date('2024-06-01T10:00:00+01:00') });
    expect(found).toMatchObject({ ok: true, state: { stage: 'withdrawn' } });
    // and can be referred again
    if (found.ok) expect(applyPathwayFact(found.state, nrm(new Date('2024-06-02T10:00:00+01:00')))).toMatchObject({ ok: true, state: { stage: 'awaiting_rg', referralRound: 2 } });
  });
});

describe('public-order disqualification (NABA 2022 s.63)', () => {
  const disqualified = () =>
    at([
      ['2024-03-01T10:00:00+00:00', pv],
      ['2024-03-01T11:00:00+00:00', nrm],
      ['2024-03-04T10:00:00+00:00', rg('positive')],
      ['2024-03-11T10:00:00+00:00', (a) => ({ type: 'disqualification', at: a, riskAssessedAt: new Date('2024-03-08T15:00:00Z'), riskOutcome: 'risk_identified' })],
    ]);

  it('ends the recovery period: no minimum runs any more, and the assessment is kept with the decision', () => {
    const state = disqualified();
    expect(state).toMatchObject({
      stage: 'disqualified',
      disqualification: { at: new Date('2024-03-11T10:00:00Z'), riskAssessedAt: new Date('2024-03-08T15:00:00Z'), riskOutcome: 'risk_identified' },
    });
    expect(deadlines(state)).toEqual([]);
  });

  it('a Conclusive Grounds decision is still owed, and is accepted', () => {
    expect(applyPathwayFact(disqualified(), cg('positive')(new Date('2024-09-02T10:00:00+01:00')))).toMatchObject({ ok: true, state: { stage: 'move_on' } });
  });
});

describe('turning 18 on the pathway', () => {
  it.each([
    ['2008-06-03', '2026-06-03', 'an ordinary birthday'],
    ['2008-02-29', '2026-03-01', 'born on 29 February: 1 March in a common year'],
    ['2010-02-29', undefined, 'not a real date'],
    [null, undefined, 'no date of birth'],
  ])('born %s turns 18 on %s (%s)', (dob, expected, _scenario) => {
    expect(eighteenthBirthday(dob)).toBe(expected);
  });

  const child = (facts: Array<[string, Make]>) => {
    let state = startPathway({ encounteredAt: new Date(facts[0][0]), ageCategory: 'child', localAuthorityCode: 'E08000035' });
    for (const [when, make] of facts) {
      const result = applyPathwayFact(state, make(new Date(when)));
      if (!result.ok) throw new Error(`${when} refused: ${result.code} ${result.reason}`);
      state = result.state;
    }
    return state;
  };
  const childPv: Make = (at) => ({ type: 'triage', at, outcome: 'potential_victim', ageCategory: 'child' });
  const turned18: Make = (at) => ({ type: 'turned_18', at });
  const consent = (given: boolean): Make => (at) => ({ type: 'adult_consent', at, consent: given });
  // 18th birthday: Wednesday 5 June 2024, from 00:00 BST
  const BIRTHDAY = '2024-06-05T00:00:00+01:00';

  it("not yet referred: from children's services to adult pre-NRM support, its clock and adult consent from the birthday", () => {
    const state = child([['2024-05-20T10:00:00+01:00', childPv], [BIRTHDAY, turned18]]);
    expect(state).toMatchObject({ stage: 'pre_nrm', route: 'adult', ageCategory: 'adult', turned18: { at: new Date(BIRTHDAY) } });
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'adult_consent_needed', dueAt: '2024-06-05T23:59:59.999+01:00', rule: 'adult_consent_at_18', effect: 'consent_needed', basis: 'turned_18' },
      { kind: 'pre_nrm_accommodation_ends', dueAt: '2024-06-12T23:59:59.999+01:00', rule: 'pre_nrm_accommodation', effect: 'support_ends', basis: 'turned_18' },
    ]);
    const [consentNeeded] = deadlines(state);
    expect(consentNeeded.dueSoonAt).toEqual(new Date(BIRTHDAY)); // on the worklist from the first minute of the birthday
  });

  it('in the recovery period after an RG made as a child: the adult minimum runs from the birthday', () => {
    const state = child([
      ['2024-05-01T10:00:00+01:00', childPv],
      ['2024-05-01T11:00:00+01:00', nrm],
      ['2024-05-03T10:00:00+01:00', rg('positive')],
      [BIRTHDAY, turned18],
    ]);
    expect(state.stage).toBe('recovery_period');
    expect(deadlines(state).map(shape)).toEqual([
      { kind: 'adult_consent_needed', dueAt: '2024-06-05T23:59:59.999+01:00', rule: 'adult_consent_at_18', effect: 'consent_needed', basis: 'turned_18' },
      { kind: 'recovery_period_minimum_ends', dueAt: '2024-07-20T23:59:59.999+01:00', rule: 'recovery_period_minimum', effect: 'minimum_period_ends', basis: 'turned_18' },
    ]);
  });

  const inRecovery: Array<[string, Make]> = [
    ['2024-05-01T10:00:00+01:00', childPv],
    ['2024-05-01T11:00:00+01:00', nrm],
    ['2024-05-03T10:00:00+01:00', rg('positive')],
    [BIRTHDAY, turned18],
  ];
  it('consent given: the worklist item goes; the adult deadlines stay', () => {
    const state = child([...inRecovery, ['2024-06-06T10:00:00+01:00', consent(true)]]);
    expect(state).toMatchObject({ stage: 'recovery_period', turned18: { consent: { given: true } } });
    expect(deadlines(state).map((d) => d.kind)).toEqual(['recovery_period_minimum_ends']);
  });

  it('consent refused: the young person leaves adult NRM support (a withdrawal)', () => {
    const state = child([...inRecovery, ['2024-06-06T10:00:00+01:00', consent(false)]]);
    expect(state).toMatchObject({ stage: 'withdrawn', withdrawal: { suspended: false } });
    expect(deadlines(state)).toEqual([]);
  });

  it.each([
    ['an adult turning 18', () => build([pv]), turned18(LATER), 'NOT_A_CHILD'],
    ['a child turning 18 twice', () => child(inRecovery), turned18(LATER), 'NOT_A_CHILD'],
    ['adult consent from someone who did not turn 18 here', () => build([pv]), consent(true)(LATER), 'NO_ADULT_CONSENT_NEEDED'],
    ['adult consent recorded twice', () => child([...inRecovery, ['2024-06-06T10:00:00+01:00', consent(true)]]), consent(true)(LATER), 'NO_ADULT_CONSENT_NEEDED'],
    ['adult consent before the birthday', () => child(inRecovery), consent(true)(new Date('2024-06-04T10:00:00+01:00')), 'OUT_OF_ORDER'],
  ])('refuses %s (%s)', (_, state, fact, code) => {
    expect(applyPathwayFact(state(), fact)).toMatchObject({ ok: false, code });
  });
});

describe('Independent Child Trafficking Guardian referral', () => {
  const guardian = (at: Date): PathwayFact => ({ type: 'guardian_referral', at });
  const childState = (ageCategory: 'child' | 'age_disputed') => {
    const start = startPathway({ encounteredAt: hour(0), ageCategory });
    const r = applyPathwayFact(start, { type: 'triage', at: hour(1), outcome: 'potential_victim', ageCategory });
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  };
  it.each([
    ['a child', () => childState('child'), true],
    ['a person whose age is disputed (presumed a child)', () => childState('age_disputed'), true],
    ['an adult', () => build([pv]), false],
  ])('%s: accepted %p, and the stage does not move', (_, state, accepted) => {
    const before = state();
    const result = applyPathwayFact(before, guardian(LATER));
    if (accepted) expect(result).toMatchObject({ ok: true, state: { stage: before.stage, guardianReferral: { at: LATER } } });
    else expect(result).toMatchObject({ ok: false, code: 'NOT_A_CHILD' });
  });

  it('once per person; never before the encounter', () => {
    const once = applyPathwayFact(childState('child'), guardian(LATER));
    if (!once.ok) throw new Error(once.reason);
    expect(applyPathwayFact(once.state, guardian(LATER))).toMatchObject({ ok: false, code: 'ALREADY_REFERRED_TO_GUARDIAN' });
    expect(applyPathwayFact(childState('child'), guardian(new Date(BASE - 1)))).toMatchObject({ ok: false, code: 'OUT_OF_ORDER' });
  });
});

describe('pathway status: what is pending, owed or held', () => {
  const { pathwayStatus } = jest.requireActual('./pathway-status') as typeof import('./pathway-status');
  it.each([
    ['a pending reconsideration under councilPractice45', FIXTURES['move-on after a negative RG, reconsideration pending'], COUNCIL_PRACTICE_45, { heldBy: 'reconsideration', clock: 'extended' }],
    ['a pending reconsideration under a paused-clock policy', FIXTURES['move-on after a negative RG, reconsideration pending'], PAUSED, { heldBy: 'reconsideration', clock: 'paused' }],
    ['a pending RNA', FIXTURES['move-on after a positive CG, RNA pending'], COUNCIL_PRACTICE_45, { heldBy: 'recovery_needs_assessment', clock: 'extended' }],
    ['nothing pending', FIXTURES['move-on after a negative RG'], COUNCIL_PRACTICE_45, null],
  ])('%s: the move-on clock is shown as held', (_, fixture, policy, expected) => {
    const status = pathwayStatus(fixture(), policy);
    if (expected === null) expect(status.moveOnClock).toBeNull();
    else expect(status.moveOnClock).toMatchObject(expected);
  });

  it.each([
    ['awaiting RG', FIXTURES['adult awaiting RG'], ['reasonable_grounds', 'conclusive_grounds']],
    ['disqualified', FIXTURES['disqualified after a positive RG'], ['conclusive_grounds']],
    ['move-on', FIXTURES['move-on after a positive CG'], []],
  ])('%s owes %p', (_, fixture, owed) => {
    expect(pathwayStatus(fixture()).decisionsOwed).toEqual(owed);
  });
});
