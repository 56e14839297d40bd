import { englandAndWalesBankHolidays } from './bank-holidays';
import { DeadlinePolicy, DeadlineRule, resolveRule, RuleName } from './deadline-policy';
import { addCalendarDays, describeLondon, endOfLondonDay, londonDate } from './london-time';
import { pathwayStage } from './pathway-machine';
import { PathwayState } from './pathway.types';
import { addWorkingDays, BankHolidays } from './working-days';

export const DEADLINE_KINDS = [
  'pre_nrm_accommodation_ends',
  'rg_decision_expected',
  'recovery_period_minimum_ends',
  'move_on_ends',
  'bed_hold_ends',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * What passing the deadline means, so the dashboard never shows a target as if support ended:
 * - `decision_target`     the decision maker's target; past it the decision is late, nothing ends
 * - `minimum_period_ends` the guaranteed minimum ends; support continues until the next decision
 * - `support_ends`        the support or accommodation of this stage ends
 * - `bed_released`        the bed held for a missing person is released
 */
export type DeadlineEffect = 'decision_target' | 'minimum_period_ends' | 'support_ends' | 'bed_released';

export type DeadlineBasisEvent =
  | 'identified_as_potential_victim'
  | 'assessed_as_adult'
  | 'nrm_referral_submitted'
  | 'positive_reasonable_grounds'
  | 'negative_reasonable_grounds'
  | 'positive_conclusive_grounds'
  | 'negative_conclusive_grounds'
  | 'reported_missing';

export interface Deadline {
  kind: DeadlineKind;
  dueAt: Date;
  /** from this instant the deadline is "due soon" (policy: 24 hours before by default) */
  dueSoonAt: Date;
  rule: RuleName;
  policyVersion: string;
  effect: DeadlineEffect;
  basis: { event: DeadlineBasisEvent; at: Date };
  source: string;
  /** one sentence for the timeline: what is due, when, counted from what, under which rule */
  explanation: string;
  /** set when the working-day count ran past the years the bank-holiday data covers */
  caveat?: string;
}

export type DeadlineStatus = 'pending' | 'due_soon' | 'overdue';

const KIND_OF: Record<RuleName, DeadlineKind> = {
  pre_nrm_accommodation: 'pre_nrm_accommodation_ends',
  rg_decision_target: 'rg_decision_expected',
  recovery_period_minimum: 'recovery_period_minimum_ends',
  move_on_after_positive_cg: 'move_on_ends',
  move_on_after_negative_decision: 'move_on_ends',
  missing_bed_hold: 'bed_hold_ends',
};

const EFFECT_OF: Record<RuleName, DeadlineEffect> = {
  pre_nrm_accommodation: 'support_ends',
  rg_decision_target: 'decision_target',
  recovery_period_minimum: 'minimum_period_ends',
  move_on_after_positive_cg: 'support_ends',
  move_on_after_negative_decision: 'support_ends',
  missing_bed_hold: 'bed_released',
};

const KIND_WORDS: Record<DeadlineKind, string> = {
  pre_nrm_accommodation_ends: 'Pre-NRM accommodation ends',
  rg_decision_expected: 'Reasonable Grounds decision expected (target)',
  recovery_period_minimum_ends: 'Minimum recovery period ends (support continues until the Conclusive Grounds decision)',
  move_on_ends: 'Move-on support ends',
  bed_hold_ends: 'Held bed is released',
};

const BASIS_WORDS: Record<DeadlineBasisEvent, string> = {
  identified_as_potential_victim: 'identification as a potential victim',
  assessed_as_adult: 'the age assessment as an adult',
  nrm_referral_submitted: 'the NRM referral',
  positive_reasonable_grounds: 'the positive Reasonable Grounds decision',
  negative_reasonable_grounds: 'the negative Reasonable Grounds decision',
  positive_conclusive_grounds: 'the positive Conclusive Grounds decision',
  negative_conclusive_grounds: 'the negative Conclusive Grounds decision',
  reported_missing: 'the missing report',
};

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * When a rule falls due. Day rules end at the end of the last day in Europe/London (23:59:59.999
 * local, so GMT or BST as the date requires); hour rules are elapsed time, because a bed hold is
 * measured on the clock: 72 hours across a clock change is not "the same time three days later".
 */
export function dueAtFor(
  rule: DeadlineRule,
  basisAt: Date,
  holidays: BankHolidays,
): { dueAt: Date; beyondHolidayData: boolean; counted: string } {
  const counting = rule.counting ?? 'after_basis_day';
  switch (rule.unit) {
    case 'hours':
      return { dueAt: new Date(basisAt.getTime() + rule.amount * 3_600_000), beyondHolidayData: false, counted: `${rule.amount} hours after` };
    case 'calendar_days': {
      const last = addCalendarDays(londonDate(basisAt), counting === 'including_basis_day' ? rule.amount - 1 : rule.amount);
      const counted =
        counting === 'including_basis_day'
          ? `end of the ${ordinal(rule.amount)} calendar day counting the day of`
          : `end of the ${ordinal(rule.amount)} calendar day after`;
      return { dueAt: endOfLondonDay(last), beyondHolidayData: false, counted };
    }
    case 'working_days': {
      const { date, beyondHolidayData } = addWorkingDays(londonDate(basisAt), rule.amount, holidays, counting);
      const counted =
        counting === 'including_basis_day'
          ? `end of the ${ordinal(rule.amount)} working day counting the day of`
          : `end of the ${ordinal(rule.amount)} working day after`;
      return { dueAt: endOfLondonDay(date), beyondHolidayData, counted };
    }
  }
}

function deadline(
  state: PathwayState,
  name: RuleName,
  basis: { event: DeadlineBasisEvent; at: Date },
  policy: DeadlinePolicy,
  holidays: BankHolidays,
): Deadline {
  const resolved = resolveRule(policy, name, londonDate(basis.at), state.localAuthorityCode);
  const { dueAt, beyondHolidayData, counted } = dueAtFor(resolved.rule, basis.at, holidays);
  const kind = KIND_OF[name];
  const result: Deadline = {
    kind,
    dueAt,
    dueSoonAt: new Date(dueAt.getTime() - resolved.dueSoonHours * 3_600_000),
    rule: name,
    policyVersion: resolved.policyVersion,
    effect: EFFECT_OF[name],
    basis,
    source: resolved.rule.source,
    explanation:
      `${KIND_WORDS[kind]} ${describeLondon(dueAt)} (Europe/London): ${counted} ${BASIS_WORDS[basis.event]} ` +
      `on ${describeLondon(basis.at)}; rule ${name}, policy ${resolved.policyVersion}.`,
  };
  if (beyondHolidayData) {
    result.caveat =
      `the count runs past the bank-holiday data (${holidays.firstYear}-${holidays.lastYear}, ${holidays.division}); ` +
      `unknown holidays were counted as working days: refresh the data with npm run bank-holidays:update`;
  }
  return result;
}

/**
 * The deadlines that apply to a person now, earliest first. Only the current stage has deadlines;
 * while missing, the stage they will return to keeps its clock running (support periods do not pause)
 * and the held bed adds its own. Children's services support a child under the Children Act whatever
 * the NRM stage, so on the children's route only the decision target (Reasonable Grounds) applies: the
 * adult support periods (pre-NRM, recovery, move-on) would be wrong dates for a child.
 * A duty to notify has no national timeframe (local support only), so it has no deadline either.
 */
export function deadlinesFor(
  state: PathwayState,
  policy: DeadlinePolicy,
  holidays: BankHolidays = englandAndWalesBankHolidays(),
): Deadline[] {
  const deadlines: Deadline[] = [];
  const add = (name: RuleName, event: DeadlineBasisEvent, at: Date) =>
    deadlines.push(deadline(state, name, { event, at }, policy, holidays));
  const adult = state.route === 'adult';
  const { stage, since } = pathwayStage(state);

  if (state.stage === 'missing' && state.missing) add('missing_bed_hold', 'reported_missing', state.missing.reportedAt);

  switch (stage) {
    case 'pre_nrm': {
      const assessed = state.ageAssessment?.assessedAs === 'adult' && state.ageAssessment.at.getTime() === since.getTime();
      if (adult) add('pre_nrm_accommodation', assessed ? 'assessed_as_adult' : 'identified_as_potential_victim', since);
      break;
    }
    case 'awaiting_rg':
      add('rg_decision_target', 'nrm_referral_submitted', state.nrmReferral?.submittedAt ?? since);
      break;
    case 'recovery_period':
      if (adult) add('recovery_period_minimum', 'positive_reasonable_grounds', state.reasonableGrounds?.decidedAt ?? since);
      break;
    case 'move_on':
      if (!adult) break;
      if (state.conclusiveGrounds?.outcome === 'positive') {
        add('move_on_after_positive_cg', 'positive_conclusive_grounds', state.conclusiveGrounds.decidedAt);
      } else if (state.conclusiveGrounds?.outcome === 'negative') {
        add('move_on_after_negative_decision', 'negative_conclusive_grounds', state.conclusiveGrounds.decidedAt);
      } else {
        add('move_on_after_negative_decision', 'negative_reasonable_grounds', state.reasonableGrounds?.decidedAt ?? since);
      }
      break;
  }
  return deadlines.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Where a deadline stands at `now`: the watcher raises an event when this changes, not on every tick. */
export function deadlineStatus(deadline: Pick<Deadline, 'dueAt' | 'dueSoonAt'>, now: Date): DeadlineStatus {
  // dueAt is the last millisecond that still counts as on time (23:59:59.999 for day rules).
  if (now.getTime() > deadline.dueAt.getTime()) return 'overdue';
  if (now.getTime() >= deadline.dueSoonAt.getTime()) return 'due_soon';
  return 'pending';
}

/** What a deadline of `kind` is, in words (undefined for a kind this version does not know). */
export function deadlineKindWords(kind: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(KIND_WORDS, kind) ? KIND_WORDS[kind as DeadlineKind] : undefined;
}
