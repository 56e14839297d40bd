import { AgeCategory, treatedAsChild } from './age';

export const TRIAGE_OUTCOMES = ['potential_victim', 'suspect', 'witness', 'not_victim'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/**
 * The stages that triage itself decides. Later stages (referral, decisions, move-on) belong to the NRM
 * pathway; once a person has reached one of those, triage no longer moves them.
 */
export const TRIAGE_STAGES = ['encountered', 'pre_nrm', 'children_services'] as const;
export type TriageStage = (typeof TRIAGE_STAGES)[number];

/**
 * `not_potential_victim` is the NRM pathway's name for someone triaged as a suspect, witness or not a
 * victim; triage here leaves them `encountered` with their outcome, but if the pathway has put them in
 * that stage, triage may still correct them (a disclosure made later).
 */
const TRIAGE_DECIDED_STAGES: readonly string[] = [...TRIAGE_STAGES, 'not_potential_victim'];

/** Is the person still in a stage that triage decides (so triage may change it)? */
export function isTriageStage(stage: string): boolean {
  return TRIAGE_DECIDED_STAGES.includes(stage);
}

export interface TriageEffects {
  stage: TriageStage;
  /** Potential victims need a safe bed tonight; the wait is measured from the triage decision. */
  needsBed: boolean;
  /** Remembered so placement never puts this person with victims of the same operation. */
  keepApartFromVictims: boolean;
}

/**
 * What a triage outcome means for the person. Potential victims enter pre-NRM emergency support, or, if
 * they are (or may be) children, the children's services route, where no consent is needed. Suspects,
 * witnesses and people who are not victims stay `encountered` with their outcome recorded.
 */
export function triageEffects(outcome: TriageOutcome, ageCategory: AgeCategory, possibleController = false): TriageEffects {
  const keepApartFromVictims = outcome === 'suspect' || possibleController;
  if (outcome === 'potential_victim') {
    return { stage: treatedAsChild(ageCategory) ? 'children_services' : 'pre_nrm', needsBed: true, keepApartFromVictims };
  }
  return { stage: 'encountered', needsBed: false, keepApartFromVictims };
}

export interface TriageSubject {
  stage: string;
  ageCategory: AgeCategory;
  triageOutcome: TriageOutcome | null;
  possibleController: boolean;
}

export type TriageResult =
  | { ok: true; effects: TriageEffects; stageChanged: boolean; outcomeChanged: boolean }
  | { ok: false; code: 'ILLEGAL_TRANSITION'; reason: string };

/**
 * Triage can be corrected (a witness turns out to be a victim) for as long as the person is still in a
 * stage that triage decides. After that the pathway owns the stage and a correction must go through it.
 */
export function triage(subject: TriageSubject, outcome: TriageOutcome): TriageResult {
  if (!isTriageStage(subject.stage)) {
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: `The person is at stage ${subject.stage}: triage can no longer change it`,
    };
  }
  const computed = triageEffects(outcome, subject.ageCategory, subject.possibleController);
  const effects = { ...computed, stage: keepPathwayName(subject.stage, computed.stage) as TriageStage };
  return { ok: true, effects, stageChanged: effects.stage !== subject.stage, outcomeChanged: outcome !== subject.triageOutcome };
}

/** A triaged non-victim the pathway already calls `not_potential_victim` keeps that name. */
export function keepPathwayName(current: string, next: TriageStage): string {
  return next === 'encountered' && current === 'not_potential_victim' ? current : next;
}
