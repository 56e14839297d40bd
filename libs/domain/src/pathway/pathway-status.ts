import { DeadlinePolicy, ReconsiderationClock, resolveRule } from './deadline-policy';
import { CalendarDate, londonDate } from './london-time';
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
  /**
   * The move-on clock while something pending holds it: a reconsideration of the negative decision (the
   * policy says `extended` or `paused`), or a Recovery Needs Assessment (support continues to its outcome).
   */
  moveOnClock: { heldBy: 'reconsideration' | 'recovery_needs_assessment'; since: Date; clock: ReconsiderationClock } | null;
  /** referred to an Independent Child Trafficking Guardian */
  guardianReferral: { at: Date } | null;
  /** turned 18 on the pathway: adult consent is needed until recorded */
  adultConsent: { neededSince: Date; given: boolean | null } | null;
}

export function pathwayStatus(state: PathwayState, policy?: DeadlinePolicy): PathwayStatus {
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
    moveOnClock: moveOnClock(state, stage, policy),
    guardianReferral: state.guardianReferral ? { at: state.guardianReferral.at } : null,
    adultConsent: state.turned18 ? { neededSince: state.turned18.at, given: state.turned18.consent?.given ?? null } : null,
  };
}

function moveOnClock(state: PathwayState, stage: string, policy?: DeadlinePolicy): PathwayStatus['moveOnClock'] {
  if (stage !== 'move_on') return null;
  const r = state.reconsideration;
  if (r && !r.outcome) {
    const decision = r.decisionKind === 'conclusive_grounds' ? state.conclusiveGrounds : state.reasonableGrounds;
    const clock = policy && decision
      ? resolveRule(policy, 'move_on_after_negative_decision', londonDate(decision.decidedAt), state.localAuthorityCode).reconsideration.moveOnWhilePending
      : 'extended';
    return { heldBy: 'reconsideration', since: r.requestedAt, clock };
  }
  if (state.rna && !state.rna.outcome) return { heldBy: 'recovery_needs_assessment', since: state.rna.requestedAt, clock: 'extended' };
  return null;
}
