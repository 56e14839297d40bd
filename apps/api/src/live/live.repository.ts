import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxRow } from './live-events';

interface RawOutboxRow {
  seq: string;
  type: string;
  at: Date;
  operation_id: string | null;
  local_authority_code: string | null;
  site_id: string | null;
  organisation_id: string | null;
  data: Record<string, unknown>;
}

const toRow = (r: RawOutboxRow): OutboxRow => ({
  seq: Number(r.seq),
  type: r.type,
  at: r.at,
  operationId: r.operation_id,
  localAuthorityCode: r.local_authority_code,
  siteId: r.site_id,
  organisationId: r.organisation_id,
  data: r.data,
});

const OUTBOX_COLUMNS = `seq, type, at, operation_id, local_authority_code, site_id, organisation_id, data`;

/** The shared advisory lock every outbox writer holds to the end of its transaction (migration 1764100005100). */
const WRITER_LOCK = `locktype = 'advisory' and classid = 1413829460 and objid = 1 and objsubid = 2
  and database = (select oid from pg_database where datname = current_database())`;

/** Every query of the live feature: reading the outbox, the relay's ordering checks, the area lookup. */
@Injectable()
export class LiveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The database URL, for the relay's own LISTEN connection (LISTEN needs a session of its own). */
  databaseUrl(): string {
    return (this.dataSource.options as { url: string }).url;
  }

  async databaseName(): Promise<string> {
    const [row] = await this.dataSource.query(`select current_database() as name`);
    return row.name;
  }

  /** Committed events after `seq`, in order (one statement, so one consistent snapshot). */
  async readAfter(seq: number, limit: number): Promise<OutboxRow[]> {
    const rows: RawOutboxRow[] = await this.dataSource.query(
      `select ${OUTBOX_COLUMNS} from outbox_event where seq > $1 order by seq limit $2`,
      [seq, limit],
    );
    return rows.map(toRow);
  }

  async highestSeq(): Promise<number> {
    const [row] = await this.dataSource.query(`select coalesce(max(seq), 0)::text as seq from outbox_event`);
    return Number(row.seq);
  }

  /**
   * The transactions that hold the outbox writers' advisory lock right now (see migration
   * 1764100005100): every transaction that has drawn a seq and not yet committed or rolled back.
   */
  async outboxWriters(): Promise<string[]> {
    const rows: Array<{ vxid: string }> = await this.dataSource.query(
      `select virtualtransaction as vxid from pg_locks
       where ${WRITER_LOCK} and pid is distinct from pg_backend_pid()`,
    );
    return rows.map((r) => r.vxid);
  }

  /** Are any of these outbox writers still running? */
  async anyStillWriting(writers: string[]): Promise<boolean> {
    if (writers.length === 0) return false;
    const [row] = await this.dataSource.query(
      `select exists (select 1 from pg_locks where ${WRITER_LOCK} and virtualtransaction = any($1::text[])) as writing`,
      [writers],
    );
    return row.writing;
  }

  /** Who they are, for the warning when a gap waits too long. */
  async describeWriters(writers: string[]): Promise<Array<{ pid: number; application: string; state: string; seconds: number }>> {
    return this.dataSource.query(
      `select a.pid, a.application_name as application, a.state,
              round(extract(epoch from now() - a.xact_start))::int as seconds
       from pg_stat_activity a
       where a.pid in (select pid from pg_locks where ${WRITER_LOCK} and virtualtransaction = any($1::text[]))
       order by a.xact_start`,
      [writers],
    );
  }

  /**
   * Ends those of these outbox writers that have sat idle in their transaction for at least `idleMs`
   * (what `idle_in_transaction_session_timeout` does to our own sessions, for any session, e.g. a
   * psql left open): their transaction rolls back, so the seq they drew will never exist and the feed
   * moves on. Returns who was ended, for the log. Needs the right to signal them (same role, superuser
   * or pg_signal_backend).
   */
  async endIdleWriters(
    writers: string[],
    idleMs: number,
  ): Promise<Array<{ pid: number; application: string; user: string; client: string | null; idleSeconds: number; ended: boolean }>> {
    if (writers.length === 0) return [];
    return this.dataSource.query(
      `select a.pid, a.application_name as application, a.usename as user, a.client_addr::text as client,
              round(extract(epoch from now() - a.state_change))::int as "idleSeconds",
              pg_terminate_backend(a.pid) as ended
       from pg_stat_activity a
       where a.pid in (select pid from pg_locks where ${WRITER_LOCK} and virtualtransaction = any($1::text[]))
         and a.state in ('idle in transaction', 'idle in transaction (aborted)')
         and a.state_change < now() - make_interval(secs => $2::float8 / 1000)`,
      [writers, idleMs],
    );
  }

  /** The first event after `seq`, to tell whether a resume reaches back further than the window. */
  async firstAfter(seq: number): Promise<{ seq: number; at: Date } | null> {
    const [row] = await this.dataSource.query(
      `select seq::text as seq, at from outbox_event where seq > $1 order by seq limit 1`,
      [seq],
    );
    return row ? { seq: Number(row.seq), at: row.at } : null;
  }

  /** Events in (after, upTo] for the given operations and areas, in order; at most `limit`. */
  async eventsFor(
    target: { operationIds: string[]; areaCodes: string[] },
    after: number,
    upTo: number,
    limit: number,
  ): Promise<OutboxRow[]> {
    const rows: RawOutboxRow[] = await this.dataSource.query(
      `select ${OUTBOX_COLUMNS} from outbox_event
       where seq > $1 and seq <= $2
         and (operation_id = any($3::uuid[]) or local_authority_code = any($4::text[]))
       order by seq
       limit $5`,
      [after, upTo, target.operationIds, target.areaCodes, limit],
    );
    return rows.map(toRow);
  }

  /** Deletes events older than the retention; one server at a time does it (advisory lock). */
  async pruneOlderThan(days: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `select pg_try_advisory_xact_lock(hashtext('safe-harbour:outbox-retention')) as locked`,
      );
      if (!locked) return 0;
      const [{ count }] = await manager.query(
        `with gone as (delete from outbox_event where at < now() - make_interval(days => $1) returning 1)
         select count(*)::int as count from gone`,
        [days],
      );
      return count;
    });
  }

  /**
   * Where a snapshot read through `manager` stands in the stream: the highest seq it can see, and the
   * seqs below it it cannot see yet (still in flight, or rolled back) above `finalUpTo`.
   */
  async positionIn(manager: EntityManager, finalUpTo: number): Promise<{ seq: number; pending: number[] }> {
    const [row] = await manager.query(
      `with head as (select coalesce(max(seq), 0) as seq from outbox_event)
       select head.seq::text as seq,
              coalesce((select array_agg(g::text order by g)
                        from generate_series(greatest($1::bigint, head.seq - 10000) + 1, head.seq) g
                        where not exists (select 1 from outbox_event e where e.seq = g)), '{}') as pending
       from head`,
      [finalUpTo],
    );
    return { seq: Number(row.seq), pending: (row.pending as string[]).map(Number) };
  }
}
