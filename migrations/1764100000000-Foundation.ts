import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, users, the append-only audit trail, idempotency records and the transactional outbox
 * that every later feature writes its events to.
 */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`create extension if not exists btree_gist`);

    await db.query(`
      create table organisation (
        id uuid primary key default gen_random_uuid(),
        name text not null check (length(btrim(name)) between 1 and 200),
        kind text not null check (kind in ('council','police','health','ngo','other')),
        local_authority_code text check (local_authority_code ~ '^[A-Z][0-9]{8}$'),
        created_at timestamptz not null default now()
      )`);
    await db.query(`create unique index organisation_name_key on organisation (lower(name))`);

    await db.query(`
      create table app_user (
        id uuid primary key default gen_random_uuid(),
        email text not null check (email = lower(email) and email like '%_@_%'),
        password_hash text not null,
        display_name text not null check (length(btrim(display_name)) between 1 and 200),
        organisation_id uuid not null references organisation(id),
        roles text[] not null check (
          cardinality(roles) > 0
          and roles <@ array['admin','emergency_planner','housing_officer','operation_lead','partner']::text[]
        ),
        active boolean not null default true,
        created_at timestamptz not null default now()
      )`);
    await db.query(`create unique index app_user_email_key on app_user (email)`);
    await db.query(`create index app_user_organisation_idx on app_user (organisation_id)`);

    // Who did what to which record, and when. Append-only: the trigger refuses UPDATE, DELETE and
    // TRUNCATE for every role, the application's included (a REVOKE alone does not bind the table owner).
    await db.query(`
      create table audit_event (
        id bigserial primary key,
        at timestamptz not null default now(),
        actor_user_id uuid references app_user(id),
        actor_organisation_id uuid references organisation(id),
        action text not null,
        entity_type text not null,
        entity_id text,
        request_id text,
        details jsonb not null default '{}'::jsonb
      )`);
    await db.query(`create index audit_event_entity_idx on audit_event (entity_type, entity_id, at)`);
    await db.query(`create index audit_event_actor_idx on audit_event (actor_user_id, at)`);
    await db.query(`create index audit_event_at_idx on audit_event (at)`);
    await db.query(`
      create function audit_event_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % refused', tg_op using errcode = '42501';
      end $$`);
    await db.query(`
      create trigger audit_event_no_update_delete before update or delete on audit_event
      for each row execute function audit_event_is_append_only()`);
    await db.query(`
      create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_is_append_only()`);
    await db.query(`revoke update, delete, truncate on audit_event from public`);

    // A create request retried with the same Idempotency-Key gets the first response back.
    await db.query(`
      create table idempotency_record (
        user_id uuid not null references app_user(id),
        key text not null check (length(key) between 1 and 200),
        method text not null,
        path text not null,
        request_hash text not null,
        status_code int,
        response jsonb,
        created_at timestamptz not null default now(),
        primary key (user_id, key)
      )`);

    // Transactional outbox: an event is inserted in the same transaction as the change it describes, so
    // a rolled-back change has no event and a committed one is never lost. NOTIFY only wakes the relay.
    await db.query(`
      create table outbox_event (
        seq bigserial primary key,
        type text not null,
        at timestamptz not null default now(),
        operation_id uuid,
        local_authority_code text,
        site_id uuid,
        organisation_id uuid,
        data jsonb not null default '{}'::jsonb
      )`);
    await db.query(`create index outbox_event_operation_idx on outbox_event (operation_id, seq)`);
    await db.query(`create index outbox_event_area_idx on outbox_event (local_authority_code, seq)`);
    await db.query(`
      create function outbox_event_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('outbox_event', new.seq::text);
        return null;
      end $$`);
    await db.query(`
      create trigger outbox_event_notify after insert on outbox_event
      for each row execute function outbox_event_notify()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists outbox_event`);
    await db.query(`drop function if exists outbox_event_notify()`);
    await db.query(`drop table if exists idempotency_record`);
    await db.query(`drop table if exists audit_event`);
    await db.query(`drop function if exists audit_event_is_append_only()`);
    await db.query(`drop table if exists app_user`);
    await db.query(`drop table if exists organisation`);
  }
}
