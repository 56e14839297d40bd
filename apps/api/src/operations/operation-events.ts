import { OutboxEventInput } from '../live/outbox.service';

/**
 * Event types this feature writes to the outbox. Payloads carry ids, references and codes only: never
 * names, dates of birth, addresses, contact details or free-text notes.
 */
export type OperationEventType =
  | 'operation.created'
  | 'operation.updated'
  | 'agency.updated'
  | 'group.created'
  | 'person.registered'
  | 'person.updated'
  | 'person.triaged'
  | 'person.stage_changed'
  | 'person.merged'
  | 'station.updated';

interface OperationScope {
  id: string;
  localAuthorityCode: string;
  leadOrganisationId: string;
}

/** Every event is addressed to the operation and its area, so both kinds of live subscription receive it. */
export function operationEvent(
  op: OperationScope,
  type: OperationEventType,
  data: Record<string, unknown>,
  siteId?: string,
): OutboxEventInput {
  return {
    type,
    operationId: op.id,
    localAuthorityCode: op.localAuthorityCode,
    organisationId: op.leadOrganisationId,
    siteId: siteId ?? null,
    data: { operationId: op.id, ...data },
  };
}
