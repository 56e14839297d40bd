import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findPersonalData } from './live-events';

export interface OutboxEventInput {
  type: string;
  operationId?: string | null;
  localAuthorityCode?: string | null;
  siteId?: string | null;
  organisationId?: string | null;
  /** Pseudonymous references only: never names, dates of birth or site addresses. */
  data: Record<string, unknown>;
}

/**
 * Services record events here inside their own transaction; the relay (outbox-relay.service.ts)
 * publishes them to socket.io after commit. `type` should be one of LIVE_EVENT_TYPES.
 */
@Injectable()
export class OutboxService {
  async emit(manager: EntityManager, ...events: OutboxEventInput[]): Promise<void> {
    if (events.length === 0) return;
    for (const e of events) {
      // A programming error, refused loudly so that the feature's own tests catch it: the live feed
      // fans out to everyone watching an area and must never carry names, dates of birth or addresses.
      const found = findPersonalData(e.data);
      if (found) throw new Error(`Outbox event ${e.type} carries personal data (${found}): use pseudonymous references`);
    }
    await manager.query(
      `insert into outbox_event (type, operation_id, local_authority_code, site_id, organisation_id, data)
       select e.type, e.operation_id, e.local_authority_code, e.site_id, e.organisation_id, e.data
       from jsonb_to_recordset($1::jsonb)
         as e(type text, operation_id uuid, local_authority_code text, site_id uuid, organisation_id uuid, data jsonb)`,
      [
        JSON.stringify(
          events.map((e) => ({
            type: e.type,
            operation_id: e.operationId ?? null,
            local_authority_code: e.localAuthorityCode ?? null,
            site_id: e.siteId ?? null,
            organisation_id: e.organisationId ?? null,
            data: e.data,
          })),
        ),
      ],
    );
  }
}
