import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface AgreementRow {
  id: string;
  kind: string;
  organisationIds: string[];
  from: Date;
  until: Date | null;
  reference: string;
  scope: Record<string, unknown>;
  inForce: boolean;
  createdAt: Date;
}

const COLUMNS = `g.id, g.kind,
  array(select p.organisation_id from agreement_party p where p.agreement_id = g.id order by p.organisation_id) as "organisationIds",
  g.valid_from as "from", g.valid_until as "until", g.reference, g.scope,
  (g.valid_from <= now() and (g.valid_until is null or g.valid_until > now())) as "inForce", g.created_at as "createdAt"`;

@Injectable()
export class AgreementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organisationKinds(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await manager.query(`select id, kind from organisation where id = any($1::uuid[])`, [ids]);
    return new Map(rows.map((r: { id: string; kind: string }) => [r.id, r.kind]));
  }

  async sitesOutside(manager: EntityManager, siteIds: string[], organisationIds: string[]): Promise<string[]> {
    const rows = await manager.query(
      `select x.id from unnest($1::uuid[]) as x(id) left join site s on s.id = x.id
       where s.id is null or s.organisation_id <> all($2::uuid[])`,
      [siteIds, organisationIds],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async operationExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query(`select 1 from operation where id = $1`, [id]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    a: { kind: string; organisationIds: string[]; from: string; until: string | null; reference: string; scope: Record<string, unknown>; createdBy: string },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into agreement (kind, valid_from, valid_until, reference, scope, created_by) values ($1, $2, $3, $4, $5::jsonb, $6) returning id`,
      [a.kind, a.from, a.until, a.reference.trim(), JSON.stringify(a.scope), a.createdBy],
    );
    await manager.query(`insert into agreement_party (agreement_id, organisation_id) select $1, unnest($2::uuid[])`, [row.id, a.organisationIds]);
    return row.id;
  }

  async get(manager: EntityManager, id: string): Promise<AgreementRow> {
    const [row] = await manager.query(`select ${COLUMNS} from agreement g where g.id = $1`, [id]);
    return row;
  }

  /** Agreements `organisationId` is party to (all for null), newest first. */
  async list(organisationId: string | null, kind: string | null, limit: number, after?: { createdAt: string; id: string }): Promise<AgreementRow[]> {
    return this.dataSource.query(
      `select ${COLUMNS} from agreement g
       where ($1::uuid is null or exists (select 1 from agreement_party p where p.agreement_id = g.id and p.organisation_id = $1))
         and ($2::text is null or g.kind = $2)
         and ($3::timestamptz is null or (g.created_at, g.id) < ($3::timestamptz, $4::uuid))
       order by g.created_at desc, g.id desc limit $5`,
      [organisationId, kind, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
  }
}
