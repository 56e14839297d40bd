import { Deadline, DeadlineStatus, deadlineStatus } from '@safe-harbour/domain';

export const LIVE_DEADLINE_STATES = ['pending', 'due_soon', 'overdue'] as const;
export type LiveDeadlineState = (typeof LIVE_DEADLINE_STATES)[number];
export type DeadlineState = LiveDeadlineState | 'met' | 'cancelled';

export interface LiveDeadline {
  id: string;
  kind: string;
  dueAt: Date;
  rule: string;
  policyVersion: string;
  state: LiveDeadlineState;
}

export interface DeadlinePlan<T extends LiveDeadline> {
  keep: T[];
  close: Array<{ deadline: T; state: 'met' | 'cancelled' }>;
  create: Array<{ deadline: Deadline; state: DeadlineStatus }>;
}

const sameDeadline = (row: LiveDeadline, d: Deadline) =>
  row.kind === d.kind && row.dueAt.getTime() === d.dueAt.getTime() && row.rule === d.rule && row.policyVersion === d.policyVersion;

/**
 * What to do with a person's stored live deadlines once the pathway has moved: keep those still due (so
 * the watcher's state and events carry on), close the rest, create the new ones in the state they are
 * already in at `now` (a fact recorded late may start a deadline that is already overdue).
 *
 * A closed deadline is `met` when the pathway moved past it, and `cancelled` when it was withdrawn: by a
 * correction (`withdrawn`), or replaced by a deadline of the same kind with another date.
 */
export function planDeadlines<T extends LiveDeadline>(live: T[], wanted: Deadline[], now: Date, withdrawn = false): DeadlinePlan<T> {
  const plan: DeadlinePlan<T> = { keep: [], close: [], create: [] };
  const matched = new Set<Deadline>();
  for (const row of live) {
    const same = wanted.find((d) => !matched.has(d) && sameDeadline(row, d));
    if (same) {
      matched.add(same);
      plan.keep.push(row);
    } else {
      const replaced = wanted.some((d) => d.kind === row.kind);
      plan.close.push({ deadline: row, state: withdrawn || replaced ? 'cancelled' : 'met' });
    }
  }
  for (const d of wanted) if (!matched.has(d)) plan.create.push({ deadline: d, state: deadlineStatus(d, now) });
  return plan;
}

const RANK: Record<LiveDeadlineState, number> = { pending: 0, due_soon: 1, overdue: 2 };

/** The watcher only ever moves a deadline forward, so a late or early clock can never raise a state twice. */
export function nextDeadlineState(
  current: LiveDeadlineState,
  deadline: { dueAt: Date; dueSoonAt: Date },
  now: Date,
): LiveDeadlineState | null {
  const at = deadlineStatus(deadline, now);
  return RANK[at] > RANK[current] ? at : null;
}
