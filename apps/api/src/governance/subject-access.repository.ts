import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { READ_ACTIONS } from '../audit/audit.repository';

/**
 * Tables left out of a subject access export, with the reason given in the export:
 * a legal hold (and the retention report that shows one) can reveal a live criminal investigation
 * (Data Protection Act 2018, Schedule 2 paragraph 2: crime and taxation).
 */
export const WITHHELD_TABLES: Record<string, string> = {
  legal_hold: 'Whether a legal hold applies is withheld where telling could prejudice the prevention or detection of crime (DPA 2018 Sch. 2 para. 2).',
  retention_run_item: 'Retention reports are withheld with legal holds, which they could reveal.',
};

export interface PersonOfOperation {
  personId: string;
  givenName: string | null;
  familyName: string | null;
  aliases: string[];
}

/** SQL of the subject access export: everything keyed to a person, found from the schema itself. */
@Injectable()
export class SubjectAccessRepository {
  /**
   * Every table with a `person_id` column: what a later feature adds about people is exported without this
   * code knowing of it.
   */
  async tablesAboutPeople(m: EntityManager): Promise<string[]> {
    const rows = await m.query(
      `select c.table_name as name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = current_schema() and c.column_name = 'person_id'
       order by c.table_name`,
    );
    return rows.map((r: { name: string }) => r.name);
  }

  async rowsOf(m: EntityManager, table: string, personIds: string[]): Promise<Array<Record<string, unknown>>> {
    const rows = await m.query(`select to_jsonb(x) as row from "${table.replace(/"/g, '""')}" x where x.person_id = any($1::uuid[])`, [personIds]);
    return rows.map((r: { row: Record<string, unknown> }) => r.row);
  }

  async person(m: EntityManager, personId: string): Promise<Record<string, unknown> | null> {
    const [row] = await m.query(`select to_jsonb(p) as row from person p where p.id = $1`, [personId]);
    return row?.row ?? null;
  }

  /** The person and every registration merged with them (one human, two records). */
  async sameHuman(m: EntityManager, personId: string): Promise<string[]> {
    const rows = await m.query(
      `select id from person where id = $1 or merged_into_person_id = $1
       or id = (select merged_into_person_id from person where id = $1)`,
      [personId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async othersOfOperation(m: EntityManager, operationId: string, except: string[]): Promise<PersonOfOperation[]> {
    return m.query(
      `select i.person_id as "personId", i.given_name as "givenName", i.family_name as "familyName", i.aliases
       from person p join person_identity i on i.person_id = p.id
       where p.operation_id = $1 and p.id <> all($2::uuid[])`,
      [operationId, except],
    );
  }

  async group(m: EntityManager, groupId: string, except: string[]): Promise<{ kind: string; label: string; otherMembers: number } | null> {
    const [row] = await m.query(
      `select g.kind, g.label, (select count(*)::int from person p where p.group_id = g.id and p.id <> all($2::uuid[])) as "otherMembers"
       from person_group g where g.id = $1`,
      [groupId, except],
    );
    return row ?? null;
  }

  async sites(m: EntityManager, siteIds: string[]): Promise<Map<string, { name: string; type: string }>> {
    if (siteIds.length === 0) return new Map();
    const rows = await m.query(`select id, name, type from site where id = any($1::uuid[])`, [siteIds]);
    return new Map(rows.map((r: { id: string; name: string; type: string }) => [r.id, { name: r.name, type: r.type }]));
  }

  /** The organisation of each member of staff, which the export gives in place of their name. */
  async staffOrganisations(m: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await m.query(`select u.id, o.name from app_user u join organisation o on o.id = u.organisation_id where u.id = any($1::uuid[])`, [userIds]);
    return new Map(rows.map((r: { id: string; name: string }) => [r.id, r.name]));
  }

  async organisationNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await m.query(`select id, name from organisation where id = any($1::uuid[])`, [ids]);
    return new Map(rows.map((r: { id: string; name: string }) => [r.id, r.name]));
  }

  async reads(m: EntityManager, personIds: string[]): Promise<Array<{ at: Date; action: string; organisationName: string | null }>> {
    return m.query(
      `select e.at, e.action, o.name as "organisationName"
       from audit_event e left join organisation o on o.id = e.actor_organisation_id
       where e.entity_type = 'person' and e.entity_id = any($1::text[]) and e.action = any($2::text[])
       order by e.at desc, e.id desc`,
      [personIds, READ_ACTIONS],
    );
  }
}
