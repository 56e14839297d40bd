import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records become claims that can be taken over and records that expire (issue 18, fault 3).
 *
 * A request claims its key (`claim_token`, `claimed_at`) before it runs; its response is written in the
 * same transaction as its change, and only by the holder of the claim, so a committed change always has
 * its stored response. A claim with no response older than IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS belonged to
 * a request that died (its change rolled back with it) and may be taken over by a retry. Records older
 * than IDEMPOTENCY_RETENTION_HOURS are deleted (`created_at` index). Existing claims that never got a
 * response are stuck for good today: they get a token and become stale claims like any other.
 */
export class IdempotencyClaims1764200800000 implements MigrationInterface {
  name = 'IdempotencyClaims1764200800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table idempotency_record
        add column claim_token uuid not null default gen_random_uuid(),
        add column claimed_at timestamptz not null default now(),
        add column completed_at timestamptz`);
    await db.query(`update idempotency_record set claimed_at = created_at, completed_at = case when status_code is not null then created_at end`);
    await db.query(`alter table idempotency_record alter column claim_token drop default`);
    await db.query(`
      alter table idempotency_record add constraint idempotency_record_completed_has_response
        check ((status_code is null) = (completed_at is null))`);
    await db.query(`create index idempotency_record_created_at_idx on idempotency_record (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index idempotency_record_created_at_idx`);
    await db.query(`alter table idempotency_record drop constraint idempotency_record_completed_has_response`);
    await db.query(`alter table idempotency_record drop column completed_at, drop column claimed_at, drop column claim_token`);
  }
}
