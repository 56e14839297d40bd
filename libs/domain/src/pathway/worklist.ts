import { deadlineKindWords, deadlineStatus } from './deadlines';

/**
 * The team's worklist: what of the pathway's deadlines needs someone now. It is read over the stored
 * deadlines whatever their kind, so a new kind of deadline (a reconsideration, turning 18, an RNA) appears
 * here as soon as the pathway starts recording it, with no case of its own.
 *
 * - `overdue`   past its due time and not met
 * - `due_soon`  inside the policy's "due soon" window (24 hours by default) and not met
 * - `upcoming`  due within the worklist's horizon (7 days by default): on the horizon, nothing to do yet
 * - `met`       the pathway moved past it recently (within the worklist's look-back): cleared
 *
 * A deadline withdrawn by a correction (`cancelled`) is nobody's work and never shown; nor is one due
 * beyond the horizon, or met before the look-back.
 */
export const WORKLIST_STATES = ['overdue', 'due_soon', 'upcoming', 'met'] as const;
export type WorklistState = (typeof WORKLIST_STATES)[number];

export type StoredDeadlineState = 'pending' | 'due_soon' | 'overdue' | 'met' | 'cancelled';

export interface WorklistDeadline {
  state: StoredDeadlineState;
  dueAt: Date;
  dueSoonAt: Date;
  /** when the stored state last changed: for a met deadline, when it was met */
  stateChangedAt: Date;
}

export interface WorklistWindow {
  now: Date;
  /** live deadlines due within this many hours of `now` are shown as upcoming */
  horizonHours: number;
  /** deadlines met within this many hours before `now` are shown as met */
  metWithinHours: number;
}

export const DEFAULT_WORKLIST_WINDOW = { horizonHours: 7 * 24, metWithinHours: 7 * 24 } as const;

const H = 3_600_000;
const RANK: Record<WorklistState, number> = { overdue: 0, due_soon: 1, upcoming: 2, met: 3 };
const LIVE_RANK: Record<'pending' | 'due_soon' | 'overdue', number> = { pending: 0, due_soon: 1, overdue: 2 };

/**
 * Where one deadline stands on the worklist at `window.now`, or null when it is not on it. The clock
 * decides, not only the stored state: the watcher moves stored states on a timer, and a worklist read
 * between two ticks must still show a deadline that has just passed as overdue. A stored state already
 * further on than the clock (the watcher ran on a clock slightly ahead) is kept: states only move forward.
 */
export function worklistState(deadline: WorklistDeadline, window: WorklistWindow): WorklistState | null {
  const now = window.now.getTime();
  switch (deadline.state) {
    case 'cancelled':
      return null;
    case 'met':
      return deadline.stateChangedAt.getTime() >= now - window.metWithinHours * H ? 'met' : null;
    default: {
      const byClock = deadlineStatus(deadline, window.now);
      const live = LIVE_RANK[deadline.state] > LIVE_RANK[byClock] ? deadline.state : byClock;
      if (live === 'overdue') return 'overdue';
      if (live === 'due_soon') return 'due_soon';
      return deadline.dueAt.getTime() <= now + window.horizonHours * H ? 'upcoming' : null;
    }
  }
}

export type WorklistCounts = Record<WorklistState, number>;

export function countWorklist(states: Iterable<WorklistState>): WorklistCounts {
  const counts: WorklistCounts = { overdue: 0, due_soon: 0, upcoming: 0, met: 0 };
  for (const s of states) counts[s]++;
  return counts;
}

export const WORKLIST_SORTS = ['urgency', 'due', 'reference', 'kind', 'operation'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface WorklistSortable {
  worklistState: WorklistState;
  dueAt: Date;
  reference: string;
  kind: string;
  operationName: string;
}

/**
 * Orders worklist items. `urgency` (the default): overdue, then due soon, then upcoming, then met, each
 * soonest first; the others sort by that column and break ties by due time then reference, so the order
 * is always the same for the same items.
 */
export function compareWorklist(sort: WorklistSort = 'urgency', order: SortOrder = 'asc') {
  const sign = order === 'desc' ? -1 : 1;
  const text = (a: string, b: string) => a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' });
  const tie = (a: WorklistSortable, b: WorklistSortable) => a.dueAt.getTime() - b.dueAt.getTime() || text(a.reference, b.reference) || text(a.kind, b.kind);
  return (a: WorklistSortable, b: WorklistSortable): number => {
    let primary = 0;
    switch (sort) {
      case 'urgency':
        primary = RANK[a.worklistState] - RANK[b.worklistState];
        break;
      case 'due':
        primary = a.dueAt.getTime() - b.dueAt.getTime();
        break;
      case 'reference':
        primary = text(a.reference, b.reference);
        break;
      case 'kind':
        primary = text(worklistKindWords(a.kind), worklistKindWords(b.kind));
        break;
      case 'operation':
        primary = text(a.operationName, b.operationName);
        break;
    }
    return sign * primary || tie(a, b);
  };
}

export const WORKLIST_STATE_WORDS: Record<WorklistState, string> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  upcoming: 'Coming up',
  met: 'Met',
};

/** What a deadline is, in words; a kind the words do not know yet reads from its name ("turns_18" -> "Turns 18"). */
export function worklistKindWords(kind: string): string {
  const known = deadlineKindWords(kind);
  if (known) return known;
  const words = kind.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
