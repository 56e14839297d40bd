import { describeLondon } from './london-time';
import {
  AGE_CATEGORIES,
  AgeCategory,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  DecisionKind,
  EXIT_OUTCOMES,
  PATHWAY_REJECTIONS,
  PathwayEvent,
  PathwayFact,
  PathwayRejectionCode,
  PathwayResult,
  PathwayStage,
  PathwayState,
  RECONSIDERATION_OUTCOMES,
  REFERRAL_KINDS,
  RETRAFFICKING_RISK_OUTCOMES,
  RNA_OUTCOMES,
  Route,
  TRIAGE_OUTCOMES,
} from './pathway.types';
import { isCalendarDate, londonDate } from './london-time';

type Fact<T extends PathwayFact['type']> = Extract<PathwayFact, { type: T }>;
type Accepted = Extract<PathwayResult, { ok: true }>;

/** Age disputed counts as a child until assessed: reasonable grounds to believe someone is under 18 suffice. */
export function routeFor(ageCategory: AgeCategory): Route {
  return ageCategory === 'adult' ? 'adult' : 'children_services';
}

export function startPathway(input: {
  encounteredAt: Date;
  ageCategory: AgeCategory;
  localAuthorityCode?: string;
}): PathwayState {
  return {
    stage: 'encountered',
    since: input.encounteredAt,
    route: routeFor(input.ageCategory),
    ageCategory: input.ageCategory,
    localAuthorityCode: input.localAuthorityCode,
    encounteredAt: input.encounteredAt,
    referralRound: 0,
    lastFactAt: input.encounteredAt,
  };
}

/**
 * The stage the person is at in the NRM: the stage shown, except while missing, when it is the stage
 * they left and will return to when found. Decisions made while someone is missing move this stage.
 */
export function pathwayStage(state: PathwayState): { stage: PathwayStage; since: Date } {
  return state.stage === 'missing' && state.missing
    ? { stage: state.missing.stageBefore, since: state.missing.stageBeforeSince }
    : { stage: state.stage, since: state.since };
}

export function factTime(fact: PathwayFact): Date {
  switch (fact.type) {
    case 'referral':
      return fact.submittedAt;
    case 'decision':
      return fact.decidedAt;
    case 'missing':
      return fact.reportedAt;
    case 'found':
      return fact.foundAt;
    default:
      return fact.at;
  }
}

/**
 * Applies one fact to the pathway. Pure: returns the next state and the events to record, or refuses
 * with a stable code and a reason a caseworker can act on. The state passed in is never modified.
 */
export function applyPathwayFact(state: PathwayState, fact: PathwayFact): PathwayResult {
  const invalid = checkFact(fact);
  if (invalid) return invalid;
  if (state.stage === 'exited') {
    const exit = state.exit;
    return reject(
      'ALREADY_EXITED',
      `the person left support${exit ? ` on ${describeLondon(exit.at)} (${exit.outcome})` : ''}; nothing more can be recorded on this pathway`,
    );
  }
  switch (fact.type) {
    case 'triage':
      return triage(state, fact);
    case 'age_assessed':
      return assessAge(state, fact);
    case 'referral':
      return state.stage === 'missing' ? whileMissing(state, fact, refer) : refer(state, fact);
    case 'decision':
      return state.stage === 'missing' ? whileMissing(state, fact, decide) : decide(state, fact);
    case 'missing':
      return reportMissing(state, fact);
    case 'found':
      return reportFound(state, fact);
    case 'exit':
      return exit(state, fact);
    case 'reconsideration_requested':
      return state.stage === 'missing' ? whileMissing(state, fact, requestReconsideration) : requestReconsideration(state, fact);
    case 'reconsideration_decided':
      return state.stage === 'missing' ? whileMissing(state, fact, decideReconsideration) : decideReconsideration(state, fact);
    case 'rna_requested':
      return state.stage === 'missing' ? whileMissing(state, fact, requestRna) : requestRna(state, fact);
    case 'rna_decided':
      return state.stage === 'missing' ? whileMissing(state, fact, decideRna) : decideRna(state, fact);
    case 'withdrawal':
      return withdraw(state, fact);
    case 'disqualification':
      return state.stage === 'missing' ? whileMissing(state, fact, disqualify) : disqualify(state, fact);
    case 'turned_18':
      return state.stage === 'missing' ? whileMissing(state, fact, turn18) : turn18(state, fact);
    case 'adult_consent':
      return adultConsent(state, fact);
    case 'guardian_referral':
      return referToGuardian(state, fact);
  }
}

/**
 * The day a person born on `dateOfBirth` turns 18 (a 29 February birthday falls on 1 March in other
 * years). Invalid or missing dates give undefined.
 */
export function eighteenthBirthday(dateOfBirth: string | undefined | null): string | undefined {
  if (!dateOfBirth || !isCalendarDate(dateOfBirth)) return undefined;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const candidate = `${y + 18}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(candidate) ? candidate : `${y + 18}-03-01`;
}

/**
 * Rebuilds a pathway from its recorded facts, in order: the way to get the state from a stored history.
 * Stops at the first refused fact, whose position is given in the reason.
 */
export function replayPathway(start: Parameters<typeof startPathway>[0], facts: PathwayFact[]): PathwayResult {
  let state = startPathway(start);
  const events: PathwayEvent[] = [];
  for (const [i, fact] of facts.entries()) {
    const result = applyPathwayFact(state, fact);
    if (!result.ok) return { ...result, reason: `fact ${i + 1} (${fact.type}): ${result.reason}` };
    state = result.state;
    events.push(...result.events);
  }
  return { ok: true, state, events };
}

function reject(code: PathwayRejectionCode, reason: string): PathwayResult {
  return { ok: false, code, kind: PATHWAY_REJECTIONS[code], reason };
}

function accept(
  state: PathwayState,
  at: Date,
  patch: Partial<PathwayState>,
  events: PathwayEvent[],
  to?: PathwayStage,
): Accepted {
  const next: PathwayState = {
    ...state,
    ...patch,
    lastFactAt: at.getTime() > state.lastFactAt.getTime() ? at : state.lastFactAt,
  };
  if (to !== undefined && to !== state.stage) {
    next.stage = to;
    next.since = at;
    events = [...events, { type: 'stage_changed', from: state.stage, to, at }];
  }
  return { ok: true, state: next, events };
}

/** A fact dated before the start of the stage it acts on would make every deadline after it wrong. */
function outOfOrder(at: Date, notBefore: Date, what: string, reference: string): PathwayResult | undefined {
  if (at.getTime() >= notBefore.getTime()) return undefined;
  return reject(
    'OUT_OF_ORDER',
    `${what} is dated ${describeLondon(at)}, before ${reference} on ${describeLondon(notBefore)}`,
  );
}

const STAGE_WORDS: Record<PathwayStage, string> = {
  encountered: 'encountered (not yet triaged)',
  not_potential_victim: 'triaged as not a potential victim',
  pre_nrm: 'pre-NRM support',
  children_services: "with children's services",
  duty_to_notify: 'duty to notify (local support only)',
  awaiting_rg: 'awaiting the Reasonable Grounds decision',
  recovery_period: 'recovery period',
  move_on: 'move-on',
  disqualified: 'public-order disqualification (Conclusive Grounds decision still owed)',
  withdrawn: 'withdrawn from the NRM',
  missing: 'missing',
  exited: 'exited',
};

function triage(state: PathwayState, fact: Fact<'triage'>): PathwayResult {
  if (state.stage === 'missing') return reject('PERSON_MISSING', 'a missing person cannot be triaged; record them found first');
  // Re-triage is allowed only after a "not a potential victim" outcome: people often disclose later.
  if (state.stage !== 'encountered' && state.stage !== 'not_potential_victim') {
    return reject(
      'ALREADY_TRIAGED',
      `already triaged as ${state.triage?.outcome ?? 'a potential victim'}${state.triage ? ` on ${describeLondon(state.triage.at)}` : ''}; the person is at ${STAGE_WORDS[state.stage]}`,
    );
  }
  const late = outOfOrder(fact.at, state.since, 'the triage', state.stage === 'encountered' ? 'the encounter' : 'the previous triage');
  if (late) return late;
  const route = routeFor(fact.ageCategory);
  const events: PathwayEvent[] = [{ type: 'triaged', outcome: fact.outcome, ageCategory: fact.ageCategory, at: fact.at }];
  if (route !== state.route) events.push({ type: 'route_changed', from: state.route, to: route, at: fact.at });
  const to: PathwayStage =
    fact.outcome !== 'potential_victim' ? 'not_potential_victim' : route === 'adult' ? 'pre_nrm' : 'children_services';
  return accept(
    state,
    fact.at,
    { triage: { outcome: fact.outcome, at: fact.at }, ageCategory: fact.ageCategory, route },
    events,
    to,
  );
}

function assessAge(state: PathwayState, fact: Fact<'age_assessed'>): PathwayResult {
  if (state.stage === 'missing') return reject('PERSON_MISSING', 'an age assessment needs the person; record them found first');
  if (state.ageCategory !== 'age_disputed') {
    return reject('AGE_NOT_DISPUTED', `the person's age category is ${state.ageCategory}, not age_disputed: there is nothing to assess`);
  }
  const late = outOfOrder(fact.at, state.since, 'the age assessment', `the start of ${STAGE_WORDS[state.stage]}`);
  if (late) return late;
  const route = routeFor(fact.assessedAs);
  const events: PathwayEvent[] = [{ type: 'age_assessed', assessedAs: fact.assessedAs, at: fact.at }];
  if (route !== state.route) events.push({ type: 'route_changed', from: state.route, to: route, at: fact.at });
  // A person assessed as an adult before any referral moves to adult pre-NRM support, whose clock starts
  // now. After a referral, the referral made while presumed a child stands (it was lawful when made).
  const to: PathwayStage | undefined = state.stage === 'children_services' && route === 'adult' ? 'pre_nrm' : undefined;
  return accept(
    state,
    fact.at,
    { ageCategory: fact.assessedAs, route, ageAssessment: { assessedAs: fact.assessedAs, at: fact.at } },
    events,
    to,
  );
}

function refer(state: PathwayState, fact: Fact<'referral'>): PathwayResult {
  switch (state.stage) {
    case 'encountered':
      return reject('TRIAGE_REQUIRED', 'a referral needs a triage outcome of potential_victim first');
    case 'not_potential_victim':
      return reject(
        'NOT_A_POTENTIAL_VICTIM',
        `triaged as ${state.triage?.outcome ?? 'not a potential victim'}: re-triage as potential_victim before referring`,
      );
    case 'awaiting_rg':
    case 'recovery_period':
    case 'disqualified':
    case 'move_on':
      return reject(
        'ALREADY_REFERRED',
        `already referred to the NRM${state.nrmReferral ? ` on ${describeLondon(state.nrmReferral.submittedAt)}` : ''}; the person is at ${STAGE_WORDS[state.stage]}`,
      );
  }
  // The consent rules of the NRM: a child is referred without consent and is never the subject of a
  // duty to notify; an adult is referred only with consent, otherwise the Home Office is notified.
  if (state.route === 'children_services') {
    if (fact.kind === 'duty_to_notify') {
      return reject(
        'DUTY_TO_NOTIFY_FOR_CHILD',
        'a child (or a person whose age is disputed) is always referred into the NRM, without needing consent; duty to notify is for adults who decline',
      );
    }
  } else if (fact.kind === 'nrm' && !fact.consent) {
    return reject(
      'NRM_CONSENT_REQUIRED',
      'an adult is referred into the NRM only with their informed consent; without it, make a duty-to-notify referral instead',
    );
  } else if (fact.kind === 'duty_to_notify' && fact.consent) {
    return reject(
      'DUTY_TO_NOTIFY_WITH_CONSENT',
      'an adult who consents is referred into the NRM; duty to notify is only for adults who do not consent',
    );
  } else if (fact.kind === 'duty_to_notify' && state.stage === 'duty_to_notify') {
    return reject(
      'ALREADY_REFERRED',
      `the Home Office was already notified${state.dutyToNotify ? ` on ${describeLondon(state.dutyToNotify.submittedAt)}` : ''}`,
    );
  }
  const late = outOfOrder(fact.submittedAt, state.since, 'the referral', `the start of ${STAGE_WORDS[state.stage]}`);
  if (late) return late;
  const events: PathwayEvent[] = [{ type: 'referred', kind: fact.kind, consent: fact.consent, at: fact.submittedAt }];
  if (fact.kind === 'duty_to_notify') {
    return accept(state, fact.submittedAt, { dutyToNotify: { submittedAt: fact.submittedAt } }, events, 'duty_to_notify');
  }
  // A further referral (after a withdrawal or suspension) opens a new round: its decisions, reconsiderations
  // and assessments start afresh; the earlier round stays in the history.
  return accept(
    state,
    fact.submittedAt,
    {
      nrmReferral: { consent: fact.consent, submittedAt: fact.submittedAt },
      referralRound: state.referralRound + 1,
      reasonableGrounds: undefined,
      conclusiveGrounds: undefined,
      reconsideration: undefined,
      rna: undefined,
      moveOnExtension: undefined,
      disqualification: undefined,
    },
    events,
    'awaiting_rg',
  );
}

function decide(state: PathwayState, fact: Fact<'decision'>): PathwayResult {
  const rg = fact.kind === 'reasonable_grounds';
  const label = rg ? 'the Reasonable Grounds decision' : 'the Conclusive Grounds decision';
  switch (state.stage) {
    case 'encountered':
    case 'not_potential_victim':
    case 'pre_nrm':
    case 'children_services':
      return reject('NOT_REFERRED', `${label} needs an NRM referral first; none has been made`);
    case 'duty_to_notify':
      return reject(
        'NOT_REFERRED',
        `a duty to notify is not an NRM referral and no decision follows it; ${label} needs an NRM referral (made if the person later consents)`,
      );
    case 'awaiting_rg':
      if (!rg) return reject('RG_REQUIRED', 'a Conclusive Grounds decision comes only after a positive Reasonable Grounds decision; none has been made yet');
      break;
    case 'recovery_period':
    case 'disqualified':
      if (rg) return reject('RG_ALREADY_DECIDED', rgAlready(state));
      break;
    case 'withdrawn':
      return reject('NOT_IN_THE_NRM', `the person withdrew from the NRM${state.withdrawal ? ` on ${describeLondon(state.withdrawal.at)}` : ''}; ${label} needs a further referral first`);
    case 'move_on':
      if (rg) return reject('RG_ALREADY_DECIDED', rgAlready(state));
      if (state.reasonableGrounds?.outcome === 'negative') {
        return reject('POSITIVE_RG_REQUIRED', `${rgAlready(state)}; no Conclusive Grounds decision follows a negative one`);
      }
      return reject(
        'CG_ALREADY_DECIDED',
        `a Conclusive Grounds decision (${state.conclusiveGrounds?.outcome}) was recorded${state.conclusiveGrounds ? ` on ${describeLondon(state.conclusiveGrounds.decidedAt)}` : ''}`,
      );
  }
  const late = outOfOrder(
    fact.decidedAt,
    state.since,
    label,
    rg ? 'the NRM referral' : state.stage === 'disqualified' ? 'the disqualification' : 'the Reasonable Grounds decision',
  );
  if (late) return late;
  const decision = { outcome: fact.outcome, decidedAt: fact.decidedAt };
  const events: PathwayEvent[] = [{ type: 'decision_recorded', kind: fact.kind, outcome: fact.outcome, at: fact.decidedAt }];
  const to: PathwayStage = rg && fact.outcome === 'positive' ? 'recovery_period' : 'move_on';
  return accept(state, fact.decidedAt, rg ? { reasonableGrounds: decision } : { conclusiveGrounds: decision }, events, to);
}

function rgAlready(state: PathwayState): string {
  const d = state.reasonableGrounds;
  return `a Reasonable Grounds decision (${d?.outcome}) was already recorded${d ? ` on ${describeLondon(d.decidedAt)}` : ''}`;
}

/**
 * Referrals and decisions do not wait for a missing person to be found (the decision maker works from
 * the file), so they are applied to the stage the person will return to; the stage shown stays missing.
 */
function whileMissing<F extends PathwayFact>(
  state: PathwayState,
  fact: F,
  handler: (s: PathwayState, f: F) => PathwayResult,
): PathwayResult {
  const missing = state.missing!;
  const underlying: PathwayState = { ...state, stage: missing.stageBefore, since: missing.stageBeforeSince };
  const result = handler(underlying, fact);
  if (!result.ok) return result;
  const next: PathwayState = {
    ...result.state,
    stage: 'missing',
    since: state.since,
    missing: { ...missing, stageBefore: result.state.stage, stageBeforeSince: result.state.since },
  };
  const events = result.events.map((e): PathwayEvent => (e.type === 'stage_changed' ? { ...e, type: 'return_stage_changed' } : e));
  return { ok: true, state: next, events };
}

const DECISION_WORDS: Record<DecisionKind, string> = {
  reasonable_grounds: 'Reasonable Grounds',
  conclusive_grounds: 'Conclusive Grounds',
};

/** The decision of `kind` that stands now in this round: only the latest decision can be reconsidered. */
function latestDecisionKind(state: PathwayState): DecisionKind | undefined {
  if (state.conclusiveGrounds) return 'conclusive_grounds';
  if (state.reasonableGrounds) return 'reasonable_grounds';
  return undefined;
}

function requestReconsideration(state: PathwayState, fact: Fact<'reconsideration_requested'>): PathwayResult {
  const kind = fact.decisionKind;
  const decision = kind === 'reasonable_grounds' ? state.reasonableGrounds : state.conclusiveGrounds;
  if (state.stage !== 'move_on' || !decision || decision.outcome !== 'negative' || latestDecisionKind(state) !== kind) {
    return reject(
      'NO_NEGATIVE_DECISION',
      `only a negative ${DECISION_WORDS[kind]} decision that still stands can be reconsidered; the person is at ${STAGE_WORDS[state.stage]}` +
        (decision ? ` and the ${DECISION_WORDS[kind]} decision was ${decision.outcome}` : ` and no ${DECISION_WORDS[kind]} decision has been recorded`),
    );
  }
  const pending = state.reconsideration;
  if (pending && !pending.outcome) {
    return reject('RECONSIDERATION_PENDING', `a reconsideration of the ${DECISION_WORDS[pending.decisionKind]} decision was requested on ${describeLondon(pending.requestedAt)} and is not yet decided`);
  }
  // An upheld reconsideration may be asked again (new evidence), but not before the previous outcome.
  const notBefore = pending?.decidedAt ?? decision.decidedAt;
  const late = outOfOrder(fact.at, notBefore, 'the reconsideration request', pending?.decidedAt ? 'the previous reconsideration outcome' : `the ${DECISION_WORDS[kind]} decision`);
  if (late) return late;
  return accept(state, fact.at, { reconsideration: { decisionKind: kind, requestedAt: fact.at } }, [
    { type: 'reconsideration_requested', decisionKind: kind, at: fact.at },
  ]);
}

function decideReconsideration(state: PathwayState, fact: Fact<'reconsideration_decided'>): PathwayResult {
  const pending = state.reconsideration;
  if (!pending || pending.outcome || pending.decisionKind !== fact.decisionKind) {
    return reject('NO_RECONSIDERATION_PENDING', `no reconsideration of a ${DECISION_WORDS[fact.decisionKind]} decision is waiting for an outcome`);
  }
  const late = outOfOrder(fact.at, pending.requestedAt, 'the reconsideration outcome', 'the reconsideration request');
  if (late) return late;
  const reconsideration = { ...pending, outcome: fact.outcome, decidedAt: fact.at };
  const events: PathwayEvent[] = [{ type: 'reconsideration_decided', decisionKind: fact.decisionKind, outcome: fact.outcome, at: fact.at }];
  if (fact.outcome === 'upheld') return accept(state, fact.at, { reconsideration }, events);
  const positive = { outcome: 'positive' as const, decidedAt: fact.at };
  if (fact.decisionKind === 'reasonable_grounds') {
    // An overturned negative RG is a positive RG from the new decision's date: the recovery period starts then.
    return accept(state, fact.at, { reconsideration, reasonableGrounds: positive }, events, 'recovery_period');
  }
  // An overturned negative CG is a positive CG: move-on after a positive CG starts from the new decision.
  const result = accept(state, fact.at, { reconsideration, conclusiveGrounds: positive }, events);
  result.state.since = fact.at;
  return result;
}

function requestRna(state: PathwayState, fact: Fact<'rna_requested'>): PathwayResult {
  const cg = state.conclusiveGrounds;
  if (state.stage !== 'move_on' || !cg) {
    return reject(
      'CG_REQUIRED',
      `a Recovery Needs Assessment (or extension request) is for move-on support after a Conclusive Grounds decision; the person is at ${STAGE_WORDS[state.stage]}`,
    );
  }
  const pending = state.rna;
  if (pending && !pending.outcome) {
    return reject('RNA_PENDING', `a Recovery Needs Assessment was requested on ${describeLondon(pending.requestedAt)} and is not yet decided`);
  }
  const notBefore = pending?.decidedAt ?? cg.decidedAt;
  const late = outOfOrder(fact.at, notBefore, 'the Recovery Needs Assessment request', pending?.decidedAt ? 'the previous assessment outcome' : 'the Conclusive Grounds decision');
  if (late) return late;
  return accept(state, fact.at, { rna: { requestedAt: fact.at } }, [{ type: 'rna_requested', at: fact.at }]);
}

function decideRna(state: PathwayState, fact: Fact<'rna_decided'>): PathwayResult {
  const pending = state.rna;
  if (!pending || pending.outcome) return reject('NO_RNA_PENDING', 'no Recovery Needs Assessment is waiting for an outcome');
  const late = outOfOrder(fact.at, pending.requestedAt, 'the Recovery Needs Assessment outcome', 'its request');
  if (late) return late;
  if (fact.outcome === 'extended' && fact.until! < londonDate(fact.at)) {
    return reject('INVALID_FACT', `rna_decided: support cannot be extended until ${fact.until}, before the decision on ${londonDate(fact.at)}`);
  }
  const rna = { ...pending, outcome: fact.outcome, decidedAt: fact.at, ...(fact.until ? { until: fact.until } : {}) };
  return accept(
    state,
    fact.at,
    { rna, ...(fact.outcome === 'extended' ? { moveOnExtension: { until: fact.until!, decidedAt: fact.at } } : {}) },
    [{ type: 'rna_decided', outcome: fact.outcome, ...(fact.until ? { until: fact.until } : {}), at: fact.at }],
  );
}

const IN_THE_NRM: readonly PathwayStage[] = ['awaiting_rg', 'recovery_period', 'disqualified', 'move_on'];

function withdraw(state: PathwayState, fact: Fact<'withdrawal'>): PathwayResult {
  const suspended = fact.suspended === true;
  // A case is suspended because the person cannot be found; a withdrawal is the person's own act.
  if (state.stage === 'missing' && !suspended) return reject('PERSON_MISSING', 'a missing person cannot withdraw; the case may be suspended instead');
  const { stage } = pathwayStage(state);
  if (!IN_THE_NRM.includes(stage)) {
    return reject('NOT_IN_THE_NRM', `only a person referred into the NRM can withdraw from it or have the case suspended; the person is at ${STAGE_WORDS[stage]}`);
  }
  const late = outOfOrder(fact.at, state.since, suspended ? 'the suspension' : 'the withdrawal', `the start of ${STAGE_WORDS[state.stage]}`);
  if (late) return late;
  const events: PathwayEvent[] = [{ type: 'withdrawn', suspended, at: fact.at }];
  if (state.stage === 'missing') {
    // Suspended while missing: they are still missing, and return to a withdrawn case when found.
    const next = accept(state, fact.at, { withdrawal: { at: fact.at, suspended } }, events);
    next.state.missing = { ...state.missing!, stageBefore: 'withdrawn', stageBeforeSince: fact.at };
    next.events.push({ type: 'return_stage_changed', from: stage, to: 'withdrawn', at: fact.at });
    return next;
  }
  return accept(state, fact.at, { withdrawal: { at: fact.at, suspended } }, events, 'withdrawn');
}

function disqualify(state: PathwayState, fact: Fact<'disqualification'>): PathwayResult {
  if (state.stage !== 'recovery_period') {
    return reject(
      'NOT_IN_RECOVERY_PERIOD',
      `a public-order disqualification ends a recovery period given by a positive Reasonable Grounds decision; the person is at ${STAGE_WORDS[state.stage]}`,
    );
  }
  const late = outOfOrder(fact.at, state.since, 'the disqualification', 'the positive Reasonable Grounds decision');
  if (late) return late;
  if (fact.riskAssessedAt.getTime() > fact.at.getTime()) {
    return reject('OUT_OF_ORDER', `the re-trafficking risk assessment must come before the disqualification decision: it is dated ${describeLondon(fact.riskAssessedAt)}, the decision ${describeLondon(fact.at)}`);
  }
  return accept(
    state,
    fact.at,
    { disqualification: { at: fact.at, riskAssessedAt: fact.riskAssessedAt, riskOutcome: fact.riskOutcome } },
    [{ type: 'disqualified', riskOutcome: fact.riskOutcome, at: fact.at }],
    'disqualified',
  );
}

function turn18(state: PathwayState, fact: Fact<'turned_18'>): PathwayResult {
  if (state.ageCategory !== 'child' || state.turned18) {
    return reject('NOT_A_CHILD', `the person's age category is ${state.ageCategory}${state.turned18 ? ' (already turned 18)' : ''}: only a child turns 18 on the pathway`);
  }
  const late = outOfOrder(fact.at, state.since, 'the 18th birthday', `the start of ${STAGE_WORDS[state.stage]}`);
  if (late) return late;
  const events: PathwayEvent[] = [{ type: 'turned_18', at: fact.at }];
  if (state.route !== 'adult') events.push({ type: 'route_changed', from: state.route, to: 'adult', at: fact.at });
  // Not yet referred: adult pre-NRM support from the birthday (an adult is referred only with consent).
  const to: PathwayStage | undefined = state.stage === 'children_services' ? 'pre_nrm' : undefined;
  return accept(state, fact.at, { ageCategory: 'adult', route: 'adult', turned18: { at: fact.at } }, events, to);
}

function adultConsent(state: PathwayState, fact: Fact<'adult_consent'>): PathwayResult {
  if (!state.turned18 || state.turned18.consent) {
    return reject(
      'NO_ADULT_CONSENT_NEEDED',
      state.turned18 ? `adult consent was already recorded on ${describeLondon(state.turned18.consent!.at)}` : 'adult consent is asked for when a child on the pathway turns 18',
    );
  }
  if (state.stage === 'missing') return reject('PERSON_MISSING', 'consent needs the person; record them found first');
  const late = outOfOrder(fact.at, state.turned18.at, 'the adult consent', 'the 18th birthday');
  if (late) return late;
  const turned18 = { ...state.turned18, consent: { given: fact.consent, at: fact.at } };
  const events: PathwayEvent[] = [{ type: 'adult_consent', consent: fact.consent, at: fact.at }];
  // Without consent, a young person in the NRM leaves adult NRM support: recorded as a withdrawal.
  if (!fact.consent && IN_THE_NRM.includes(state.stage)) {
    events.push({ type: 'withdrawn', suspended: false, at: fact.at });
    return accept(state, fact.at, { turned18, withdrawal: { at: fact.at, suspended: false } }, events, 'withdrawn');
  }
  return accept(state, fact.at, { turned18 }, events);
}

/**
 * Independent Child Trafficking Guardians are for children (and those presumed children until assessed):
 * one referral per person. It moves no stage, so it may be recorded whatever the stage, even while missing.
 */
function referToGuardian(state: PathwayState, fact: Fact<'guardian_referral'>): PathwayResult {
  if (state.route !== 'children_services') {
    return reject('NOT_A_CHILD', `Independent Child Trafficking Guardians are for children; the person is on the ${state.route} route (age category ${state.ageCategory})`);
  }
  if (state.guardianReferral) {
    return reject('ALREADY_REFERRED_TO_GUARDIAN', `already referred to an Independent Child Trafficking Guardian on ${describeLondon(state.guardianReferral.at)}`);
  }
  const late = outOfOrder(fact.at, state.encounteredAt, 'the guardian referral', 'the encounter');
  if (late) return late;
  return accept(state, fact.at, { guardianReferral: { at: fact.at } }, [{ type: 'guardian_referred', at: fact.at }]);
}

function reportMissing(state: PathwayState, fact: Fact<'missing'>): PathwayResult {
  if (state.stage === 'missing') {
    return reject('ALREADY_MISSING', `already reported missing on ${describeLondon(state.missing!.reportedAt)}`);
  }
  const late = outOfOrder(fact.reportedAt, state.since, 'the missing report', `the start of ${STAGE_WORDS[state.stage]}`);
  if (late) return late;
  return accept(
    state,
    fact.reportedAt,
    { missing: { reportedAt: fact.reportedAt, stageBefore: state.stage, stageBeforeSince: state.since } },
    [{ type: 'missing', stageBefore: state.stage, at: fact.reportedAt }],
    'missing',
  );
}

function reportFound(state: PathwayState, fact: Fact<'found'>): PathwayResult {
  if (state.stage !== 'missing' || !state.missing) return reject('NOT_MISSING', 'the person is not reported missing');
  const missing = state.missing;
  const late = outOfOrder(fact.foundAt, missing.reportedAt, 'being found', 'the missing report');
  if (late) return late;
  const result = accept(
    state,
    fact.foundAt,
    { missing: { ...missing, foundAt: fact.foundAt } },
    [{ type: 'found', returnedTo: missing.stageBefore, at: fact.foundAt }],
    missing.stageBefore,
  );
  // Returning to a stage resumes its clock: the stage's deadlines run from when it began, not from today.
  result.state.since = missing.stageBeforeSince;
  return result;
}

function exit(state: PathwayState, fact: Fact<'exit'>): PathwayResult {
  const late = outOfOrder(fact.at, state.lastFactAt, 'the exit', 'the latest recorded event');
  if (late) return late;
  return accept(
    state,
    fact.at,
    { exit: { outcome: fact.outcome, at: fact.at } },
    [{ type: 'exited', outcome: fact.outcome, at: fact.at }],
    'exited',
  );
}

function validDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function oneOf<T extends string>(list: readonly T[], value: unknown): boolean {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Guards the pure model against malformed input even when a caller skipped validation. */
function checkFact(fact: PathwayFact): PathwayResult | undefined {
  const types: readonly string[] = [
    'triage', 'age_assessed', 'referral', 'decision', 'missing', 'found', 'exit',
    'reconsideration_requested', 'reconsideration_decided', 'rna_requested', 'rna_decided', 'withdrawal', 'disqualification',
    'turned_18', 'adult_consent', 'guardian_referral',
  ];
  if (!oneOf(types, fact?.type)) {
    return reject('INVALID_FACT', `unknown fact type ${JSON.stringify((fact as { type?: unknown } | undefined)?.type)}`);
  }
  const bad = (what: string) => reject('INVALID_FACT', `${fact.type}: ${what}`);
  if (!validDate(factTime(fact))) return bad('a valid date and time is required');
  switch (fact.type) {
    case 'triage':
      if (!oneOf(TRIAGE_OUTCOMES, fact.outcome)) return bad(`outcome must be one of ${TRIAGE_OUTCOMES.join(', ')}`);
      if (!oneOf(AGE_CATEGORIES, fact.ageCategory)) return bad(`ageCategory must be one of ${AGE_CATEGORIES.join(', ')}`);
      return undefined;
    case 'age_assessed':
      if (!oneOf(['adult', 'child'], fact.assessedAs)) return bad('assessedAs must be adult or child');
      return undefined;
    case 'referral':
      if (!oneOf(REFERRAL_KINDS, fact.kind)) return bad(`kind must be one of ${REFERRAL_KINDS.join(', ')}`);
      if (typeof fact.consent !== 'boolean') return bad('consent must be true or false');
      return undefined;
    case 'decision':
      if (!oneOf(DECISION_KINDS, fact.kind)) return bad(`kind must be one of ${DECISION_KINDS.join(', ')}`);
      if (!oneOf(DECISION_OUTCOMES, fact.outcome)) return bad(`outcome must be one of ${DECISION_OUTCOMES.join(', ')}`);
      return undefined;
    case 'exit':
      if (!oneOf(EXIT_OUTCOMES, fact.outcome)) return bad(`outcome must be one of ${EXIT_OUTCOMES.join(', ')}`);
      return undefined;
    case 'reconsideration_requested':
      if (!oneOf(DECISION_KINDS, fact.decisionKind)) return bad(`decisionKind must be one of ${DECISION_KINDS.join(', ')}`);
      return undefined;
    case 'reconsideration_decided':
      if (!oneOf(DECISION_KINDS, fact.decisionKind)) return bad(`decisionKind must be one of ${DECISION_KINDS.join(', ')}`);
      if (!oneOf(RECONSIDERATION_OUTCOMES, fact.outcome)) return bad(`outcome must be one of ${RECONSIDERATION_OUTCOMES.join(', ')}`);
      return undefined;
    case 'rna_decided':
      if (!oneOf(RNA_OUTCOMES, fact.outcome)) return bad(`outcome must be one of ${RNA_OUTCOMES.join(', ')}`);
      if (fact.outcome === 'extended' && !isCalendarDate(fact.until)) return bad('until (the last day of extended support, YYYY-MM-DD) is required when extended');
      if (fact.outcome === 'not_extended' && fact.until !== undefined) return bad('until is given only when support is extended');
      return undefined;
    case 'withdrawal':
      if (fact.suspended !== undefined && typeof fact.suspended !== 'boolean') return bad('suspended must be true or false');
      return undefined;
    case 'adult_consent':
      if (typeof fact.consent !== 'boolean') return bad('consent must be true or false');
      return undefined;
    case 'disqualification':
      if (!validDate(fact.riskAssessedAt)) return bad('the re-trafficking risk assessment needs a valid date and time');
      if (!oneOf(RETRAFFICKING_RISK_OUTCOMES, fact.riskOutcome)) return bad(`riskOutcome must be one of ${RETRAFFICKING_RISK_OUTCOMES.join(', ')}`);
      return undefined;
    default:
      return undefined;
  }
}
