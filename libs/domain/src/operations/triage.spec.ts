import { AGE_CATEGORIES } from './age';
import { triage, TRIAGE_OUTCOMES, triageEffects } from './triage';

describe('triage effects', () => {
  it.each([
    ['potential_victim', 'adult', false, { stage: 'pre_nrm', needsBed: true, keepApartFromVictims: false }],
    ['potential_victim', 'child', false, { stage: 'children_services', needsBed: true, keepApartFromVictims: false }],
    ['potential_victim', 'age_disputed', false, { stage: 'children_services', needsBed: true, keepApartFromVictims: false }],
    ['suspect', 'adult', false, { stage: 'encountered', needsBed: false, keepApartFromVictims: true }],
    ['suspect', 'child', false, { stage: 'encountered', needsBed: false, keepApartFromVictims: true }],
    ['witness', 'adult', false, { stage: 'encountered', needsBed: false, keepApartFromVictims: false }],
    ['witness', 'age_disputed', false, { stage: 'encountered', needsBed: false, keepApartFromVictims: false }],
    ['not_victim', 'adult', false, { stage: 'encountered', needsBed: false, keepApartFromVictims: false }],
    ['witness', 'adult', true, { stage: 'encountered', needsBed: false, keepApartFromVictims: true }],
    // A controller can be a victim too (victim-offenders): they need a bed but never beside the others.
    ['potential_victim', 'adult', true, { stage: 'pre_nrm', needsBed: true, keepApartFromVictims: true }],
  ] as const)('%s, %s, flagged controller %s', (outcome, age, controller, effects) => {
    expect(triageEffects(outcome, age, controller)).toEqual(effects);
  });
});

describe('triage of a person', () => {
  const person = (stage: string, triageOutcome: (typeof TRIAGE_OUTCOMES)[number] | null = null) => ({
    stage,
    ageCategory: 'adult' as const,
    triageOutcome,
    possibleController: false,
  });

  it('first triage of an adult potential victim moves them to pre-NRM', () => {
    expect(triage(person('encountered'), 'potential_victim')).toEqual({
      ok: true,
      effects: { stage: 'pre_nrm', needsBed: true, keepApartFromVictims: false },
      stageChanged: true,
      outcomeChanged: true,
    });
  });

  it('a witness stays encountered: the outcome changes, the stage does not', () => {
    expect(triage(person('encountered'), 'witness')).toMatchObject({ ok: true, stageChanged: false, outcomeChanged: true });
  });

  it('a witness later found to be a victim is corrected into pre-NRM', () => {
    expect(triage(person('encountered', 'witness'), 'potential_victim')).toMatchObject({ ok: true, stageChanged: true, outcomeChanged: true });
  });

  it('a potential victim re-triaged as a suspect goes back to encountered', () => {
    expect(triage(person('pre_nrm', 'potential_victim'), 'suspect')).toMatchObject({
      ok: true,
      effects: { stage: 'encountered', keepApartFromVictims: true },
      stageChanged: true,
    });
  });

  it('the same decision twice changes nothing', () => {
    expect(triage(person('pre_nrm', 'potential_victim'), 'potential_victim')).toMatchObject({ ok: true, stageChanged: false, outcomeChanged: false });
  });

  it('someone the pathway recorded as not a potential victim can still be re-triaged after a disclosure', () => {
    expect(triage(person('not_potential_victim', 'witness'), 'potential_victim')).toMatchObject({
      ok: true,
      effects: { stage: 'pre_nrm' },
      stageChanged: true,
    });
  });

  it('a non-victim the pathway calls not_potential_victim keeps that stage when re-triaged as a witness', () => {
    expect(triage(person('not_potential_victim', 'not_victim'), 'witness')).toMatchObject({ ok: true, effects: { stage: 'not_potential_victim' }, stageChanged: false });
  });

  it.each(['awaiting_rg', 'recovery_period', 'move_on', 'exited', 'duty_to_notify', 'missing'])(
    'refuses to triage someone the pathway has moved on to %s',
    (stage) => {
      expect(triage(person(stage, 'potential_victim'), 'witness')).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', reason: expect.stringContaining(stage) });
    },
  );

  it.each(AGE_CATEGORIES.flatMap((age) => TRIAGE_OUTCOMES.map((outcome) => [age, outcome] as const)))(
    'every age (%s) and outcome (%s) from encountered lands in a triage stage',
    (ageCategory, outcome) => {
      const result = triage({ stage: 'encountered', ageCategory, triageOutcome: null, possibleController: false }, outcome);
      expect(result.ok && ['encountered', 'pre_nrm', 'children_services'].includes(result.effects.stage)).toBe(true);
    },
  );
});
