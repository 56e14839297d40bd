import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every transaction that writes to the outbox announces itself, before it draws its seq, by taking a
 * shared transaction-level advisory lock (key 1413829460, 1) that it holds until it commits or rolls back.
 *
 * The relay uses this to tell a seq that is still in flight from one that rolled back: at a gap it notes
 * which transactions hold the lock (pg_locks, `virtualtransaction`) and waits for exactly those to end.
 * Advisory locks belong to one database, so only this database's outbox writers are waited for — not every
 * write transaction on the server, as the transaction-id horizon of 1764100005000 had to (an idle
 * transaction in another database on a shared server could hold the live feed back indefinitely).
 *
 * Shared locks never wait for each other; nothing in the application takes this lock exclusively.
 */
export class LiveOutboxWriters1764100005100 implements MigrationInterface {
  name = 'LiveOutboxWriters1764100005100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create or replace function outbox_event_assign_seq() returns trigger language plpgsql as $$
      begin
        -- Order matters: announce the writer first, then draw the seq (see the migration's comment).
        perform pg_advisory_xact_lock_shared(1413829460, 1);
        new.xid := pg_current_xact_id();
        new.seq := nextval('outbox_event_seq_seq');
        return new;
      end $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      create or replace function outbox_event_assign_seq() returns trigger language plpgsql as $$
      begin
        new.xid := pg_current_xact_id();
        new.seq := nextval('outbox_event_seq_seq');
        return new;
      end $$`);
  }
}
