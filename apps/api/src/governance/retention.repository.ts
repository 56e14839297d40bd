import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface RetentionCandidate {
  personId: string;
  reference: string;
  exitedAt: Date | null;
  operationClosedAt: Date | null;
  held: boolean;
}

export interface RetentionRunRow {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  trigger: 'schedule' | 'admin';
  startedBy: string | null;
  startedByName: string | null;
  schedule: Record<string, string>;
  peopleAnonymised: number;
  peopleHeld: number;
  idempotencyRecordsDeleted: number;
}

export interface RetentionRunItem {
  personId: string;
  reference: string;
  outcome: 'anonymised' | 'held';
  dueAt: Date;
}

const RUN_COLUMNS = `r.id, r.started_at as "startedAt", r.finished_at as "finishedAt", r.trigger, r.started_by as "startedBy",
  u.display_name as "startedByName", r.schedule, r.people_anonymised as "peopleAnonymised", r.people_held as "peopleHeld",
  r.idempotency_records_deleted as "idempotencyRecordsDeleted"`;

/**
 * Free text and locations written about a person, and what each becomes. Identifiers here are constants of
 * this file, never input. A column a reason is required for keeps a placeholder so its CHECK still holds.
 */
export const ANONYMISED_COLUMNS: Array<{ table: string; column: string; value: string }> = [
  { table: 'person', column: 'triage_notes', value: 'null' },
  { table: 'person', column: 'keep_away_from', value: `'[]'::jsonb` },
  { table: 'placement', column: 'non_arrival_reason', value: 'null' },
  { table: 'placement', column: 'move_on_destination', value: 'null' },
  { table: 'placement', column: 'override_reason', value: `'[anonymised]'` },
  { table: 'disqualification', column: 'risk_notes', value: 'null' },
];

/** All SQL of retention: who may be due, anonymising, deleting stored responses, and the run reports. */
@Injectable()
export class RetentionRepository {
  /** One run at a time across every server: a second caller gets false instead of waiting. */
  async tryLock(m: EntityManager): Promise<boolean> {
    const [row] = await m.query(`select pg_try_advisory_xact_lock(hashtext('safe-harbour:retention-run')) as locked`);
    return row.locked;
  }

  async startRun(m: EntityManager, trigger: 'schedule' | 'admin', startedBy: string | null, schedule: Record<string, string>): Promise<string> {
    const [row] = await m.query(`insert into retention_run (trigger, started_by, schedule) values ($1, $2, $3::jsonb) returning id`, [
      trigger,
      startedBy,
      JSON.stringify(schedule),
    ]);
    return row.id;
  }

  /**
   * People not yet anonymised whose exit (or, never exited, their operation's close) is on or before
   * `cutoff`, with whether a live legal hold covers them or their operation. The caller decides each one.
   */
  async personCandidates(m: EntityManager, cutoff: Date): Promise<RetentionCandidate[]> {
    return m.query(
      `select p.id as "personId", p.reference, p.exited_at as "exitedAt", o.closed_at as "operationClosedAt",
              exists (select 1 from legal_hold h
                      where h.released_at is null and (h.person_id = p.id or h.operation_id = p.operation_id)) as held
       from person p join operation o on o.id = p.operation_id
       where p.anonymised_at is null and coalesce(p.exited_at, o.closed_at) <= $1
       order by p.id
       for update of p`,
      [cutoff],
    );
  }

  /**
   * Names, date of birth, aliases and the free text written about them go; the row and its categories
   * (sex, age category, stage, outcomes) stay, so the statistics count them as before. Columns of
   * ANONYMISED_COLUMNS that this database does not have yet (a later feature's) are skipped.
   */
  async anonymise(m: EntityManager, personIds: string[]): Promise<void> {
    if (personIds.length === 0) return;
    await m.query(
      `update person_identity set given_name = null, family_name = null, date_of_birth = null, aliases = '{}', updated_at = now()
       where person_id = any($1::uuid[])`,
      [personIds],
    );
    const present = await m.query(
      `select table_name || '.' || column_name as name from information_schema.columns
       where table_schema = current_schema() and table_name || '.' || column_name = any($1::text[])`,
      [ANONYMISED_COLUMNS.map((c) => `${c.table}.${c.column}`)],
    );
    const existing = new Set(present.map((r: { name: string }) => r.name));
    for (const c of ANONYMISED_COLUMNS.filter((c) => existing.has(`${c.table}.${c.column}`))) {
      const key = c.table === 'person' ? 'id' : 'person_id';
      await m.query(`update ${c.table} set ${c.column} = ${c.value} where ${key} = any($1::uuid[]) and ${c.column} is not null`, [personIds]);
    }
    await m.query(`update person set anonymised_at = now() where id = any($1::uuid[])`, [personIds]);
  }

  async recordItems(m: EntityManager, runId: string, items: RetentionRunItem[]): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `insert into retention_run_item (run_id, person_id, reference, outcome, due_at)
       select $1, i.person_id, i.reference, i.outcome, i.due_at
       from jsonb_to_recordset($2::jsonb) as i(person_id uuid, reference text, outcome text, due_at timestamptz)`,
      [runId, JSON.stringify(items.map((i) => ({ person_id: i.personId, reference: i.reference, outcome: i.outcome, due_at: i.dueAt })))],
    );
  }

  /** Stored responses repeat what the first response said (safe-house addresses included). */
  async deleteIdempotencyRecords(m: EntityManager, storedBefore: Date): Promise<number> {
    const rows = await m.query(`delete from idempotency_record where created_at <= $1 returning 1`, [storedBefore]);
    return rows.length;
  }

  async finishRun(m: EntityManager, runId: string, counts: { anonymised: number; held: number; idempotency: number }): Promise<void> {
    await m.query(
      `update retention_run set finished_at = now(), people_anonymised = $2, people_held = $3, idempotency_records_deleted = $4 where id = $1`,
      [runId, counts.anonymised, counts.held, counts.idempotency],
    );
  }

  async findRun(m: EntityManager, id: string): Promise<RetentionRunRow | null> {
    const rows = await m.query(`select ${RUN_COLUMNS} from retention_run r left join app_user u on u.id = r.started_by where r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async runItems(m: EntityManager, runId: string): Promise<RetentionRunItem[]> {
    return m.query(
      `select person_id as "personId", reference, outcome, due_at as "dueAt" from retention_run_item where run_id = $1 order by outcome, reference`,
      [runId],
    );
  }

  async listRuns(m: EntityManager, after: { startedAt: string; id: string } | undefined, limit: number): Promise<Array<RetentionRunRow & { cursorAt: string }>> {
    return m.query(
      `select ${RUN_COLUMNS}, to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
       from retention_run r left join app_user u on u.id = r.started_by
       where ($1::timestamptz is null or (r.started_at, r.id) < ($1::timestamptz, $2::uuid))
       order by r.started_at desc, r.id desc limit $3`,
      [after?.startedAt ?? null, after?.id ?? null, limit],
    );
  }
}
