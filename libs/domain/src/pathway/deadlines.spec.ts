import { englandAndWalesBankHolidays } from './bank-holidays';
import {
  COUNCIL_PRACTICE_45,
  DeadlinePolicy,
  deadlinePolicy,
  RuleName,
  STATUTORY_30,
  validateDeadlinePolicy,
  withLocalAuthorityOverrides,
} from './deadline-policy';
import { computeDeadlines, deadlinesFor, deadlineStatus } from './deadlines';
import { toLondonIso } from './london-time';
import { applyPathwayFact, startPathway } from './pathway-machine';
import { AgeCategory, PathwayFact, PathwayState } from './pathway.types';

// Every instant below is written with its UK offset, so each case reads as a caseworker would say it;
// expectations are checked both as an instant (parsed by the JavaScript engine, independently of the
// code under test) and as the London wall-clock text.
const t = (iso: string) => new Date(iso);
const holidays = englandAndWalesBankHolidays();
const practice45 = deadlinePolicy('councilPractice45');

function pathway(facts: Array<(at: Date) => PathwayFact>, at: Date, opts: { ageCategory?: AgeCategory; la?: string } = {}): PathwayState {
  let state = startPathway({ encounteredAt: at, ageCategory: opts.ageCategory ?? 'adult', localAuthorityCode: opts.la });
  for (const make of facts) {
    const result = applyPathwayFact(state, make(at));
    if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
    state = result.state;
  }
  return state;
}
const pv = (at: Date): PathwayFact => ({ type: 'triage', at, outcome: 'potential_victim', ageCategory: 'adult' });
const childPv = (at: Date): PathwayFact => ({ type: 'triage', at, outcome: 'potential_victim', ageCategory: 'child' });
const nrm = (submittedAt: Date): PathwayFact => ({ type: 'referral', kind: 'nrm', consent: true, submittedAt });
const rg = (outcome: 'positive' | 'negative') => (decidedAt: Date): PathwayFact => ({ type: 'decision', kind: 'reasonable_grounds', outcome, decidedAt });
const cg = (outcome: 'positive' | 'negative') => (decidedAt: Date): PathwayFact => ({ type: 'decision', kind: 'conclusive_grounds', outcome, decidedAt });
const missing = (reportedAt: Date): PathwayFact => ({ type: 'missing', reportedAt });

/** A person whose deadline for `rule` runs from `at` (everything before it happened at the same instant). */
const STAGE_FOR: Record<RuleName, Array<(at: Date) => PathwayFact>> = {
  pre_nrm_accommodation: [pv],
  rg_decision_target: [pv, nrm],
  recovery_period_minimum: [pv, nrm, rg('positive')],
  further_recovery_period_minimum: [pv, nrm, rg('positive'), (at) => ({ type: 'withdrawal', at }), nrm, rg('positive')],
  move_on_after_positive_cg: [pv, nrm, rg('positive'), cg('positive')],
  move_on_after_negative_decision: [pv, nrm, rg('negative')],
  missing_bed_hold: [pv, missing],
};

function only(state: PathwayState, rule: RuleName, policy: DeadlinePolicy = practice45) {
  const found = deadlinesFor(state, policy, holidays).filter((d) => d.rule === rule);
  expect(found).toHaveLength(1);
  return found[0];
}

function expectDue(dueAt: Date, expected: string) {
  expect(dueAt.toISOString()).toBe(new Date(expected).toISOString());
  expect(toLondonIso(dueAt)).toBe(expected);
}

describe('deadline maths (councilPractice45, England and Wales bank holidays)', () => {
  const cases: Array<{ scenario: string; rule: RuleName; at: string; due: string }> = [
    // working days: pre-NRM accommodation and the RG decision target, 5 working days
    { scenario: 'identified on a Monday morning in June (BST)', rule: 'pre_nrm_accommodation', at: '2024-06-03T10:00:00+01:00', due: '2024-06-10T23:59:59.999+01:00' },
    { scenario: 'identified on a Saturday: the weekend does not count', rule: 'pre_nrm_accommodation', at: '2024-06-08T15:00:00+01:00', due: '2024-06-14T23:59:59.999+01:00' },
    { scenario: 'referral at 23:59 on a Friday (BST)', rule: 'rg_decision_target', at: '2024-06-14T23:59:00+01:00', due: '2024-06-21T23:59:59.999+01:00' },
    { scenario: 'referral at 09:00 on the same Friday shares the deadline', rule: 'rg_decision_target', at: '2024-06-14T09:00:00+01:00', due: '2024-06-21T23:59:59.999+01:00' },
    { scenario: 'referral at 23:59 on a Friday in winter (GMT)', rule: 'rg_decision_target', at: '2025-01-17T23:59:00+00:00', due: '2025-01-24T23:59:59.999+00:00' },
    { scenario: 'referral at 00:30 BST on a Thursday counts from Thursday, not from the UTC date (Wednesday)', rule: 'rg_decision_target', at: '2024-06-13T00:30:00+01:00', due: '2024-06-20T23:59:59.999+01:00' },
    { scenario: 'referral on the Friday before the early May bank holiday', rule: 'rg_decision_target', at: '2024-05-03T11:00:00+01:00', due: '2024-05-13T23:59:59.999+01:00' },
    { scenario: 'referral on the Monday before Christmas 2024 (Christmas, Boxing Day, New Year skipped)', rule: 'rg_decision_target', at: '2024-12-23T10:00:00+00:00', due: '2025-01-02T23:59:59.999+00:00' },
    { scenario: 'referral on Christmas Eve 2027 (substitute days Mon 27, Tue 28 Dec and Mon 3 Jan)', rule: 'rg_decision_target', at: '2027-12-24T10:00:00+00:00', due: '2028-01-05T23:59:59.999+00:00' },
    { scenario: 'referral on the Wednesday before Easter 2024, across the March clock change', rule: 'rg_decision_target', at: '2024-03-27T10:00:00+00:00', due: '2024-04-05T23:59:59.999+01:00' },
    { scenario: 'referral on the Thursday before Easter 2026 (Good Friday and Easter Monday skipped)', rule: 'rg_decision_target', at: '2026-04-02T10:00:00+01:00', due: '2026-04-13T23:59:59.999+01:00' },
    { scenario: 'referral at 23:59 on the Friday before Easter (Good Friday 2025)', rule: 'rg_decision_target', at: '2025-04-18T23:59:00+01:00', due: '2025-04-28T23:59:59.999+01:00' },
    { scenario: 'referral in the week of the October clock change ends in GMT', rule: 'rg_decision_target', at: '2024-10-21T10:00:00+01:00', due: '2024-10-28T23:59:59.999+00:00' },
    { scenario: 'referral at 23:59 BST on the Friday before the October clock change', rule: 'rg_decision_target', at: '2024-10-25T23:59:00+01:00', due: '2024-11-01T23:59:59.999+00:00' },
    { scenario: 'referral at 01:30 BST in the repeated hour of the October clock change', rule: 'rg_decision_target', at: '2024-10-27T01:30:00+01:00', due: '2024-11-01T23:59:59.999+00:00' },
    { scenario: 'referral at 01:30 GMT in the repeated hour of the October clock change', rule: 'rg_decision_target', at: '2024-10-27T01:30:00+00:00', due: '2024-11-01T23:59:59.999+00:00' },
    { scenario: 'referral on the Friday before the March clock change ends in BST', rule: 'rg_decision_target', at: '2025-03-28T12:00:00+00:00', due: '2025-04-04T23:59:59.999+01:00' },
    { scenario: 'referral at 03:30 on the Sunday of the March clock change', rule: 'rg_decision_target', at: '2025-03-30T03:30:00+01:00', due: '2025-04-04T23:59:59.999+01:00' },
    { scenario: 'leap year: referral on Monday 28 Feb 2028 counts Tuesday 29 Feb', rule: 'rg_decision_target', at: '2028-02-28T10:00:00+00:00', due: '2028-03-06T23:59:59.999+00:00' },
    // 9 working days after a negative decision
    { scenario: 'negative RG on the Monday before Christmas 2024: 9 working days', rule: 'move_on_after_negative_decision', at: '2024-12-16T10:00:00+00:00', due: '2024-12-31T23:59:59.999+00:00' },
    // calendar days: 45 from a positive RG, 45 after a positive CG
    { scenario: 'recovery period: 45 days from a positive RG in March ends in BST', rule: 'recovery_period_minimum', at: '2024-03-01T10:00:00+00:00', due: '2024-04-15T23:59:59.999+01:00' },
    { scenario: 'recovery period: a positive RG at 00:30 BST counts from that London date', rule: 'recovery_period_minimum', at: '2024-07-01T00:30:00+01:00', due: '2024-08-15T23:59:59.999+01:00' },
    { scenario: 'leap year: 45 days from 15 Feb 2028 is 31 Mar 2028', rule: 'recovery_period_minimum', at: '2028-02-15T10:00:00+00:00', due: '2028-03-31T23:59:59.999+01:00' },
    { scenario: 'non-leap year: 45 days from 15 Feb 2027 is 1 Apr 2027', rule: 'recovery_period_minimum', at: '2027-02-15T10:00:00+00:00', due: '2027-04-01T23:59:59.999+01:00' },
    { scenario: 'move-on: 45 days after a positive CG across the October clock change', rule: 'move_on_after_positive_cg', at: '2024-09-20T10:00:00+01:00', due: '2024-11-04T23:59:59.999+00:00' },
    { scenario: 'move-on: 45 days after a positive CG on 29 Feb 2028', rule: 'move_on_after_positive_cg', at: '2028-02-29T10:00:00+00:00', due: '2028-04-14T23:59:59.999+01:00' },
    // hours: elapsed time, not wall-clock time
    { scenario: 'bed hold: 72 hours across the October clock change is 71 hours on the wall clock', rule: 'missing_bed_hold', at: '2024-10-25T12:00:00+01:00', due: '2024-10-28T11:00:00.000+00:00' },
    { scenario: 'bed hold: 72 hours across the March clock change is 73 hours on the wall clock', rule: 'missing_bed_hold', at: '2024-03-29T12:00:00+00:00', due: '2024-04-01T13:00:00.000+01:00' },
  ];

  it.each(cases)('$scenario', ({ rule, at, due }) => {
    const deadline = only(pathway(STAGE_FOR[rule], t(at)), rule);
    expectDue(deadline.dueAt, due);
    expect(deadline.basis.at).toEqual(t(at));
    expect(deadline.policyVersion).toBe('councilPractice45@2009-04-01');
    expect(deadline.caveat).toBeUndefined();
  });

  it('negative CG just before Christmas 2026: 9 working days skip Christmas, the Boxing Day substitute and New Year', () => {
    const state = pathway([pv, nrm, rg('positive'), cg('negative')], t('2026-12-21T10:00:00+00:00'));
    const deadline = only(state, 'move_on_after_negative_decision');
    expectDue(deadline.dueAt, '2027-01-06T23:59:59.999+00:00');
    expect(deadline.basis.event).toBe('negative_conclusive_grounds');
  });
});

describe('deadline policy: the 45 -> 30 day recovery period by effective date', () => {
  const cases: Array<{ scenario: string; policy: DeadlinePolicy; at: string; due: string; version: string }> = [
    { scenario: 'statutory30: positive RG at 23:30 on 12 Dec 2022, the day before the change: 45 days', policy: STATUTORY_30, at: '2022-12-12T23:30:00+00:00', due: '2023-01-26T23:59:59.999+00:00', version: 'statutory30@2009-04-01' },
    { scenario: 'statutory30: positive RG at 00:00 on 13 Dec 2022, the day of the change: 30 days', policy: STATUTORY_30, at: '2022-12-13T00:00:00+00:00', due: '2023-01-12T23:59:59.999+00:00', version: 'statutory30@2022-12-13' },
    { scenario: 'statutory30: positive RG in June 2024: 30 days', policy: STATUTORY_30, at: '2024-06-03T10:00:00+01:00', due: '2024-07-03T23:59:59.999+01:00', version: 'statutory30@2023-01-30' },
    { scenario: 'statutory30: positive RG on 29 Jan 2023 (guidance, not yet law): 30 days', policy: STATUTORY_30, at: '2023-01-29T10:00:00+00:00', due: '2023-02-28T23:59:59.999+00:00', version: 'statutory30@2022-12-13' },
    { scenario: 'councilPractice45: positive RG on 13 Dec 2022 still has 45 days', policy: COUNCIL_PRACTICE_45, at: '2022-12-13T10:00:00+00:00', due: '2023-01-27T23:59:59.999+00:00', version: 'councilPractice45@2009-04-01' },
  ];
  it.each(cases)('$scenario', ({ policy, at, due, version }) => {
    const deadline = only(pathway(STAGE_FOR.recovery_period_minimum, t(at)), 'recovery_period_minimum', policy);
    expectDue(deadline.dueAt, due);
    expect(deadline.policyVersion).toBe(version);
    expect(deadline.source).toMatch(
      version === 'statutory30@2022-12-13' ? /guidance from 13 Dec 2022.*Not yet law/ : version === 'statutory30@2023-01-30' ? /30 Jan 2023.*SI 2023\/33/ : /45 calendar days/,
    );
  });

  it('a deadline keeps the version in force when its stage began, even when read after the change', () => {
    const state = pathway(STAGE_FOR.recovery_period_minimum, t('2022-12-01T10:00:00+00:00'));
    // deadlinesFor has no clock: the same answer whenever it is asked
    expect(only(state, 'recovery_period_minimum', STATUTORY_30).policyVersion).toBe('statutory30@2009-04-01');
  });

  it('the effective date is a London date: 00:30 BST on the first day is already in the new version', () => {
    const v1 = STATUTORY_30.versions[1];
    const policy: DeadlinePolicy = {
      ...STATUTORY_30,
      name: 'test',
      versions: [
        ...STATUTORY_30.versions,
        { ...v1, version: 'test@2023-06-01', effectiveFrom: '2023-06-01', rules: { ...v1.rules, recovery_period_minimum: { amount: 60, unit: 'calendar_days', source: 'test' } } },
      ],
    };
    expect(validateDeadlinePolicy(policy)).toEqual([]);
    const justAfter = only(pathway(STAGE_FOR.recovery_period_minimum, t('2023-06-01T00:30:00+01:00')), 'recovery_period_minimum', policy);
    expect(justAfter.policyVersion).toBe('test@2023-06-01');
    expectDue(justAfter.dueAt, '2023-07-31T23:59:59.999+01:00');
    const justBefore = only(pathway(STAGE_FOR.recovery_period_minimum, t('2023-05-31T23:59:00+01:00')), 'recovery_period_minimum', policy);
    expect(justBefore.policyVersion).toBe('statutory30@2023-01-30');
  });

  it('a rule counted "beginning with the day" of the event counts that day as day 1', () => {
    const v = COUNCIL_PRACTICE_45.versions[0];
    const policy: DeadlinePolicy = {
      ...COUNCIL_PRACTICE_45,
      versions: [
        {
          ...v,
          rules: {
            ...v.rules,
            recovery_period_minimum: { amount: 30, unit: 'calendar_days', counting: 'including_basis_day', source: 'test' },
            rg_decision_target: { amount: 5, unit: 'working_days', counting: 'including_basis_day', source: 'test' },
          },
        },
      ],
    };
    expectDue(only(pathway(STAGE_FOR.recovery_period_minimum, t('2023-01-10T10:00:00+00:00')), 'recovery_period_minimum', policy).dueAt, '2023-02-08T23:59:59.999+00:00');
    expectDue(only(pathway(STAGE_FOR.rg_decision_target, t('2024-06-03T10:00:00+01:00')), 'rg_decision_target', policy).dueAt, '2024-06-07T23:59:59.999+01:00');
    // a Saturday is not a working day, so counting from it starts on Monday either way
    expectDue(only(pathway(STAGE_FOR.rg_decision_target, t('2024-06-08T10:00:00+01:00')), 'rg_decision_target', policy).dueAt, '2024-06-14T23:59:59.999+01:00');
  });

  it('a basis before the first version is a configuration error, not a silent default', () => {
    expect(() => deadlinesFor(pathway([pv], t('2008-01-01T10:00:00Z')), practice45, holidays)).toThrow(/no version in force on 2008-01-01/);
  });

  it('an unknown policy name is refused with the known names', () => {
    expect(() => deadlinePolicy('lenient')).toThrow(/councilPractice45, statutory30/);
    expect(deadlinePolicy()).toBe(COUNCIL_PRACTICE_45);
  });

  it('the shipped policies are valid and cannot be changed by accident', () => {
    expect(validateDeadlinePolicy(COUNCIL_PRACTICE_45)).toEqual([]);
    expect(validateDeadlinePolicy(STATUTORY_30)).toEqual([]);
    expect(() => {
      (COUNCIL_PRACTICE_45.versions[0].rules.pre_nrm_accommodation as { amount: number }).amount = 1;
    }).toThrow(TypeError);
  });
});

describe('deadline policy: local authority overrides', () => {
  const LEEDS = 'E08000035';
  const policy = withLocalAuthorityOverrides(COUNCIL_PRACTICE_45, [
    { localAuthorityCode: LEEDS, effectiveFrom: '2020-01-01', rules: { pre_nrm_accommodation: { amount: 3, unit: 'working_days', source: 'Leeds: places of safety, 3 working days' } } },
    { localAuthorityCode: LEEDS, effectiveFrom: '2025-01-01', rules: { pre_nrm_accommodation: { amount: 7, unit: 'calendar_days', source: 'Leeds: PCC-funded beds, 7 nights' } } },
    { localAuthorityCode: LEEDS, effectiveFrom: '2021-01-01', rules: { move_on_after_negative_decision: { amount: 14, unit: 'calendar_days', source: 'Leeds: 14 days' } } },
  ]);

  it('a person of that authority gets its pre-NRM rule, named with the override', () => {
    const d = only(pathway([pv], t('2024-06-03T10:00:00+01:00'), { la: LEEDS }), 'pre_nrm_accommodation', policy);
    expectDue(d.dueAt, '2024-06-06T23:59:59.999+01:00');
    expect(d.policyVersion).toBe('councilPractice45@2009-04-01+E08000035@2020-01-01');
    expect(d.source).toMatch(/Leeds: places of safety/);
  });

  it('a later override applies from its own effective date', () => {
    const d = only(pathway([pv], t('2025-06-02T10:00:00+01:00'), { la: LEEDS }), 'pre_nrm_accommodation', policy);
    expectDue(d.dueAt, '2025-06-09T23:59:59.999+01:00');
    expect(d.policyVersion).toBe('councilPractice45@2009-04-01+E08000035@2025-01-01');
  });

  it('another local authority, or none, keeps the national default', () => {
    for (const la of ['E09000001', undefined]) {
      const d = only(pathway([pv], t('2024-06-03T10:00:00+01:00'), { la }), 'pre_nrm_accommodation', policy);
      expectDue(d.dueAt, '2024-06-10T23:59:59.999+01:00');
      expect(d.policyVersion).toBe('councilPractice45@2009-04-01');
    }
  });

  it('an override of one rule leaves the authority’s other rules national', () => {
    const state = pathway(STAGE_FOR.rg_decision_target, t('2024-06-03T10:00:00+01:00'), { la: LEEDS });
    expect(only(state, 'rg_decision_target', policy).policyVersion).toBe('councilPractice45@2009-04-01');
    const negative = only(pathway(STAGE_FOR.move_on_after_negative_decision, t('2024-06-03T10:00:00+01:00'), { la: LEEDS }), 'move_on_after_negative_decision', policy);
    expectDue(negative.dueAt, '2024-06-17T23:59:59.999+01:00');
  });

  const invalid: Array<{ scenario: string; override: unknown; message: RegExp }> = [
    { scenario: 'a national rule (the recovery period)', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-01-01', rules: { recovery_period_minimum: { amount: 10, unit: 'calendar_days', source: 'x' } } }, message: /national rule/ },
    { scenario: 'a zero amount', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-01-01', rules: { pre_nrm_accommodation: { amount: 0, unit: 'working_days', source: 'x' } } }, message: /positive whole number/ },
    { scenario: 'an unknown unit', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-01-01', rules: { pre_nrm_accommodation: { amount: 5, unit: 'nights', source: 'x' } } }, message: /unit/ },
    { scenario: 'no source', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-01-01', rules: { pre_nrm_accommodation: { amount: 5, unit: 'working_days', source: ' ' } } }, message: /source/ },
    { scenario: 'an impossible effective date', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-02-30', rules: { pre_nrm_accommodation: { amount: 5, unit: 'working_days', source: 'x' } } }, message: /effectiveFrom/ },
    { scenario: 'no rule at all', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-01-01', rules: {} }, message: /overrides no rule/ },
    { scenario: 'a second override on the same date', override: { localAuthorityCode: LEEDS, effectiveFrom: '2020-01-01', rules: { pre_nrm_accommodation: { amount: 4, unit: 'working_days', source: 'x' } } }, message: /two overrides/ },
    { scenario: 'day counting on an hours rule', override: { localAuthorityCode: LEEDS, effectiveFrom: '2024-01-01', rules: { pre_nrm_accommodation: { amount: 72, unit: 'hours', counting: 'after_basis_day', source: 'x' } } }, message: /day units only/ },
  ];
  it.each(invalid)('an override with $scenario is refused', ({ override, message }) => {
    expect(() => withLocalAuthorityOverrides(policy, [override as never])).toThrow(message);
  });

  it('versions out of date order, or missing a rule, are refused', () => {
    const [v] = COUNCIL_PRACTICE_45.versions;
    const { missing_bed_hold: _dropped, ...partial } = v.rules;
    expect(validateDeadlinePolicy({ ...COUNCIL_PRACTICE_45, versions: [v, { ...v, version: 'x', effectiveFrom: '2000-01-01' }] })).toEqual(
      [expect.stringMatching(/increasing effectiveFrom/)],
    );
    expect(validateDeadlinePolicy({ ...COUNCIL_PRACTICE_45, versions: [{ ...v, rules: partial as never }] })).toEqual([
      expect.stringMatching(/missing_bed_hold is missing/),
    ]);
    expect(validateDeadlinePolicy({ ...COUNCIL_PRACTICE_45, versions: [] })).toEqual(['a policy needs at least one version']);
  });
});

describe('deadlines per stage', () => {
  const at = t('2024-06-03T10:00:00+01:00');
  const child = { ageCategory: 'child' as const };
  const cases: Array<{ scenario: string; state: () => PathwayState; rules: RuleName[] }> = [
    { scenario: 'encountered, not yet triaged: none', state: () => pathway([], at), rules: [] },
    { scenario: 'triaged as a suspect: none', state: () => pathway([(a) => ({ type: 'triage', at: a, outcome: 'suspect', ageCategory: 'adult' })], at), rules: [] },
    { scenario: 'adult in pre-NRM support: pre-NRM accommodation', state: () => pathway([pv], at), rules: ['pre_nrm_accommodation'] },
    { scenario: "child with children's services: none (support under the Children Act)", state: () => pathway([childPv], at, child), rules: [] },
    { scenario: 'adult who declined (duty to notify): none, local support only', state: () => pathway([pv, (a) => ({ type: 'referral', kind: 'duty_to_notify', consent: false, submittedAt: a })], at), rules: [] },
    { scenario: 'adult awaiting RG: the RG decision target', state: () => pathway([pv, nrm], at), rules: ['rg_decision_target'] },
    { scenario: 'child awaiting RG: the RG decision target too', state: () => pathway([childPv, (a) => ({ type: 'referral', kind: 'nrm', consent: false, submittedAt: a })], at, child), rules: ['rg_decision_target'] },
    { scenario: 'adult in the recovery period: the minimum recovery period', state: () => pathway([pv, nrm, rg('positive')], at), rules: ['recovery_period_minimum'] },
    { scenario: 'child after a positive RG: none', state: () => pathway([childPv, nrm, rg('positive')], at, child), rules: [] },
    { scenario: 'adult in move-on after a positive CG: 45 days move-on', state: () => pathway([pv, nrm, rg('positive'), cg('positive')], at), rules: ['move_on_after_positive_cg'] },
    { scenario: 'adult in move-on after a negative RG: 9 working days', state: () => pathway([pv, nrm, rg('negative')], at), rules: ['move_on_after_negative_decision'] },
    { scenario: 'child after a negative RG: none', state: () => pathway([childPv, nrm, rg('negative')], at, child), rules: [] },
    { scenario: 'missing before triage: the bed hold only', state: () => pathway([missing], at), rules: ['missing_bed_hold'] },
    { scenario: 'missing from pre-NRM: pre-NRM accommodation keeps running, and the bed hold', state: () => pathway([pv, missing], at), rules: ['missing_bed_hold', 'pre_nrm_accommodation'] },
    { scenario: 'missing while awaiting RG: the bed hold, then the RG target', state: () => pathway([pv, nrm, missing], at), rules: ['missing_bed_hold', 'rg_decision_target'] },
    { scenario: 'exited: none', state: () => pathway([pv, (a) => ({ type: 'exit', at: a, outcome: 'declined_support' })], at), rules: [] },
  ];
  it.each(cases)('$scenario', ({ state, rules }) => {
    expect(deadlinesFor(state(), practice45, holidays).map((d) => d.rule)).toEqual(rules);
  });

  it('deadlines come earliest first: an RG target due before the bed hold ends is listed first', () => {
    const referred = pathway([pv, nrm], at);
    const gone = applyPathwayFact(referred, { type: 'missing', reportedAt: t('2024-06-09T10:00:00+01:00') });
    if (!gone.ok) throw new Error(gone.reason);
    const list = deadlinesFor(gone.state, practice45, holidays);
    expect(list.map((d) => [d.kind, toLondonIso(d.dueAt)])).toEqual([
      ['rg_decision_expected', '2024-06-10T23:59:59.999+01:00'],
      ['bed_hold_ends', '2024-06-12T10:00:00.000+01:00'],
    ]);
  });

  it('being found returns the same pre-NRM deadline as before going missing', () => {
    const before = only(pathway([pv], at), 'pre_nrm_accommodation');
    const gone = pathway([pv, missing], at);
    const found = applyPathwayFact(gone, { type: 'found', foundAt: t('2024-06-05T10:00:00+01:00') });
    if (!found.ok) throw new Error(found.reason);
    expect(deadlinesFor(found.state, practice45, holidays)).toEqual([before]);
  });

  it('a positive RG recorded while missing starts the recovery period from the decision', () => {
    const gone = pathway([pv, nrm, missing], at);
    const decided = applyPathwayFact(gone, { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: t('2024-06-07T15:00:00+01:00') });
    if (!decided.ok) throw new Error(decided.reason);
    const recovery = only(decided.state, 'recovery_period_minimum');
    expectDue(recovery.dueAt, '2024-07-22T23:59:59.999+01:00');
    expect(recovery.basis).toEqual({ event: 'positive_reasonable_grounds', at: t('2024-06-07T15:00:00+01:00') });
  });

  it('after an age assessment as an adult, pre-NRM accommodation runs from the assessment', () => {
    const disputed = pathway([(a) => ({ type: 'triage', at: a, outcome: 'potential_victim', ageCategory: 'age_disputed' })], at, { ageCategory: 'age_disputed' });
    const assessed = applyPathwayFact(disputed, { type: 'age_assessed', at: t('2024-06-10T14:00:00+01:00'), assessedAs: 'adult' });
    if (!assessed.ok) throw new Error(assessed.reason);
    const d = only(assessed.state, 'pre_nrm_accommodation');
    expect(d.basis).toEqual({ event: 'assessed_as_adult', at: t('2024-06-10T14:00:00+01:00') });
    expectDue(d.dueAt, '2024-06-17T23:59:59.999+01:00');
  });

  it('an age-disputed child assessed as an adult after a positive RG gets the adult recovery period', () => {
    const disputed = pathway(
      [(a) => ({ type: 'triage', at: a, outcome: 'potential_victim', ageCategory: 'age_disputed' }), (a) => ({ type: 'referral', kind: 'nrm', consent: false, submittedAt: a }), rg('positive')],
      at,
      { ageCategory: 'age_disputed' },
    );
    expect(deadlinesFor(disputed, practice45, holidays)).toEqual([]);
    const assessed = applyPathwayFact(disputed, { type: 'age_assessed', at: t('2024-06-20T10:00:00+01:00'), assessedAs: 'adult' });
    if (!assessed.ok) throw new Error(assessed.reason);
    expectDue(only(assessed.state, 'recovery_period_minimum').dueAt, '2024-07-18T23:59:59.999+01:00');
  });
});

describe('deadline shape, status and explanation', () => {
  const state = pathway(STAGE_FOR.rg_decision_target, t('2024-06-14T23:59:00+01:00'));
  const deadline = only(state, 'rg_decision_target');

  it('names its kind, rule, policy version, effect, basis and source', () => {
    expect(deadline).toEqual({
      kind: 'rg_decision_expected',
      dueAt: t('2024-06-21T23:59:59.999+01:00'),
      dueSoonAt: t('2024-06-20T23:59:59.999+01:00'),
      rule: 'rg_decision_target',
      policyVersion: 'councilPractice45@2009-04-01',
      effect: 'decision_target',
      basis: { event: 'nrm_referral_submitted', at: t('2024-06-14T23:59:00+01:00') },
      source: expect.stringContaining('5 working days'),
      explanation:
        'Reasonable Grounds decision expected (target) Fri 21 Jun 2024 23:59 (Europe/London): end of the 5th working day after ' +
        'the NRM referral on Fri 14 Jun 2024 23:59; rule rg_decision_target, policy councilPractice45@2009-04-01.',
    });
  });

  const statuses: Array<{ scenario: string; now: string; status: string }> = [
    { scenario: 'a day and a millisecond before: pending', now: '2024-06-20T23:59:59.998+01:00', status: 'pending' },
    { scenario: 'exactly 24 hours before: due soon', now: '2024-06-20T23:59:59.999+01:00', status: 'due_soon' },
    { scenario: 'in the last millisecond of the day: still due soon, not overdue', now: '2024-06-21T23:59:59.999+01:00', status: 'due_soon' },
    { scenario: 'at midnight London time: overdue', now: '2024-06-22T00:00:00.000+01:00', status: 'overdue' },
  ];
  it.each(statuses)('status $scenario', ({ now, status }) => {
    expect(deadlineStatus(deadline, t(now))).toBe(status);
  });

  it('a due-soon warning across the October clock change is 24 elapsed hours before', () => {
    const d = only(pathway(STAGE_FOR.rg_decision_target, t('2024-10-21T10:00:00+01:00')), 'rg_decision_target');
    expect(toLondonIso(d.dueSoonAt)).toBe('2024-10-27T23:59:59.999+00:00');
    const hold = only(pathway(STAGE_FOR.missing_bed_hold, t('2024-10-25T12:00:00+01:00')), 'missing_bed_hold');
    expect(hold.dueSoonAt.getTime()).toBe(hold.dueAt.getTime() - 24 * 3_600_000);
    expect(hold.effect).toBe('bed_released');
  });

  it('the recovery period is a minimum, not an exit: its effect says so', () => {
    const d = only(pathway(STAGE_FOR.recovery_period_minimum, t('2024-06-03T10:00:00+01:00')), 'recovery_period_minimum');
    expect(d.effect).toBe('minimum_period_ends');
    expect(d.explanation).toMatch(/support continues until the Conclusive Grounds decision/);
  });

  it('a working-day count that runs past the bank-holiday data is refused, naming the years', () => {
    const state = pathway(STAGE_FOR.rg_decision_target, t('2030-12-27T10:00:00+00:00'));
    const result = computeDeadlines(state, practice45, holidays);
    expect(result).toMatchObject({ ok: false, code: 'CALENDAR_NOT_COVERED', years: [2031] });
    expect(!result.ok && result.reason).toMatch(/rg_decision_expected.*2031.*england-and-wales 2009-2030.*bank-holidays:update/);
    expect(() => deadlinesFor(state, practice45, holidays)).toThrow(/CALENDAR_NOT_COVERED/);
  });

  it('a calendar-day count runs in any year: no bank holidays are needed', () => {
    const state = pathway(STAGE_FOR.recovery_period_minimum, t('2031-06-02T10:00:00+01:00'));
    expect(computeDeadlines(state, practice45, holidays)).toMatchObject({ ok: true, deadlines: [{ kind: 'recovery_period_minimum_ends' }] });
  });

  it('a deadline before the NRM began (1 April 2009) has no policy in force: refused, not a crash', () => {
    const state = pathway(STAGE_FOR.recovery_period_minimum, t('2009-03-31T10:00:00+01:00'));
    expect(computeDeadlines(state, practice45, holidays)).toMatchObject({ ok: false, code: 'POLICY_NOT_IN_FORCE' });
  });
});
