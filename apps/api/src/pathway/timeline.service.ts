import { Injectable } from '@nestjs/common';
import { pathwayStage, PathwayStatus, pathwayStatus } from '@safe-harbour/domain';
import { AuthUser } from '../auth/roles';
import { OperationAccess } from '../operations/operation-access';
import { PersonAccess } from '../people/person-access';
import { HistoryRow, PathwayRepository, StoredDeadline } from './pathway.repository';
import { PathwayService } from './pathway.service';

export interface DeadlineView {
  id: string;
  kind: string;
  dueAt: Date;
  dueSoonAt: Date;
  rule: string;
  policyVersion: string;
  state: string;
  stateChangedAt: Date;
  effect: string;
  basis: { event: string; at: Date };
  explanation: string;
  source: string;
  caveat: string | null;
}

export interface HistoryView {
  seq: number;
  type: string;
  at: Date;
  fromStage: string;
  toStage: string;
  cause: string;
  fact: Record<string, unknown>;
  recordedBy?: string | null;
  recordedAt: Date;
}

export interface Timeline {
  personId: string;
  reference: string;
  /** the pathway stage; `not_potential_victim` where the person record says `encountered` */
  stage: string;
  since: Date;
  route: string;
  /** while missing: the stage they will return to when found, and since when */
  returnsTo?: { stage: string; since: Date };
  /** live deadlines, soonest first: what is due next, when, and why */
  deadlines: DeadlineView[];
  nextDeadline: DeadlineView | null;
  /** deadlines the pathway moved past (`met`) or that were withdrawn (`cancelled`) */
  closedDeadlines: DeadlineView[];
  exit: { at: Date; outcome: string } | null;
  /** what is pending, owed, extended or ended: reconsiderations, assessments, disqualification, withdrawal */
  status: PathwayStatus;
  /** every fact recorded, in order, with who recorded it and the stage it moved the person from and to */
  history: HistoryView[];
}

const LIVE = ['pending', 'due_soon', 'overdue'];

/** "What stage, since when, what is due next and why" for one person. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly personAccess: PersonAccess,
    private readonly access: OperationAccess,
    private readonly pathway: PathwayService,
    private readonly repository: PathwayRepository,
  ) {}

  async timeline(user: AuthUser, personId: string): Promise<Timeline> {
    const { op } = await this.personAccess.visible(user, personId);
    // Partners plan ahead with stages and deadlines, but are not told which member of staff recorded what.
    const narrow = this.access.isNarrowView(user, op);
    const { person, history, state } = await this.pathway.load(this.repository.dataSource.manager, personId, false);
    const deadlines = (await this.repository.deadlines(personId)).map(deadlineView);
    const live = deadlines.filter((d) => LIVE.includes(d.state));
    return {
      personId,
      reference: person.reference,
      stage: state.stage,
      since: state.since,
      route: state.route,
      ...(state.stage === 'missing' ? { returnsTo: pathwayStage(state) } : {}),
      deadlines: live,
      nextDeadline: live[0] ?? null,
      closedDeadlines: deadlines.filter((d) => !LIVE.includes(d.state)),
      exit: state.exit ? { at: state.exit.at, outcome: state.exit.outcome } : null,
      status: pathwayStatus(state, this.pathway.policy),
      history: history.map((h) => historyView(h, narrow)),
    };
  }

  /** The part of the timeline a write answers with. */
  async current(personId: string): Promise<Pick<Timeline, 'stage' | 'since' | 'route' | 'status' | 'deadlines' | 'nextDeadline'>> {
    const { state } = await this.pathway.load(this.repository.dataSource.manager, personId, false);
    const live = (await this.repository.deadlines(personId)).map(deadlineView).filter((d) => LIVE.includes(d.state));
    return { stage: state.stage, since: state.since, route: state.route, status: pathwayStatus(state, this.pathway.policy), deadlines: live, nextDeadline: live[0] ?? null };
  }
}

export function deadlineView(d: StoredDeadline): DeadlineView {
  return {
    id: d.id,
    kind: d.kind,
    dueAt: d.dueAt,
    dueSoonAt: d.dueSoonAt,
    rule: d.rule,
    policyVersion: d.policyVersion,
    state: d.state,
    stateChangedAt: d.stateChangedAt,
    effect: d.effect,
    basis: { event: d.basis, at: d.basisAt },
    explanation: d.explanation,
    source: d.source,
    caveat: d.caveat,
  };
}

function historyView(h: HistoryRow, narrow: boolean): HistoryView {
  const { type, ...fact } = h.fact as unknown as Record<string, unknown>;
  const view: HistoryView = {
    seq: Number(h.id),
    type: type as string,
    at: h.at,
    fromStage: h.fromStage,
    toStage: h.toStage,
    cause: h.cause,
    fact: { ...fact, ...h.details },
    recordedAt: h.recordedAt,
  };
  if (!narrow) view.recordedBy = h.recordedBy;
  return view;
}
