import { worklistKindWords } from '@safe-harbour/domain';
import type { CaseSummary } from '../../casework/case.service';
import type { DeadlineView } from '../../pathway/timeline.service';
import {
  ageCategoryWords,
  decisionKindWords,
  effectWords,
  endReasonWords,
  factWords,
  placementStatusWords,
  routeWords,
  stageTagClass,
  stageWords,
  worklistTagClass,
} from './case-words';

export interface DeadlinePresented {
  what: string;
  dueAt: Date;
  state: string;
  stateWords: string;
  tagClass: string;
  effect: string;
  rule: string;
  policyVersion: string;
  source: string;
  explanation: string;
  caveat: string | null;
}

const DEADLINE_STATE_WORDS: Record<string, string> = {
  pending: 'Coming up',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  cancelled: 'Withdrawn',
};
const DEADLINE_STATE_TAG: Record<string, string> = { pending: 'upcoming', due_soon: 'due_soon', overdue: 'overdue', met: 'met', cancelled: 'cancelled' };

export function presentDeadline(d: DeadlineView): DeadlinePresented {
  return {
    what: worklistKindWords(d.kind),
    dueAt: d.dueAt,
    state: d.state,
    stateWords: DEADLINE_STATE_WORDS[d.state] ?? d.state,
    tagClass: d.state === 'cancelled' ? 'govuk-tag--grey' : worklistTagClass(DEADLINE_STATE_TAG[d.state] ?? d.state),
    effect: effectWords(d.effect),
    rule: d.rule,
    policyVersion: d.policyVersion,
    source: d.source,
    explanation: d.explanation,
    caveat: d.caveat,
  };
}

export interface CaseAction {
  text: string;
  href: string;
  secondary: boolean;
}

const ALL_FACTS: ReadonlySet<string> = new Set([
  'triage', 'referral', 'decision', 'missing', 'found', 'exit', 'reconsideration', 'reconsideration-outcome', 'age-assessment',
  'recovery-needs-assessment', 'recovery-needs-assessment-outcome', 'adult-consent', 'withdrawal',
]);
const REFERRED_STAGES = ['awaiting_rg', 'recovery_period', 'move_on', 'disqualified'];

/**
 * What the case page shows, in words, for one viewer. `recordable`: the facts the viewer's roles may
 * record (the API routes' roles); nothing is recordable where the case says the viewer may only view.
 */
export function presentCase(c: CaseSummary, recordable: ReadonlySet<string> = ALL_FACTS) {
  const t = c.timeline;
  const stage = t.stage;
  const actions: CaseAction[] = [];
  const may = (slug: string) => c.viewer.mayRecord && stage !== 'exited' && recordable.has(slug);
  const add = (slug: string, text: string, secondary = true) => may(slug) && actions.push({ text, href: record(c, slug), secondary });
  if (!c.viewer.narrow && stage !== 'exited') actions.push({ text: 'Find a bed', href: `/people/${c.personId}/beds`, secondary: false });
  if (stage === 'encountered' || stage === 'not_potential_victim') add('triage', 'Record triage');
  add('referral', 'Record referral');
  add('decision', 'Record decision');
  if (stage === 'missing') add('found', 'Record found', false);
  add('missing', 'Report missing');
  add('exit', 'Record exit');
  // The second wave's facts, offered when they can apply (the pathway still decides).
  const status = t.status;
  const lastDecision = [...t.history].reverse().find((h) => h.type === 'decision');
  if (status?.pendingReconsideration) add('reconsideration-outcome', 'Record reconsideration outcome', false);
  else if (lastDecision?.fact.outcome === 'negative') add('reconsideration', 'Record reconsideration request');
  if (c.person.ageCategory === 'age_disputed') add('age-assessment', 'Record age assessment');
  if (status?.pendingRecoveryNeedsAssessment) add('recovery-needs-assessment-outcome', 'Record RNA outcome', false);
  else if (stage === 'move_on' && lastDecision?.fact.kind === 'conclusive_grounds') add('recovery-needs-assessment', 'Record RNA request');
  if (t.deadlines.some((d) => d.kind === 'adult_consent_needed')) add('adult-consent', 'Record adult consent', false);
  // While missing, the stage they will return to says whether they are in the NRM.
  if (REFERRED_STAGES.includes(t.returnsTo?.stage ?? stage)) add('withdrawal', 'Record withdrawal');
  const history = [...t.history].reverse().map((h) => ({
    at: h.at,
    what: factWords(h),
    from: stageWords(h.fromStage),
    to: stageWords(h.toStage),
    stageChanged: h.fromStage !== h.toStage,
    who: c.viewer.narrow ? null : h.recordedBy ? (c.staffNames[h.recordedBy] ?? 'A member of staff') : 'The system',
    recordedAt: h.recordedAt,
  }));
  return {
    personId: c.personId,
    reference: c.reference,
    operation: c.operation,
    narrow: c.viewer.narrow,
    mayRecord: c.viewer.mayRecord,
    maySeeIdentity: c.viewer.maySeeIdentity,
    identity: c.identity,
    identityShown: c.personalData === 'shown',
    stage: { code: stage, words: stageWords(stage), tagClass: stageTagClass(stage), since: t.since },
    pending: [
      t.status?.pendingReconsideration
        ? `Reconsideration of the negative ${decisionKindWords(t.status.pendingReconsideration.decisionKind)} decision requested ${londonWords(t.status.pendingReconsideration.requestedAt)}: awaiting the outcome`
        : null,
      t.status?.pendingRecoveryNeedsAssessment ? `Recovery Needs Assessment requested ${londonWords(t.status.pendingRecoveryNeedsAssessment.requestedAt)}: awaiting the outcome` : null,
      t.status?.moveOnExtendedUntil ? `Move-on support extended until ${t.status.moveOnExtendedUntil}` : null,
      t.status?.decisionsOwed?.length ? `Decisions still owed: ${t.status.decisionsOwed.map((k) => `${decisionKindWords(k)}`).join(', ')}` : null,
    ].filter((x): x is string => x !== null),
    returnsTo: t.returnsTo ? { words: stageWords(t.returnsTo.stage), since: t.returnsTo.since } : null,
    route: routeWords(t.route),
    ageCategory: ageCategoryWords(c.person.ageCategory),
    nextDeadline: t.nextDeadline ? presentDeadline(t.nextDeadline) : null,
    deadlines: t.deadlines.map(presentDeadline),
    closedDeadlines: t.closedDeadlines.map(presentDeadline),
    exit: t.exit,
    history,
    currentPlacement: c.currentPlacement ? presentPlacement(c.currentPlacement) : null,
    placements: c.placements.map(presentPlacement),
    actions,
  };
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const londonWords = (d: Date | string) => `on ${LONDON.format(new Date(d))}`;

function record(c: CaseSummary, slug: string) {
  return `/people/${c.personId}/record/${slug}`;
}

function presentPlacement(p: CaseSummary['placements'][number]) {
  return {
    ...p,
    where: p.siteName ? `${p.siteName}, bed ${p.bedLabel}` : 'Placed (where is shown only to those directly involved)',
    statusWords: placementStatusWords(p.status),
    endReasonWords: p.endReason ? endReasonWords(p.endReason) : null,
    kindWords: p.kind === 'reservation' ? 'Reservation' : 'Placement',
  };
}

export type CasePresented = ReturnType<typeof presentCase>;
