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
}
