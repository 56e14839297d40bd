import { BedStatus, IN_USE_BED_STATUSES, OFFICER_BED_STATUSES, OUT_OF_SERVICE_REASONS, OutOfServiceReason } from './vocabulary';

export interface BedState {
  status: BedStatus;
  outOfServiceReason: OutOfServiceReason | null;
}

export interface BedStatusRequest {
  status: string;
  reason?: string | null;
}

export type BedStatusDecision =
  | { outcome: 'change'; from: BedState; to: BedState }
  | { outcome: 'unchanged'; state: BedState }
  /** The request itself is wrong whatever the bed's state: 400. */
  | { outcome: 'invalid'; code: 'STATUS_SET_BY_PLACEMENT' | 'UNKNOWN_STATUS' | 'REASON_REQUIRED' | 'REASON_NOT_ALLOWED' | 'UNKNOWN_REASON'; message: string }
  /** The request is fine but the bed's current state forbids it: 409. */
  | { outcome: 'conflict'; code: 'BED_IN_USE'; message: string };

/**
 * What an officer's PATCH does to a bed. Officers set available, out_of_service (with a reason) and
 * closed; reserved and occupied follow from placements, and a bed someone holds or sleeps in cannot be
 * taken away from them by hand (the placement must end or move first).
 */
export function decideBedStatusChange(current: BedState, request: BedStatusRequest): BedStatusDecision {
  const status = request.status;
  const reason = request.reason ?? null;
  if (IN_USE_BED_STATUSES.includes(status as BedStatus)) {
    return {
      outcome: 'invalid',
      code: 'STATUS_SET_BY_PLACEMENT',
      message: `status ${status} cannot be set by hand: it follows from placements`,
    };
  }
  if (!(OFFICER_BED_STATUSES as readonly string[]).includes(status)) {
    return { outcome: 'invalid', code: 'UNKNOWN_STATUS', message: `status must be one of ${OFFICER_BED_STATUSES.join(', ')}` };
  }
  if (status === 'out_of_service') {
    if (reason === null) {
      return {
        outcome: 'invalid',
        code: 'REASON_REQUIRED',
        message: `a bed out of service needs a reason: ${OUT_OF_SERVICE_REASONS.join(', ')}`,
      };
    }
    if (!(OUT_OF_SERVICE_REASONS as readonly string[]).includes(reason)) {
      return { outcome: 'invalid', code: 'UNKNOWN_REASON', message: `reason must be one of ${OUT_OF_SERVICE_REASONS.join(', ')}` };
    }
  } else if (reason !== null) {
    return { outcome: 'invalid', code: 'REASON_NOT_ALLOWED', message: 'a reason is given only when putting a bed out of service' };
  }

  if (IN_USE_BED_STATUSES.includes(current.status)) {
    return {
      outcome: 'conflict',
      code: 'BED_IN_USE',
      message: `the bed is ${current.status}: end or move the placement before changing it`,
    };
  }
  const to: BedState = { status: status as BedStatus, outOfServiceReason: (reason as OutOfServiceReason | null) };
  if (to.status === current.status && to.outOfServiceReason === current.outOfServiceReason) {
    return { outcome: 'unchanged', state: current };
  }
  return { outcome: 'change', from: current, to };
}
