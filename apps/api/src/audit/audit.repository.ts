import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEntry } from './audit.service';

export interface AuditFilter {
  /** A person's pseudonymous reference (RAV-007): rows about that person, or that name it in their details. */
  personReference?: string;
  entityType?: string;
  entityId?: string;
  /** The user who acted. */
  actorUserId?: string;
  /** The organisation the acting user belonged to when they acted. */
  organisationId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  personReference: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  /** `at` to the microsecond, for the keyset cursor (a JavaScript Date keeps only milliseconds). */
  cursorAt: string;
}

/** All SQL on the audit trail. The table is append-only (a trigger refuses UPDATE and DELETE). */
@Injectable()
export class AuditRepository {
  async insert(
    m: EntityManager,
    actorUserId: string | null,
    actorOrganisationId: string | null,
    requestId: string | null,
    entries: AuditEntry[],
  ): Promise<void> {
    await m.query(
      `insert into audit_event (actor_user_id, actor_organisation_id, action, entity_type, entity_id, request_id, details)
       select $1, $2, e.action, e.entity_type, e.entity_id, $3, e.details
       from jsonb_to_recordset($4::jsonb) as e(action text, entity_type text, entity_id text, details jsonb)`,
      [
        actorUserId,
        actorOrganisationId,
        requestId,
        JSON.stringify(
          entries.map((e) => ({ action: e.action, entity_type: e.entityType, entity_id: e.entityId ?? null, details: e.details ?? {} })),
        ),
      ],
    );
  }

  /**
   * One page newest first: `(at, id) < (cursor)` on the (at desc, id desc) index. Rows sharing an instant
   * are ordered by id, so a page that ends inside a run of equal timestamps resumes exactly after its last row.
   */
  async page(m: EntityManager, f: AuditFilter, after: { at: string; id: string } | undefined, limit: number): Promise<AuditRow[]> {
    const rows: Array<AuditRow & { id: string }> = await m.query(
      `select e.id::text as id, e.at, e.actor_user_id as "actorUserId", u.display_name as "actorName",
              e.actor_organisation_id as "actorOrganisationId", o.name as "actorOrganisationName",
              e.action, e.entity_type as "entityType", e.entity_id as "entityId",
              coalesce(p.reference, e.details ->> 'reference') as "personReference",
              e.request_id as "requestId", e.details,
              to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
       from audit_event e
       left join app_user u on u.id = e.actor_user_id
       left join organisation o on o.id = e.actor_organisation_id
       left join person p on p.id = case when e.entity_type = 'person' then e.entity_id::uuid end
       where ($1::text is null
              or e.details ->> 'reference' = $1
              or (e.entity_type = 'person' and e.entity_id in (select x.id::text from person x where x.reference = $1)))
         and ($2::text is null or e.entity_type = $2)
         and ($3::text is null or e.entity_id = $3)
         and ($4::uuid is null or e.actor_user_id = $4)
         and ($5::uuid is null or e.actor_organisation_id = $5)
         and ($6::text is null or e.action = $6)
         and ($7::timestamptz is null or e.at >= $7)
         and ($8::timestamptz is null or e.at < $8)
         and ($9::timestamptz is null or (e.at, e.id) < ($9::timestamptz, $10::bigint))
       order by e.at desc, e.id desc
       limit $11`,
      [
        f.personReference?.trim().toUpperCase() || null,
        f.entityType ?? null,
        f.entityId ?? null,
        f.actorUserId ?? null,
        f.organisationId ?? null,
        f.action ?? null,
        f.from ?? null,
        f.to ?? null,
        after?.at ?? null,
        after?.id ?? null,
        limit,
      ],
    );
    return rows;
  }

  /** Who read a person's record (personal data, exports), newest first. */
  async readsOfPerson(m: EntityManager, personId: string, limit: number): Promise<AuditRow[]> {
    return m.query(
      `select e.id::text as id, e.at, e.actor_user_id as "actorUserId", u.display_name as "actorName",
              e.actor_organisation_id as "actorOrganisationId", o.name as "actorOrganisationName",
              e.action, e.entity_type as "entityType", e.entity_id as "entityId", e.details ->> 'reference' as "personReference",
              e.request_id as "requestId", e.details,
              to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
       from audit_event e
       left join app_user u on u.id = e.actor_user_id
       left join organisation o on o.id = e.actor_organisation_id
       where e.entity_type = 'person' and e.entity_id = $1 and e.action = any($2::text[])
       order by e.at desc, e.id desc
       limit $3`,
      [personId, READ_ACTIONS, limit],
    );
  }
}

/** The audit actions that mean someone saw a person's personal data. */
export const READ_ACTIONS = ['read_personal_data', 'subject_access_export'];
