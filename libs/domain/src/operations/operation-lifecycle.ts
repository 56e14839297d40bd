/**
 * An operation's life: planned with the police, active on the day, stood down when the last person has
 * left the reception centre's care, closed when the paperwork is done. Only these moves exist, in this
 * order; anything else is refused so a mistaken click cannot re-open a closed operation.
 */
export const OPERATION_STATUSES = ['planning', 'active', 'stood_down', 'closed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

const NEXT: Record<OperationStatus, OperationStatus | null> = {
  planning: 'active',
  active: 'stood_down',
  stood_down: 'closed',
  closed: null,
};

export type LifecycleResult =
  | { ok: true; from: OperationStatus; to: OperationStatus }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'PEOPLE_STILL_IN_CENTRE'; reason: string };

export interface CloseContext {
  /** People of this operation still sleeping in (or holding) one of its reception centre's own beds. */
  peopleInCentreBeds: number;
}

export function canMoveOperation(from: OperationStatus, to: OperationStatus): boolean {
  return NEXT[from] === to;
}

export function moveOperation(from: OperationStatus, to: OperationStatus, context: CloseContext): LifecycleResult {
  if (!canMoveOperation(from, to)) {
    const allowed = NEXT[from];
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: allowed
        ? `An operation that is ${from} can only move to ${allowed}, not ${to}`
        : `A closed operation cannot change status`,
    };
  }
  if (to === 'closed' && context.peopleInCentreBeds > 0) {
    return {
      ok: false,
      code: 'PEOPLE_STILL_IN_CENTRE',
      reason: `${context.peopleInCentreBeds} bed(s) in the reception centre are still held by people from this operation: move them on first`,
    };
  }
  return { ok: true, from, to };
}

/** New people can be registered before the day (a planned raid) and on the day, never once stood down. */
export function acceptsRegistrations(status: OperationStatus): boolean {
  return status === 'planning' || status === 'active';
}

/** People already registered can still be triaged and seen through the stations while the centre winds down. */
export function acceptsPeopleWork(status: OperationStatus): boolean {
  return status !== 'closed';
}
