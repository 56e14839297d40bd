import { Injectable } from '@nestjs/common';
import {
  compareWorklist,
  countWorklist,
  DEFAULT_WORKLIST_WINDOW,
  WORKLIST_STATE_WORDS,
  WorklistCounts,
  worklistKindWords,
  WorklistState,
  worklistState,
} from '@safe-harbour/domain';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { OperationAccess } from '../operations/operation-access';
import { WorklistQuery } from './worklist.dto';
import { AwaitingRow, WorklistRepository, WorklistRow } from './worklist.repository';

export interface WorklistItem {
  deadlineId: string;
  personId: string;
  reference: string;
  personStage: string;
  operationId: string;
  operationName: string;
  operationCode: string;
  localAuthorityCode: string;
  kind: string;
  /** what is due, in words */
  what: string;
  state: WorklistState;
  stateWords: string;
  dueAt: Date;
  dueSoonAt: Date;
  /** for a met deadline: when the pathway moved past it */
  metAt: Date | null;
  rule: string;
  policyVersion: string;
  effect: string;
  explanation: string;
  source: string;
  caveat: string | null;
}

export interface Worklist {
  generatedAt: Date;
  /** outbox position of this snapshot: live events with a greater seq are newer than it */
  seq: number;
  window: { horizonDays: number; metWithinDays: number };
  /** every state, over the operation, area and kind filters (not the state filter) */
  counts: WorklistCounts;
  items: WorklistItem[];
  nextCursor: string | null;
  /** more candidate deadlines than one read takes: narrow by operation or area */
  truncated: boolean;
  /**
   * Requests waiting for an outcome (pending reconsiderations, RNAs and extension requests), oldest first:
   * nothing is due on a date, but they must not be forgotten. Over the operation and area filters only.
   */
  awaiting: { count: number; items: AwaitingItem[] };
}

export interface AwaitingItem extends AwaitingRow {
  /** what is awaited, in words */
  what: string;
}

/** Candidate deadlines one read takes; a team's worklist is far smaller. */
const MAX_CANDIDATES = 5000;
const DEFAULT_STATES: WorklistState[] = ['overdue', 'due_soon', 'upcoming'];

/**
 * What is due soon and overdue for the operations a user works on, over the pathway's stored deadlines.
 * Who sees what is the access layer's operation scope (the same rule as a person's timeline): admins
 * everything, everyone else the operations their organisation takes part in. Rows carry references only.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly repository: WorklistRepository,
    private readonly operations: OperationAccess,
    private readonly access: AccessService,
  ) {}

  async worklist(user: AuthUser, query: WorklistQuery, now = new Date()): Promise<Worklist> {
    if (query.operationId) await this.operations.visible(user, query.operationId);
    const horizonDays = query.horizonDays ?? DEFAULT_WORKLIST_WINDOW.horizonHours / 24;
    const metWithinDays = query.metWithinDays ?? DEFAULT_WORKLIST_WINDOW.metWithinHours / 24;
    const window = { now, horizonHours: horizonDays * 24, metWithinHours: metWithinDays * 24 };
    const operationIds = await this.access.operationScope(user);
    const { seq, rows, awaiting } = await this.repository.snapshot(async (manager) => ({
      seq: await this.repository.currentSeq(manager),
      rows: await this.repository.candidates(manager, {
        operationIds,
        operationId: query.operationId,
        localAuthorityCode: query.localAuthorityCode,
        kinds: query.kind,
        ...window,
        limit: MAX_CANDIDATES + 1,
      }),
      awaiting: await this.repository.awaitingOutcome(manager, {
        operationIds,
        operationId: query.operationId,
        localAuthorityCode: query.localAuthorityCode,
        limit: MAX_CANDIDATES,
      }),
    }));
    const placed = rows.slice(0, MAX_CANDIDATES).flatMap((row) => {
      const state = worklistState({ ...row, state: row.deadlineState }, window);
      return state ? [item(row, state)] : [];
    });
    const wanted = query.state?.length ? query.state : DEFAULT_STATES;
    const shown = placed
      .filter((i) => wanted.includes(i.state))
      .map((i) => ({ ...i, worklistState: i.state }))
      .sort(compareWorklist(query.sort, query.order))
      .map(({ worklistState: _s, ...i }) => i);
    const limit = query.limit ?? 200;
    const offset = Math.max(0, Number(decodeCursor<{ offset: number }>(query.cursor)?.offset ?? 0)) || 0;
    const page = shown.slice(offset, offset + limit);
    return {
      generatedAt: now,
      seq,
      window: { horizonDays, metWithinDays },
      counts: countWorklist(placed.map((i) => i.state)),
      items: page,
      nextCursor: offset + limit < shown.length ? encodeCursor({ offset: offset + limit }) : null,
      truncated: rows.length > MAX_CANDIDATES,
      awaiting: { count: awaiting.length, items: awaiting.map((a) => ({ ...a, what: awaitedWords(a) })) },
    };
  }
}

function item(row: WorklistRow, state: WorklistState): WorklistItem {
  return {
    deadlineId: row.deadlineId,
    personId: row.personId,
    reference: row.reference,
    personStage: row.personStage,
    operationId: row.operationId,
    operationName: row.operationName,
    operationCode: row.operationCode,
    localAuthorityCode: row.localAuthorityCode,
    kind: row.kind,
    what: worklistKindWords(row.kind),
    state,
    stateWords: WORKLIST_STATE_WORDS[state],
    dueAt: row.dueAt,
    dueSoonAt: row.dueSoonAt,
    metAt: state === 'met' ? row.stateChangedAt : null,
    rule: row.rule,
    policyVersion: row.policyVersion,
    effect: row.effect,
    explanation: row.explanation,
    source: row.source,
    caveat: row.caveat,
  };
}

const DECISION_WORDS: Record<string, string> = { reasonable_grounds: 'Reasonable Grounds', conclusive_grounds: 'Conclusive Grounds' };

function awaitedWords(a: AwaitingRow): string {
  return a.kind === 'reconsideration'
    ? `Reconsideration of the negative ${DECISION_WORDS[a.decisionKind ?? ''] ?? 'decision'} decision: awaiting the outcome`
    : 'Recovery Needs Assessment (or extension request): awaiting the outcome';
}
