import { AGE_CATEGORIES, AgeCategory } from '../operations/age';
import { TRIAGE_OUTCOMES, TriageOutcome } from '../operations/triage';
import type { CalendarDate } from './london-time';

/**
 * The person's pathway through the National Referral Mechanism, as data.
 *
 * Stages (`PathwayStage`):
 * - `encountered`           arrived at the reception centre / found; not yet triaged
 * - `not_potential_victim`  triaged as suspect, witness or not a victim (may be re-triaged on disclosure)
 * - `pre_nrm`               adult identified as a potential victim; emergency accommodation, no referral yet
 * - `children_services`     child (or age disputed) identified as a potential victim, with children's
 *                           services, not yet referred
 * - `duty_to_notify`        adult declined the NRM: Home Office notified, local support only
 * - `awaiting_rg`           NRM referral submitted; waiting for the Reasonable Grounds decision
 * - `recovery_period`       positive RG; support continues until the Conclusive Grounds decision
 * - `move_on`               after a positive CG, or a negative RG or CG decision
 * - `disqualified`          public-order disqualification (NABA 2022 s.63) after a positive RG: the recovery
 *                           period's support and protection end; a Conclusive Grounds decision is still owed
 * - `withdrawn`             withdrew from the NRM (or the case was suspended); a further referral may follow
 * - `missing`               reported missing; `missing.stageBefore` is where they return to when found
 * - `exited`                left support (terminal)
 *
 * Children follow the same NRM stages as adults: children's services are the first responder, no
 * consent is needed, and the Reasonable and Conclusive Grounds decisions are still made. What differs is
 * who supports them, so `route` (`adult` | `children_services`) says who, and the stage says where they
 * are in the NRM. The only child-specific stage is `children_services`, the child's counterpart of
 * `pre_nrm`. An age-disputed person is on the children's route until an age assessment says otherwise.
 */
export const PATHWAY_STAGES = [
  'encountered',
  'not_potential_victim',
  'pre_nrm',
  'children_services',
  'duty_to_notify',
  'awaiting_rg',
  'recovery_period',
  'move_on',
  'disqualified',
  'withdrawn',
  'missing',
  'exited',
] as const;
export type PathwayStage = (typeof PATHWAY_STAGES)[number];

// One vocabulary for the whole domain: ages and triage outcomes are the operations feature's.
export { AGE_CATEGORIES, TRIAGE_OUTCOMES };
export type { AgeCategory, TriageOutcome };

export const ROUTES = ['adult', 'children_services'] as const;
export type Route = (typeof ROUTES)[number];

export const REFERRAL_KINDS = ['nrm', 'duty_to_notify'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const DECISION_KINDS = ['reasonable_grounds', 'conclusive_grounds'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_OUTCOMES = ['positive', 'negative'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const AGE_ASSESSMENT_OUTCOMES = ['adult', 'child'] as const;

export const RECONSIDERATION_OUTCOMES = ['upheld', 'overturned'] as const;
export type ReconsiderationOutcome = (typeof RECONSIDERATION_OUTCOMES)[number];

/** The outcome of a Recovery Needs Assessment (after a positive CG) or an extension request (after a negative CG). */
export const RNA_OUTCOMES = ['extended', 'not_extended'] as const;
export type RnaOutcome = (typeof RNA_OUTCOMES)[number];

/** What the re-trafficking risk assessment a public-order disqualification requires found. */
export const RETRAFFICKING_RISK_OUTCOMES = ['risk_identified', 'no_risk_identified'] as const;
export type RetraffickingRiskOutcome = (typeof RETRAFFICKING_RISK_OUTCOMES)[number];

export const EXIT_OUTCOMES = [
  'settled_accommodation',
  'returned_home',
  'declined_support',
  'support_ended',
  'transferred_out_of_area',
  'children_services_care',
  'not_found',
  'detained',
  'other',
] as const;
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number];

/** Things that happen to a person; each moves the pathway on or is refused. Field names follow the API. */
export type PathwayFact =
  | { type: 'triage'; at: Date; outcome: TriageOutcome; ageCategory: AgeCategory }
  | { type: 'age_assessed'; at: Date; assessedAs: 'adult' | 'child' }
  | { type: 'referral'; kind: ReferralKind; consent: boolean; submittedAt: Date }
  | { type: 'decision'; kind: DecisionKind; outcome: DecisionOutcome; decidedAt: Date }
  | { type: 'missing'; reportedAt: Date }
  | { type: 'found'; foundAt: Date }
  | { type: 'exit'; at: Date; outcome: ExitOutcome }
  /** a first responder or support provider asks the competent authority to reconsider a negative decision */
  | { type: 'reconsideration_requested'; at: Date; decisionKind: DecisionKind }
  | { type: 'reconsideration_decided'; at: Date; decisionKind: DecisionKind; outcome: ReconsiderationOutcome }
  /** a Recovery Needs Assessment (positive CG) or extension request (negative CG) for move-on support */
  | { type: 'rna_requested'; at: Date }
  /** `until`: the last (Europe/London) day of extended support, when extended */
  | { type: 'rna_decided'; at: Date; outcome: RnaOutcome; until?: CalendarDate }
  /** the person withdrew from the NRM; `suspended`: the case was suspended (e.g. missing for a long time) */
  | { type: 'withdrawal'; at: Date; suspended?: boolean }
  | { type: 'disqualification'; at: Date; riskAssessedAt: Date; riskOutcome: RetraffickingRiskOutcome }
  /** a child's 18th birthday (00:00 Europe/London): the adult route, and adult consent is needed to stay */
  | { type: 'turned_18'; at: Date }
  /** the young person's answer once 18: consent to stay in adult NRM support, or not (a withdrawal) */
  | { type: 'adult_consent'; at: Date; consent: boolean }
  /** a child referred to the Independent Child Trafficking Guardian service */
  | { type: 'guardian_referral'; at: Date };

export type PathwayFactType = PathwayFact['type'];

export interface PathwayState {
  stage: PathwayStage;
  /** when the current stage began */
  since: Date;
  route: Route;
  ageCategory: AgeCategory;
  /** the responsible local authority, for local policy overrides (e.g. pre-NRM accommodation days) */
  localAuthorityCode?: string;
  encounteredAt: Date;
  triage?: { outcome: TriageOutcome; at: Date };
  ageAssessment?: { assessedAs: 'adult' | 'child'; at: Date };
  dutyToNotify?: { submittedAt: Date };
  nrmReferral?: { consent: boolean; submittedAt: Date };
  reasonableGrounds?: { outcome: DecisionOutcome; decidedAt: Date };
  conclusiveGrounds?: { outcome: DecisionOutcome; decidedAt: Date };
  /** set while missing (and kept, with `foundAt`, as the latest episode afterwards) */
  missing?: { reportedAt: Date; stageBefore: PathwayStage; stageBeforeSince: Date; foundAt?: Date };
  exit?: { outcome: ExitOutcome; at: Date };
  /** 1 for the first NRM referral, 2 for the first further referral, ... */
  referralRound: number;
  /** the latest reconsideration request in this referral round, with its outcome once decided */
  reconsideration?: { decisionKind: DecisionKind; requestedAt: Date; outcome?: ReconsiderationOutcome; decidedAt?: Date };
  /** the latest Recovery Needs Assessment / extension request in this round, with its outcome once decided */
  rna?: { requestedAt: Date; outcome?: RnaOutcome; decidedAt?: Date; until?: CalendarDate };
  /** the last day of move-on support as extended by an RNA (the latest extension wins) */
  moveOnExtension?: { until: CalendarDate; decidedAt: Date };
  disqualification?: { at: Date; riskAssessedAt: Date; riskOutcome: RetraffickingRiskOutcome };
  withdrawal?: { at: Date; suspended: boolean };
  /** turned 18 during the pathway; `consent` once the young person has answered */
  turned18?: { at: Date; consent?: { given: boolean; at: Date } };
  guardianReferral?: { at: Date };
  /** the latest time of any accepted fact: nothing may be recorded after an exit dated earlier */
  lastFactAt: Date;
}

export type PathwayEvent =
  | { type: 'stage_changed'; from: PathwayStage; to: PathwayStage; at: Date }
  /** while missing, a decision moves the stage they will return to, not the stage shown */
  | { type: 'return_stage_changed'; from: PathwayStage; to: PathwayStage; at: Date }
  | { type: 'route_changed'; from: Route; to: Route; at: Date }
  | { type: 'triaged'; outcome: TriageOutcome; ageCategory: AgeCategory; at: Date }
  | { type: 'age_assessed'; assessedAs: 'adult' | 'child'; at: Date }
  | { type: 'referred'; kind: ReferralKind; consent: boolean; at: Date }
  | { type: 'decision_recorded'; kind: DecisionKind; outcome: DecisionOutcome; at: Date }
  | { type: 'missing'; stageBefore: PathwayStage; at: Date }
  | { type: 'found'; returnedTo: PathwayStage; at: Date }
  | { type: 'exited'; outcome: ExitOutcome; at: Date }
  | { type: 'reconsideration_requested'; decisionKind: DecisionKind; at: Date }
  | { type: 'reconsideration_decided'; decisionKind: DecisionKind; outcome: ReconsiderationOutcome; at: Date }
  | { type: 'rna_requested'; at: Date }
  | { type: 'rna_decided'; outcome: RnaOutcome; until?: CalendarDate; at: Date }
  | { type: 'withdrawn'; suspended: boolean; at: Date }
  | { type: 'disqualified'; riskOutcome: RetraffickingRiskOutcome; at: Date }
  | { type: 'turned_18'; at: Date }
  | { type: 'adult_consent'; consent: boolean; at: Date }
  | { type: 'guardian_referred'; at: Date };

/**
 * Stable codes for refused facts. `conflict` codes clash with the current stage (HTTP 409);
 * `rule` codes are well-formed facts that break a rule whatever the stage (HTTP 422).
 */
export const PATHWAY_REJECTIONS = {
  INVALID_FACT: 'rule',
  OUT_OF_ORDER: 'rule',
  NRM_CONSENT_REQUIRED: 'rule',
  DUTY_TO_NOTIFY_FOR_CHILD: 'rule',
  DUTY_TO_NOTIFY_WITH_CONSENT: 'rule',
  ALREADY_EXITED: 'conflict',
  PERSON_MISSING: 'conflict',
  ALREADY_MISSING: 'conflict',
  NOT_MISSING: 'conflict',
  ALREADY_TRIAGED: 'conflict',
  TRIAGE_REQUIRED: 'conflict',
  NOT_A_POTENTIAL_VICTIM: 'conflict',
  ALREADY_REFERRED: 'conflict',
  NOT_REFERRED: 'conflict',
  RG_REQUIRED: 'conflict',
  RG_ALREADY_DECIDED: 'conflict',
  POSITIVE_RG_REQUIRED: 'conflict',
  CG_ALREADY_DECIDED: 'conflict',
  AGE_NOT_DISPUTED: 'conflict',
  NO_NEGATIVE_DECISION: 'conflict',
  RECONSIDERATION_PENDING: 'conflict',
  NO_RECONSIDERATION_PENDING: 'conflict',
  CG_REQUIRED: 'conflict',
  RNA_PENDING: 'conflict',
  NO_RNA_PENDING: 'conflict',
  NOT_IN_RECOVERY_PERIOD: 'conflict',
  NOT_IN_THE_NRM: 'conflict',
  NOT_A_CHILD: 'conflict',
  NO_ADULT_CONSENT_NEEDED: 'conflict',
  ALREADY_REFERRED_TO_GUARDIAN: 'conflict',
} as const;
export type PathwayRejectionCode = keyof typeof PATHWAY_REJECTIONS;

export type PathwayResult =
  | { ok: true; state: PathwayState; events: PathwayEvent[] }
  | { ok: false; code: PathwayRejectionCode; kind: 'conflict' | 'rule'; reason: string };
