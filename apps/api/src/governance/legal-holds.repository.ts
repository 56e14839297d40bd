import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface LegalHoldRow {
  id: string;
  personId: string | null;
  personReference: string | null;
  operationId: string | null;
  operationName: string | null;
  reason: string;
  placedBy: string | null;
  placedByName: string | null;
  placedAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
}

const COLUMNS = `h.id, h.person_id as "personId", p.reference as "personReference", h.operation_id as "operationId",
  o.name as "operationName", h.reason, h.placed_by as "placedBy", u.display_name as "placedByName", h.placed_at as "placedAt",
  h.released_by as "releasedBy", h.released_at as "releasedAt"`;
const FROM = `legal_hold h left join person p on p.id = h.person_id left join operation o on o.id = h.operation_id
  left join app_user u on u.id = h.placed_by`;

/** SQL of legal holds: a hold on a person or an operation stops retention until it is released. */
@Injectable()
export class LegalHoldsRepository {
  async insert(m: EntityManager, hold: { personId: string | null; operationId: string | null; reason: string; placedBy: string }): Promise<LegalHoldRow> {
    const [row] = await m.query(
      `insert into legal_hold (person_id, operation_id, reason, placed_by) values ($1, $2, $3, $4) returning id`,
      [hold.personId, hold.operationId, hold.reason.trim(), hold.placedBy],
    );
    return (await this.find(m, row.id))!;
  }

  async findPerson(m: EntityManager, id: string | null, reference: string | null): Promise<{ id: string; anonymisedAt: Date | null } | null> {
    const rows = await m.query(
      `select id, anonymised_at as "anonymisedAt" from person where ($1::uuid is not null and id = $1) or ($2::text is not null and reference = $2) limit 1`,
      [id, reference],
    );
    return rows[0] ?? null;
  }

  async operationExists(m: EntityManager, id: string): Promise<boolean> {
    return (await m.query(`select 1 from operation where id = $1`, [id])).length > 0;
  }

  async find(m: EntityManager, id: string, lock = false): Promise<LegalHoldRow | null> {
    const rows = await m.query(`select ${COLUMNS} from ${FROM} where h.id = $1 ${lock ? 'for update of h' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async release(m: EntityManager, id: string, releasedBy: string): Promise<LegalHoldRow> {
    await m.query(`update legal_hold set released_at = now(), released_by = $2 where id = $1`, [id, releasedBy]);
    return (await this.find(m, id))!;
  }

  async list(m: EntityManager, filter: { active?: boolean; personId?: string; operationId?: string }): Promise<LegalHoldRow[]> {
    return m.query(
      `select ${COLUMNS} from ${FROM}
       where ($1::boolean is null or (h.released_at is null) = $1)
         and ($2::uuid is null or h.person_id = $2 or h.operation_id = (select x.operation_id from person x where x.id = $2))
         and ($3::uuid is null or h.operation_id = $3 or p.operation_id = $3)
       order by h.placed_at desc, h.id desc
       limit 500`,
      [filter.active ?? null, filter.personId ?? null, filter.operationId ?? null],
    );
  }
}
