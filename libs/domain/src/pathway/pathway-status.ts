import { CalendarDate } from './london-time';
import { pathwayStage } from './pathway-machine';
import { DecisionKind, PathwayState, RetraffickingRiskOutcome } from './pathway.types';

/**
 * What a public-order disqualification ends (NABA 2022 s.63: the competent authority need not observe the
 * recovery period): the support given for it and the protection from removal during it. The Conclusive
 * Grounds decision is still owed (revised policy, Jan 2024).
 */
export const DISQUALIFICATION_ENDS = ['recovery_period_support', 'protection_from_removal'] as const;

/** The facts a caseworker needs beside the stage and the deadlines: what is pending, owed, extended or ended. */
export interface PathwayStatus {
  /** 1 for the first NRM referral, 2 after a further referral, ...; 0 before any */
  referralRound: number;
  /** the decisions the competent authority still owes in this round */
  decisionsOwed: DecisionKind[];
  pendingReconsideration: { decisionKind: DecisionKind; requestedAt: Date } | null;
  pendingRecoveryNeedsAssessment: { requestedAt: Date } | null;
  /** the last day of move-on support as extended by a Recovery Needs Assessment (or extension request) */
  moveOnExtendedUntil: CalendarDate | null;
  disqualification: {
    decidedAt: Date;
    retraffickingRiskAssessment: { assessedAt: Date; outcome: RetraffickingRiskOutcome };
    ends: typeof DISQUALIFICATION_ENDS;
  } | null;
  withdrawal: { at: Date; suspended: boolean } | null;
  /** referred to an Independent Child Trafficking Guardian */
  guardianReferral: { at: Date } | null;
  /** turned 18 on the pathway: adult consent is needed until recorded */
  adultConsent: { neededSince: Date; given: boolean | null } | null;
}

export function pathwayStatus(state: PathwayState): PathwayStatus {
  const { stage } = pathwayStage(state);
  const owed: DecisionKind[] =
    stage === 'awaiting_rg' ? ['reasonable_grounds', 'conclusive_grounds'] : stage === 'recovery_period' || stage === 'disqualified' ? ['conclusive_grounds'] : [];
  const r = state.reconsideration;
  const d = state.disqualification;
  return {
    referralRound: state.referralRound,
    decisionsOwed: owed,
    pendingReconsideration: r && !r.outcome ? { decisionKind: r.decisionKind, requestedAt: r.requestedAt } : null,
    pendingRecoveryNeedsAssessment: state.rna && !state.rna.outcome ? { requestedAt: state.rna.requestedAt } : null,
    moveOnExtendedUntil: stage === 'move_on' ? state.moveOnExtension?.until ?? null : null,
    disqualification: d ? { decidedAt: d.at, retraffickingRiskAssessment: { assessedAt: d.riskAssessedAt, outcome: d.riskOutcome }, ends: DISQUALIFICATION_ENDS } : null,
    withdrawal: stage === 'withdrawn' && state.withdrawal ? { at: state.withdrawal.at, suspended: state.withdrawal.suspended } : null,
    guardianReferral: state.guardianReferral ? { at: state.guardianReferral.at } : null,
    adultConsent: state.turned18 ? { neededSince: state.turned18.at, given: state.turned18.consent?.given ?? null } : null,
  };
}
