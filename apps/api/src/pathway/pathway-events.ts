import { OutboxEventInput } from '../live/outbox.service';

/**
 * Event types the pathway writes to the outbox. Payloads carry ids, references, stages and deadline facts
 * only: never names, dates of birth, addresses or free text.
 */
export type PathwayEventType =
  | 'person.stage_changed'
  | 'person.missing'
  | 'person.found'
  | 'deadline.created'
  | 'deadline.due_soon'
  | 'deadline.overdue'
  | 'deadline.closed';

export interface PathwayScope {
  operationId: string;
  localAuthorityCode: string;
  leadOrganisationId: string;
}

/** Addressed to the person's operation and area, like every other event about people. */
export function pathwayEvent(scope: PathwayScope, type: PathwayEventType, data: Record<string, unknown>): OutboxEventInput {
  return {
    type,
    operationId: scope.operationId,
    localAuthorityCode: scope.localAuthorityCode,
    organisationId: scope.leadOrganisationId,
    data: { operationId: scope.operationId, ...data },
  };
}

export function deadlineData(
  d: { id: string; kind: string; dueAt: Date; rule: string; policyVersion: string; effect: string },
  person: { id: string; reference: string },
  state: string,
): Record<string, unknown> {
  return {
    deadlineId: d.id,
    personId: person.id,
    reference: person.reference,
    kind: d.kind,
    dueAt: d.dueAt.toISOString(),
    rule: d.rule,
    policyVersion: d.policyVersion,
    effect: d.effect,
    state,
  };
}
