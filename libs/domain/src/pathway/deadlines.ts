import { englandAndWalesBankHolidays } from './bank-holidays';
import { DeadlinePolicy, DeadlineRule, PolicyNotInForceError, resolveRule, RuleName } from './deadline-policy';
import { addCalendarDays, CalendarDate, describeLondon, endOfLondonDay, isWeekendDate, londonDate } from './london-time';
import { pathwayStage } from './pathway-machine';
import { PathwayState } from './pathway.types';
import { addWorkingDays, BankHolidays } from './working-days';

export const DEADLINE_KINDS = [
  'pre_nrm_accommodation_ends',
  'rg_decision_expected',
  'recovery_period_minimum_ends',
  'move_on_ends',
  'move_on_minimum_ends',
  'bed_hold_ends',
  'adult_consent_needed',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * What passing the deadline means, so the dashboard never shows a target as if support ended:
 * - `decision_target`     the decision maker's target; past it the decision is late, nothing ends
 * - `minimum_period_ends` the guaranteed minimum ends; support continues until the next decision
 * - `support_ends`        the support or accommodation of this stage ends
 * - `bed_released`        the bed held for a missing person is released
 * - `consent_needed`      a young person who turned 18 must give adult consent to stay in adult support
 */
export type DeadlineEffect = 'decision_target' | 'minimum_period_ends' | 'support_ends' | 'bed_released' | 'consent_needed';

export type DeadlineBasisEvent =
  | 'identified_as_potential_victim'
  | 'assessed_as_adult'
  | 'nrm_referral_submitted'
  | 'positive_reasonable_grounds'
  | 'negative_reasonable_grounds'
  | 'positive_conclusive_grounds'
  | 'negative_conclusive_grounds'
  | 'further_positive_reasonable_grounds'
  | 'overturned_reasonable_grounds'
  | 'overturned_conclusive_grounds'
  | 'reconsideration_upheld'
  | 'rna_extended'
  | 'turned_18'
  | 'reported_missing';

/** Not a duration: an RNA (or extension request) outcome names the last day of support itself. */
export const RNA_EXTENSION_RULE = 'recovery_needs_assessment_extension';
/** Not a duration either: adult consent is needed on the 18th birthday itself. */
export const ADULT_CONSENT_RULE = 'adult_consent_at_18';
export type DeadlineRuleName = RuleName | typeof RNA_EXTENSION_RULE | typeof ADULT_CONSENT_RULE;
const ADULT_CONSENT_SOURCE =
  'Home Office information pack on turning 18 in the NRM: at 18 a young person needs to give adult consent to stay in ' +
  'adult support (MSA s.51 presumption of childhood until then; ECPAT: 70% of children turning 18 in 2022 withdrew or ' +
  'were suspended). Due on the birthday. Safe Harbour domain notes, second-wave notes (shared/docs/domain.md).';
const RNA_EXTENSION_SOURCE =
  'Home Office, support after a positive conclusive grounds decision and RNA process guidance: a Recovery Needs ' +
  'Assessment (or, after a negative CG, an extension request) may extend move-on support to a date it names. ' +
  'Safe Harbour domain notes, second-wave notes (shared/docs/domain.md).';

export interface Deadline {
  kind: DeadlineKind;
  dueAt: Date;
  /** from this instant the deadline is "due soon" (policy: 24 hours before by default) */
  dueSoonAt: Date;
  rule: DeadlineRuleName;
  policyVersion: string;
  effect: DeadlineEffect;
  basis: { event: DeadlineBasisEvent; at: Date };
  source: string;
  /** one sentence for the timeline: what is due, when, counted from what, under which rule */
  explanation: string;
  /** set when the working-day count ran past the years the bank-holiday data covers */
  caveat?: string;
  /** the years a working-day count needed that the bank-holiday data does not cover */
  uncoveredYears?: number[];
}

export type DeadlineStatus = 'pending' | 'due_soon' | 'overdue';

const KIND_OF: Record<RuleName, DeadlineKind> = {
  pre_nrm_accommodation: 'pre_nrm_accommodation_ends',
  rg_decision_target: 'rg_decision_expected',
  recovery_period_minimum: 'recovery_period_minimum_ends',
  further_recovery_period_minimum: 'recovery_period_minimum_ends',
  move_on_after_positive_cg: 'move_on_ends',
  move_on_after_negative_decision: 'move_on_ends',
  missing_bed_hold: 'bed_hold_ends',
};

const EFFECT_OF: Record<RuleName, DeadlineEffect> = {
  pre_nrm_accommodation: 'support_ends',
  rg_decision_target: 'decision_target',
  recovery_period_minimum: 'minimum_period_ends',
  further_recovery_period_minimum: 'minimum_period_ends',
  move_on_after_positive_cg: 'support_ends',
  move_on_after_negative_decision: 'support_ends',
  missing_bed_hold: 'bed_released',
};

const KIND_WORDS: Record<DeadlineKind, string> = {
  pre_nrm_accommodation_ends: 'Pre-NRM accommodation ends',
  rg_decision_expected: 'Reasonable Grounds decision expected (target)',
  recovery_period_minimum_ends: 'Minimum recovery period ends (support continues until the Conclusive Grounds decision)',
  move_on_ends: 'Move-on support ends',
  move_on_minimum_ends: 'Minimum move-on support ends (support continues until the pending assessment is decided)',
  bed_hold_ends: 'Held bed is released',
  adult_consent_needed: 'Adult consent now needed (turned 18)',
};

const BASIS_WORDS: Record<DeadlineBasisEvent, string> = {
  identified_as_potential_victim: 'identification as a potential victim',
  assessed_as_adult: 'the age assessment as an adult',
  nrm_referral_submitted: 'the NRM referral',
  positive_reasonable_grounds: 'the positive Reasonable Grounds decision',
  negative_reasonable_grounds: 'the negative Reasonable Grounds decision',
  positive_conclusive_grounds: 'the positive Conclusive Grounds decision',
  negative_conclusive_grounds: 'the negative Conclusive Grounds decision',
  further_positive_reasonable_grounds: 'the further positive Reasonable Grounds decision',
  overturned_reasonable_grounds: 'the reconsideration that overturned the negative Reasonable Grounds decision',
  overturned_conclusive_grounds: 'the reconsideration that overturned the negative Conclusive Grounds decision',
  reconsideration_upheld: 'the reconsideration that upheld the negative decision',
  rna_extended: 'the Recovery Needs Assessment that extended support',
  turned_18: 'the 18th birthday',
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
): { dueAt: Date; beyondHolidayData: boolean; uncoveredYears: number[]; counted: string } {
  const counting = rule.counting ?? 'after_basis_day';
  switch (rule.unit) {
    case 'hours':
      return { dueAt: new Date(basisAt.getTime() + rule.amount * 3_600_000), beyondHolidayData: false, uncoveredYears: [], counted: `${rule.amount} hours after` };
    case 'calendar_days': {
      const last = addCalendarDays(londonDate(basisAt), counting === 'including_basis_day' ? rule.amount - 1 : rule.amount);
      const counted =
        counting === 'including_basis_day'
          ? `end of the ${ordinal(rule.amount)} calendar day counting the day of`
          : `end of the ${ordinal(rule.amount)} calendar day after`;
      return { dueAt: endOfLondonDay(last), beyondHolidayData: false, uncoveredYears: [], counted };
    }
    case 'working_days': {
      const { date, beyondHolidayData, uncoveredYears } = addWorkingDays(londonDate(basisAt), rule.amount, holidays, counting);
      const counted =
        counting === 'including_basis_day'
          ? `end of the ${ordinal(rule.amount)} working day counting the day of`
          : `end of the ${ordinal(rule.amount)} working day after`;
      return { dueAt: endOfLondonDay(date), beyondHolidayData, uncoveredYears, counted };
    }
  }
}

interface DeadlineOptions {
  /** a different kind and effect for the same rule (move-on while an assessment is pending) */
  kind?: DeadlineKind;
  effect?: DeadlineEffect;
  /** the rule's amount replaced (a move-on clock resumed with the days left after a pause) */
  amount?: number;
  /** a sentence added to the explanation */
  note?: string;
}

function deadline(
  state: PathwayState,
  name: RuleName,
  basis: { event: DeadlineBasisEvent; at: Date },
  policy: DeadlinePolicy,
  holidays: BankHolidays,
  options: DeadlineOptions = {},
): Deadline {
  const resolved = resolveRule(policy, name, londonDate(basis.at), state.localAuthorityCode);
  const rule = options.amount !== undefined ? { ...resolved.rule, amount: options.amount } : resolved.rule;
  const { dueAt, uncoveredYears, counted } = dueAtFor(rule, basis.at, holidays);
  const kind = options.kind ?? KIND_OF[name];
  const result: Deadline = {
    kind,
    dueAt,
    dueSoonAt: new Date(dueAt.getTime() - resolved.dueSoonHours * 3_600_000),
    rule: name,
    policyVersion: resolved.policyVersion,
    effect: options.effect ?? EFFECT_OF[name],
    basis,
    source: resolved.rule.source,
    explanation:
      `${KIND_WORDS[kind]} ${describeLondon(dueAt)} (Europe/London): ${counted} ${BASIS_WORDS[basis.event]} ` +
      `on ${describeLondon(basis.at)}; rule ${name}, policy ${resolved.policyVersion}.${options.note ? ` ${options.note}` : ''}`,
  };
  if (uncoveredYears.length) result.uncoveredYears = uncoveredYears;
  return result;
}

/** How much of a rule's period ran from `from` to `to` (for a clock paused by a reconsideration). */
function elapsed(rule: DeadlineRule, from: Date, to: Date, holidays: BankHolidays): number {
  if (rule.unit === 'hours') return Math.floor((to.getTime() - from.getTime()) / 3_600_000);
  let day: CalendarDate = londonDate(from);
  const last = londonDate(to);
  let n = 0;
  while (day < last) {
    day = addCalendarDays(day, 1);
    if (rule.unit === 'calendar_days' || (!isWeekendDate(day) && !holidays.dates.has(day))) n++;
  }
  return n;
}

export type DeadlineRefusal =
  | { code: 'CALENDAR_NOT_COVERED'; reason: string; years: number[] }
  | { code: 'POLICY_NOT_IN_FORCE'; reason: string };
export type DeadlinesResult = { ok: true; deadlines: Deadline[] } | ({ ok: false } & DeadlineRefusal);

/**
 * `deadlinesFor`, refusing instead of guessing: a working-day count that runs into a year the bank-holiday
 * data does not cover would treat that year's holidays as working days (a wrong date shown as if right),
 * and a date before the policy's first version has no rule. The caller refuses the fact (HTTP 422).
 */
export function computeDeadlines(state: PathwayState, policy: DeadlinePolicy, holidays: BankHolidays = englandAndWalesBankHolidays()): DeadlinesResult {
  let deadlines: Deadline[];
  try {
    deadlines = collectDeadlines(state, policy, holidays);
  } catch (e) {
    if (e instanceof PolicyNotInForceError) return { ok: false, code: 'POLICY_NOT_IN_FORCE', reason: e.message };
    throw e;
  }
  const years = [...new Set(deadlines.flatMap((d) => d.uncoveredYears ?? []))].sort((a, b) => a - b);
  if (years.length) {
    const kinds = deadlines.filter((d) => d.uncoveredYears?.length).map((d) => d.kind);
    return {
      ok: false,
      code: 'CALENDAR_NOT_COVERED',
      years,
      reason:
        `the ${kinds.join(', ')} deadline counts working days in ${years.join(', ')}, outside the bank-holiday data ` +
        `(${holidays.division} ${holidays.firstYear}-${holidays.lastYear}); extend the data with npm run bank-holidays:update`,
    };
  }
  return { ok: true, deadlines };
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
  const result = computeDeadlines(state, policy, holidays);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.deadlines;
}

function collectDeadlines(state: PathwayState, policy: DeadlinePolicy, holidays: BankHolidays): Deadline[] {
  const deadlines: Deadline[] = [];
  const add = (name: RuleName, event: DeadlineBasisEvent, at: Date, options?: DeadlineOptions) =>
    deadlines.push(deadline(state, name, { event, at }, policy, holidays, options));
  const adult = state.route === 'adult';
  const { stage, since } = pathwayStage(state);

  if (state.stage === 'missing' && state.missing) add('missing_bed_hold', 'reported_missing', state.missing.reportedAt);

  const t18 = state.turned18;
  if (t18 && !t18.consent && state.stage !== 'exited') {
    // Due by the end of the birthday, "due soon" from its first minute: the worklist shows it on the day.
    const dueAt = endOfLondonDay(londonDate(t18.at));
    const resolved = resolveRule(policy, 'pre_nrm_accommodation', londonDate(t18.at), state.localAuthorityCode);
    deadlines.push({
      kind: 'adult_consent_needed',
      dueAt,
      dueSoonAt: t18.at,
      rule: ADULT_CONSENT_RULE,
      policyVersion: resolved.policyVersion,
      effect: 'consent_needed',
      basis: { event: 'turned_18', at: t18.at },
      source: ADULT_CONSENT_SOURCE,
      explanation: `${KIND_WORDS.adult_consent_needed} ${describeLondon(dueAt)} (Europe/London): ${BASIS_WORDS.turned_18} on ${describeLondon(t18.at)}; rule ${ADULT_CONSENT_RULE}.`,
    });
  }
  /** A child who turned 18 mid-stage: the adult deadlines run from the birthday, not from the stage's start. */
  const adultFrom = (event: DeadlineBasisEvent, at: Date): [DeadlineBasisEvent, Date] =>
    t18 && t18.at.getTime() > at.getTime() ? ['turned_18', t18.at] : [event, at];

  switch (stage) {
    case 'pre_nrm': {
      const assessed = state.ageAssessment?.assessedAs === 'adult' && state.ageAssessment.at.getTime() === since.getTime();
      const turned = t18?.at.getTime() === since.getTime();
      if (adult) add('pre_nrm_accommodation', assessed ? 'assessed_as_adult' : turned ? 'turned_18' : 'identified_as_potential_victim', since);
      break;
    }
    case 'awaiting_rg':
      add('rg_decision_target', 'nrm_referral_submitted', state.nrmReferral?.submittedAt ?? since);
      break;
    case 'recovery_period': {
      if (!adult) break;
      const at = state.reasonableGrounds?.decidedAt ?? since;
      const r = state.reconsideration;
      if (r?.decisionKind === 'reasonable_grounds' && r.outcome === 'overturned' && r.decidedAt?.getTime() === at.getTime()) {
        add(state.referralRound > 1 ? 'further_recovery_period_minimum' : 'recovery_period_minimum', 'overturned_reasonable_grounds', at);
      } else if (state.referralRound > 1) {
        add('further_recovery_period_minimum', ...adultFrom('further_positive_reasonable_grounds', at));
      } else {
        add('recovery_period_minimum', ...adultFrom('positive_reasonable_grounds', at));
      }
      break;
    }
    // Disqualified: the recovery period's support ends with the decision, so no minimum runs; the CG is still owed.
    case 'move_on':
      if (adult) {
        moveOnDeadlines(state, policy, holidays, (name, event, at, options) => add(name, ...adultFrom(event, at), options), deadlines);
      }
      break;
  }
  return deadlines.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Move-on: 45 days after a positive CG or 9 working days after a negative decision, each "at least": a
 * pending reconsideration of the negative decision holds the clock (policy: extended or paused), a
 * Recovery Needs Assessment or extension request keeps support going until its outcome (the end shown as a
 * minimum, not as support ending), and an extension moves the end to the date it names.
 */
function moveOnDeadlines(
  state: PathwayState,
  policy: DeadlinePolicy,
  holidays: BankHolidays,
  add: (name: RuleName, event: DeadlineBasisEvent, at: Date, options?: DeadlineOptions) => void,
  deadlines: Deadline[],
): void {
  const cg = state.conclusiveGrounds;
  const r = state.reconsideration;
  const pendingRna = state.rna !== undefined && state.rna.outcome === undefined;
  const minimum: DeadlineOptions | undefined = pendingRna
    ? { kind: 'move_on_minimum_ends', effect: 'minimum_period_ends', note: `A Recovery Needs Assessment requested on ${describeLondon(state.rna!.requestedAt)} is pending: support continues until its outcome.` }
    : undefined;

  if (state.moveOnExtension) {
    const ext = state.moveOnExtension;
    const resolved = resolveRule(policy, cg?.outcome === 'positive' ? 'move_on_after_positive_cg' : 'move_on_after_negative_decision', londonDate(ext.decidedAt), state.localAuthorityCode);
    const dueAt = endOfLondonDay(ext.until);
    const kind: DeadlineKind = minimum?.kind ?? 'move_on_ends';
    deadlines.push({
      kind,
      dueAt,
      dueSoonAt: new Date(dueAt.getTime() - resolved.dueSoonHours * 3_600_000),
      rule: RNA_EXTENSION_RULE,
      policyVersion: resolved.policyVersion,
      effect: minimum?.effect ?? 'support_ends',
      basis: { event: 'rna_extended', at: ext.decidedAt },
      source: RNA_EXTENSION_SOURCE,
      explanation:
        `${KIND_WORDS[kind]} ${describeLondon(dueAt)} (Europe/London): the last day named by ${BASIS_WORDS.rna_extended} ` +
        `on ${describeLondon(ext.decidedAt)}; rule ${RNA_EXTENSION_RULE}, policy ${resolved.policyVersion}.${minimum?.note ? ` ${minimum.note}` : ''}`,
    });
    return;
  }

  if (cg?.outcome === 'positive') {
    const overturned = r?.decisionKind === 'conclusive_grounds' && r.outcome === 'overturned' && r.decidedAt?.getTime() === cg.decidedAt.getTime();
    add('move_on_after_positive_cg', overturned ? 'overturned_conclusive_grounds' : 'positive_conclusive_grounds', cg.decidedAt, minimum);
    return;
  }
  // A negative decision: the CG if there is one, else the RG.
  const negative = cg ?? state.reasonableGrounds;
  if (!negative) return;
  const kind = cg ? 'conclusive_grounds' : 'reasonable_grounds';
  const event: DeadlineBasisEvent = cg ? 'negative_conclusive_grounds' : 'negative_reasonable_grounds';
  const reconsidered = r?.decisionKind === kind ? r : undefined;
  if (!reconsidered) {
    add('move_on_after_negative_decision', event, negative.decidedAt, minimum);
    return;
  }
  // While a reconsideration is pending nothing ends: support continues until its outcome (both clocks).
  if (!reconsidered.outcome) return;
  const clock = resolveRule(policy, 'move_on_after_negative_decision', londonDate(negative.decidedAt), state.localAuthorityCode);
  if (clock.reconsideration.moveOnWhilePending === 'extended') {
    add('move_on_after_negative_decision', 'reconsideration_upheld', reconsideredAt(reconsidered), {
      ...minimum,
      note: `Support continued while the reconsideration requested on ${describeLondon(reconsidered.requestedAt)} was pending; the period runs again from the outcome (reconsideration clock: extended).${minimum?.note ? ` ${minimum.note}` : ''}`,
    });
    return;
  }
  const left = Math.max(1, clock.rule.amount - elapsed(clock.rule, negative.decidedAt, reconsidered.requestedAt, holidays));
  add('move_on_after_negative_decision', 'reconsideration_upheld', reconsideredAt(reconsidered), {
    ...minimum,
    amount: left,
    note: `The clock paused on the reconsideration request of ${describeLondon(reconsidered.requestedAt)} and resumes with ${left} left (reconsideration clock: paused).${minimum?.note ? ` ${minimum.note}` : ''}`,
  });
}

function reconsideredAt(r: NonNullable<PathwayState['reconsideration']>): Date {
  return r.decidedAt!;
}

/** Where a deadline stands at `now`: the watcher raises an event when this changes, not on every tick. */
export function deadlineStatus(deadline: Pick<Deadline, 'dueAt' | 'dueSoonAt'>, now: Date): DeadlineStatus {
  // dueAt is the last millisecond that still counts as on time (23:59:59.999 for day rules).
  if (now.getTime() > deadline.dueAt.getTime()) return 'overdue';
  if (now.getTime() >= deadline.dueSoonAt.getTime()) return 'due_soon';
  return 'pending';
}
