import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the outbox safe to relay in `seq` order across concurrent writers.
 *
 * `seq` comes from a sequence, so it is handed out at insert time, not at commit: seq 11 can become
 * visible while seq 10 is still in flight (or about to roll back), and the relay must never step over a
 * seq that may still commit. Here the seq is drawn by a BEFORE INSERT trigger instead of the column
 * default, so that the trigger controls what happens before it is drawn, and the writer's transaction id
 * is recorded in `xid` (to tie an event to its transaction when diagnosing). How the relay tells "in
 * flight" from "rolled back": migration 1764100005100 and apps/api/src/live/outbox-relay.service.ts.
 *
 * The sequence must keep CACHE 1 (the default): with a per-session cache, seqs would no longer follow
 * the order in which they were drawn.
 */
export class LiveOutbox1764100005000 implements MigrationInterface {
  name = 'LiveOutbox1764100005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table outbox_event add column xid xid8`);
    await db.query(`update outbox_event set xid = '0'::xid8 where xid is null`);
    await db.query(`alter table outbox_event alter column xid set not null`);
    await db.query(`alter table outbox_event alter column seq drop default`);
    await db.query(`alter sequence outbox_event_seq_seq cache 1`);
    await db.query(`
      create function outbox_event_assign_seq() returns trigger language plpgsql as $$
      begin
        -- Order matters: the transaction id first, then the seq (see the migration's comment).
        new.xid := pg_current_xact_id();
        new.seq := nextval('outbox_event_seq_seq');
        return new;
      end $$`);
    await db.query(`
      create trigger outbox_event_assign_seq before insert on outbox_event
      for each row execute function outbox_event_assign_seq()`);
    // Resume and retention look events up by time.
    await db.query(`create index outbox_event_at_idx on outbox_event (at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists outbox_event_at_idx`);
    await db.query(`drop trigger if exists outbox_event_assign_seq on outbox_event`);
    await db.query(`drop function if exists outbox_event_assign_seq()`);
    await db.query(`alter table outbox_event alter column seq set default nextval('outbox_event_seq_seq')`);
    await db.query(`alter table outbox_event drop column if exists xid`);
  }
}
