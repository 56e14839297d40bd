import { Injectable } from '@nestjs/common';
import { BedStatus, OutOfServiceReason } from '@safe-harbour/domain';
import { EntityManager } from 'typeorm';

export interface BedRecord {
  id: string;
  siteId: string;
  roomId: string | null;
  roomName: string | null;
  label: string;
  status: BedStatus;
  outOfServiceReason: OutOfServiceReason | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BedStatusEventRecord {
  id: string;
  bedId: string;
  fromStatus: BedStatus | null;
  toStatus: BedStatus;
  reason: string | null;
  actorUserId: string | null;
  at: Date;
}

/** The departure that put a bed out for cleaning, and who was responsible for the person who left. */
export interface DepartureRecord {
  placementId: string;
  operationId: string | null;
  endedAt: string;
  /** The placing officer's organisation and the operation's lead organisation. */
  organisationIds: string[];
}

export interface TurnaroundRecord {
  bedId: string;
  bedLabel: string;
  roomName: string | null;
  siteId: string;
  siteName: string;
  siteType: string;
  organisationId: string;
  localAuthorityCode: string;
  /** When the bed went out for cleaning. */
  since: Date;
  waitingMinutes: number;
  departure: DepartureRecord | null;
}

const BED_COLUMNS = `b.id, b.site_id as "siteId", b.room_id as "roomId", r.name as "roomName", b.label, b.status,
  b.out_of_service_reason as "outOfServiceReason", b.created_at as "createdAt", b.updated_at as "updatedAt"`;

/** All SQL about beds and their status history. */
@Injectable()
export class BedsRepository {
  /**
   * Name who changes beds in this transaction, and why, for the history trigger (bed_status_event).
   * Transaction-local: it ends with the transaction.
   */
  async describeChange(manager: EntityManager, actorUserId: string | null | undefined, reason: string | null): Promise<void> {
    await manager.query(
      `select set_config('safe_harbour.actor_user_id', $1, true), set_config('safe_harbour.status_reason', $2, true)`,
      [actorUserId ?? '', reason ?? ''],
    );
  }

  async insertBeds(manager: EntityManager, beds: Array<{ siteId: string; roomId: string | null; label: string }>): Promise<BedRecord[]> {
    if (beds.length === 0) return [];
    return manager.query(
      `with b as (
         insert into bed (site_id, room_id, label)
         select x.site_id, x.room_id, btrim(x.label) from jsonb_to_recordset($1::jsonb) as x(site_id uuid, room_id uuid, label text)
         on conflict do nothing
         returning *
       )
       select ${BED_COLUMNS} from b left join room r on r.id = b.room_id`,
      [JSON.stringify(beds.map((b) => ({ site_id: b.siteId, room_id: b.roomId, label: b.label })))],
    );
  }

  async findById(manager: EntityManager, id: string, lock = false): Promise<BedRecord | null> {
    const rows = await manager.query(
      `select ${BED_COLUMNS} from bed b left join room r on r.id = b.room_id where b.id = $1 ${lock ? 'for update of b' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async labelsOfSites(manager: EntityManager, siteIds: string[]): Promise<Array<{ siteId: string; label: string }>> {
    if (siteIds.length === 0) return [];
    return manager.query(`select site_id as "siteId", label from bed where site_id = any($1::uuid[])`, [siteIds]);
  }

  async listForSite(
    manager: EntityManager,
    siteId: string,
    q: { status?: string; after?: { label: string; id: string }; limit: number },
  ): Promise<BedRecord[]> {
    return manager.query(
      `select ${BED_COLUMNS} from bed b left join room r on r.id = b.room_id
       where b.site_id = $1
         and ($2::text is null or b.status = $2)
         and ($3::text is null or (lower(b.label), b.id) > ($3, $4::uuid))
       order by lower(b.label), b.id
       limit $5`,
      [siteId, q.status ?? null, q.after?.label ?? null, q.after?.id ?? null, q.limit + 1],
    );
  }

  async setStatus(manager: EntityManager, id: string, status: BedStatus, reason: OutOfServiceReason | null): Promise<BedRecord> {
    await manager.query(`update bed set status = $2, out_of_service_reason = $3, updated_at = now() where id = $1`, [id, status, reason]);
    return (await this.findById(manager, id))!;
  }

  async history(manager: EntityManager, bedId: string, q: { afterId?: string; limit: number }): Promise<BedStatusEventRecord[]> {
    return manager.query(
      `select id::text, bed_id as "bedId", from_status as "fromStatus", to_status as "toStatus", reason,
              actor_user_id as "actorUserId", at
       from bed_status_event
       where bed_id = $1 and ($2::bigint is null or id > $2)
       order by id
       limit $3`,
      [bedId, q.afterId ?? null, q.limit + 1],
    );
  }

  /**
   * The departure behind a bed's cleaning: only when the bed's latest change was a placement leaving it
   * (occupied or reserved -> out of service), so a bed an officer took out by hand has none.
   */
  async lastDeparture(manager: EntityManager, bedId: string): Promise<DepartureRecord | null> {
    const rows = await manager.query(`${DEPARTURE_SQL} where b.id = $1`, [bedId]);
    return rows[0]?.departure ?? null;
  }

  /**
   * Beds out for cleaning, oldest first, with their departure. Narrowed to the sites of one organisation
   * or the departures of its people (null: every bed, for admins); the access rule then decides per bed.
   */
  async turnaround(manager: EntityManager, q: { organisationId: string | null; localAuthorityCode?: string; limit: number }): Promise<TurnaroundRecord[]> {
    return manager.query(
      `${TURNAROUND_SQL}
       where ($1::text is null or x."localAuthorityCode" = $1)
         and ($2::uuid is null or x."organisationId" = $2 or (x.departure->'organisationIds') ? $2::text)
       order by x.since, x."siteName", x."bedLabel"
       limit $3`,
      [q.localAuthorityCode ?? null, q.organisationId, q.limit],
    );
  }
}

/** The latest ended placement on the bed, when the bed's latest status change was that departure. */
const DEPARTURE_LATERAL = `left join lateral (
    select jsonb_build_object(
             'placementId', p.id, 'operationId', p.operation_id, 'endedAt', p.ended_at,
             'organisationIds', array_remove(array[u.organisation_id, o.lead_organisation_id], null)) as departure
    from placement p
    left join app_user u on u.id = p.created_by
    left join operation o on o.id = p.operation_id
    where p.bed_id = b.id and p.status = 'ended' and p.end_reason is distinct from 'non_arrival'
      and (select e.from_status in ('occupied','reserved') and e.to_status = 'out_of_service'
           from bed_status_event e where e.bed_id = b.id order by e.id desc limit 1)
    order by p.ended_at desc, p.updated_at desc
    limit 1
  ) d on true`;

const DEPARTURE_SQL = `select d.departure from bed b ${DEPARTURE_LATERAL}`;

const TURNAROUND_SQL = `select x.*, floor(extract(epoch from now() - x.since) / 60)::int as "waitingMinutes"
  from (
    select b.id as "bedId", b.label as "bedLabel", r.name as "roomName", s.id as "siteId", s.name as "siteName",
           s.type as "siteType", s.organisation_id as "organisationId", s.local_authority_code as "localAuthorityCode",
           -- waiting since the person left (a departure may be recorded after the fact), else since it went out
           coalesce((d.departure->>'endedAt')::timestamptz,
                    (select e.at from bed_status_event e where e.bed_id = b.id order by e.id desc limit 1),
                    b.updated_at) as since,
           d.departure
    from bed b
    join site s on s.id = b.site_id
    left join room r on r.id = b.room_id
    ${DEPARTURE_LATERAL}
    where b.status = 'out_of_service' and b.out_of_service_reason = 'cleaning'
  ) x`;
