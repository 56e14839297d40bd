import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/roles';
import { decodeCursor, Page, toPage } from '../common/pagination';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface Actor {
  user?: AuthUser | null;
  requestId?: string;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * The audit trail. Writes are recorded through the caller's transaction manager so that the audit row
 * commits or rolls back with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager | null, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, actor, [entry]);
  }

  async recordMany(manager: EntityManager | null, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const m = manager ?? this.dataSource.manager;
    await m.query(
      `insert into audit_event (actor_user_id, actor_organisation_id, action, entity_type, entity_id, request_id, details)
       select $1, $2, e.action, e.entity_type, e.entity_id, $3, e.details
       from jsonb_to_recordset($4::jsonb) as e(action text, entity_type text, entity_id text, details jsonb)`,
      [
        actor.user?.id ?? null,
        actor.user?.organisationId ?? null,
        actor.requestId ?? null,
        JSON.stringify(
          entries.map((e) => ({
            action: e.action,
            entity_type: e.entityType,
            entity_id: e.entityId ?? null,
            details: e.details ?? {},
          })),
        ),
      ],
    );
  }

  async list(query: AuditQuery): Promise<Page<Record<string, unknown>>> {
    const limit = query.limit ?? 100;
    const after = decodeCursor<{ id: string }>(query.cursor);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `select id::text, at, actor_user_id as "actorUserId", actor_organisation_id as "actorOrganisationId",
              action, entity_type as "entityType", entity_id as "entityId", request_id as "requestId", details
       from audit_event
       where ($1::text is null or entity_type = $1)
         and ($2::text is null or entity_id = $2)
         and ($3::uuid is null or actor_user_id = $3)
         and ($4::text is null or action = $4)
         and ($5::timestamptz is null or at >= $5)
         and ($6::timestamptz is null or at < $6)
         and ($7::bigint is null or id < $7)
       order by id desc
       limit $8`,
      [
        query.entityType ?? null,
        query.entityId ?? null,
        query.actorUserId ?? null,
        query.action ?? null,
        query.from ?? null,
        query.to ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    return toPage(rows, limit, (last) => ({ id: last.id }));
  }
}
