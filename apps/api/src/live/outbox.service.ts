import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface OutboxEventInput {
  type: string;
  operationId?: string | null;
  localAuthorityCode?: string | null;
  siteId?: string | null;
  organisationId?: string | null;
  /** Pseudonymous references only: never names, dates of birth or site addresses. */
  data: Record<string, unknown>;
}

/** Services record events here inside their own transaction; the relay publishes them after commit. */
@Injectable()
export class OutboxService {
  async emit(manager: EntityManager, ...events: OutboxEventInput[]): Promise<void> {
    if (events.length === 0) return;
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
