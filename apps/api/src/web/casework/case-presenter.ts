import { worklistKindWords } from '@safe-harbour/domain';
import type { CaseSummary } from '../../casework/case.service';
import type { DeadlineView } from '../../pathway/timeline.service';
import {
  ageCategoryWords,
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

/** What the case page shows, in words, for one viewer. */
export function presentCase(c: CaseSummary) {
  const t = c.timeline;
  const stage = t.stage;
  const actions: CaseAction[] = [];
  if (!c.viewer.narrow && stage !== 'exited') actions.push({ text: 'Find a bed', href: `/people/${c.personId}/beds`, secondary: false });
  if (c.viewer.mayRecord && stage !== 'exited') {
    if (stage === 'encountered' || stage === 'not_potential_victim') actions.push({ text: 'Record triage', href: record(c, 'triage'), secondary: true });
    actions.push({ text: 'Record referral', href: record(c, 'referral'), secondary: true });
    actions.push({ text: 'Record decision', href: record(c, 'decision'), secondary: true });
    if (stage === 'missing') actions.push({ text: 'Record found', href: record(c, 'found'), secondary: false });
    actions.push({ text: 'Report missing', href: record(c, 'missing'), secondary: true });
    actions.push({ text: 'Record exit', href: record(c, 'exit'), secondary: true });
  }
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
