import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administration and data protection (issue 17): one-time password reset codes, an audit index for reading
 * newest first, legal holds, retention runs and what each anonymised.
 */
export class AdminGovernance1764200700000 implements MigrationInterface {
  name = 'AdminGovernance1764200700000';

  async up(db: QueryRunner): Promise<void> {
    // The first-sign-in flag belongs to the web sign-in work (issue 14); a reset sets it too. `if not exists`
    // lets either migration come first.
    await db.query(`alter table app_user add column if not exists must_change_password boolean not null default false`);

    // Only a hash of the code is kept: whoever reads this table cannot redeem a code with it.
    await db.query(`
      create table password_reset (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references app_user(id),
        code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
        issued_by uuid references app_user(id),
        issued_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz,
        revoked_at timestamptz,
        constraint password_reset_expires_after_issue check (expires_at > issued_at),
        constraint password_reset_used_or_revoked check (used_at is null or revoked_at is null)
      )`);
    await db.query(`create unique index password_reset_code_key on password_reset (code_hash)`);
    // At most one code a user can still redeem: issuing a new one revokes the old one first.
    await db.query(`create unique index password_reset_one_open on password_reset (user_id) where used_at is null and revoked_at is null`);

    // Newest first by time, ties by id: the keyset the audit list pages on.
    await db.query(`create index audit_event_at_id_idx on audit_event (at desc, id desc)`);
    await db.query(`create index audit_event_actor_org_idx on audit_event (actor_organisation_id, at)`);

    await db.query(`alter table person add column anonymised_at timestamptz`);

    // A legal hold (a live police investigation, a claim) stops retention for one person or a whole operation.
    await db.query(`
      create table legal_hold (
        id uuid primary key default gen_random_uuid(),
        person_id uuid references person(id),
        operation_id uuid references operation(id),
        reason text not null check (length(btrim(reason)) between 1 and 500),
        placed_by uuid references app_user(id),
        placed_at timestamptz not null default now(),
        released_by uuid references app_user(id),
        released_at timestamptz,
        constraint legal_hold_one_subject check ((person_id is null) <> (operation_id is null)),
        constraint legal_hold_released_after_placed check (released_at is null or released_at >= placed_at)
      )`);
    await db.query(`create index legal_hold_person_idx on legal_hold (person_id) where released_at is null`);
    await db.query(`create index legal_hold_operation_idx on legal_hold (operation_id) where released_at is null`);

    await db.query(`
      create table retention_run (
        id uuid primary key default gen_random_uuid(),
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        trigger text not null check (trigger in ('schedule','admin')),
        started_by uuid references app_user(id),
        schedule jsonb not null check (jsonb_typeof(schedule) = 'object'),
        people_anonymised integer not null default 0 check (people_anonymised >= 0),
        people_held integer not null default 0 check (people_held >= 0),
        idempotency_records_deleted integer not null default 0 check (idempotency_records_deleted >= 0)
      )`);
    await db.query(`create index retention_run_started_idx on retention_run (started_at desc, id desc)`);
    // What a run did to whom, by pseudonymous reference: the report an information governance lead reads.
    await db.query(`
      create table retention_run_item (
        run_id uuid not null references retention_run(id),
        person_id uuid not null references person(id),
        reference text not null,
        outcome text not null check (outcome in ('anonymised','held')),
        due_at timestamptz not null,
        primary key (run_id, person_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists retention_run_item`);
    await db.query(`drop table if exists retention_run`);
    await db.query(`drop table if exists legal_hold`);
    await db.query(`alter table person drop column if exists anonymised_at`);
    await db.query(`drop index if exists audit_event_actor_org_idx`);
    await db.query(`drop index if exists audit_event_at_id_idx`);
    await db.query(`drop table if exists password_reset`);
    // must_change_password is left in place: the sign-in work (issue 14) may rely on it.
  }
}
