import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations, their reception centres and agency roster, and the people registered at the centre.
 *
 * - `operation.next_person_seq` is the only source of reference numbers: registration takes it with
 *   `update ... returning` (a row lock), so concurrent registrations never share a number, and since it
 *   only ever goes up a reference is never given twice.
 * - Personal data (names, date of birth, aliases) lives in `person_identity`, apart from the operational
 *   record, so that everything else (dashboards, events, reporting) can work without ever touching it.
 * - A venue cannot be booked by two operations for overlapping windows (exclusion constraint).
 * - `person.keep_apart` is what placement reads to never put a suspect or a flagged controller with
 *   victims of the same operation.
 * - A person's group and the person they were merged into belong to the same operation (composite FKs).
 */
export class Operations1764100002000 implements MigrationInterface {
  name = 'Operations1764100002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table operation (
        id uuid primary key default gen_random_uuid(),
        code text not null check (code ~ '^[A-Z]{3,6}$'),
        name text not null check (length(btrim(name)) between 1 and 200),
        lead_organisation_id uuid not null references organisation(id),
        local_authority_code text not null check (local_authority_code ~ '^[A-Z][0-9]{8}$'),
        planned_start timestamptz not null,
        expected_people integer not null check (expected_people between 0 and 5000),
        exploitation_latitude double precision check (exploitation_latitude between -90 and 90),
        exploitation_longitude double precision check (exploitation_longitude between -180 and 180),
        status text not null default 'planning' check (status in ('planning','active','stood_down','closed')),
        next_person_seq integer not null default 1 check (next_person_seq >= 1),
        is_demo boolean not null default false,
        created_by uuid references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        activated_at timestamptz,
        stood_down_at timestamptz,
        closed_at timestamptz,
        constraint operation_exploitation_both_or_neither
          check ((exploitation_latitude is null) = (exploitation_longitude is null))
      )`);
    await db.query(`create unique index operation_code_key on operation (code)`);
    await db.query(`create index operation_lead_organisation_idx on operation (lead_organisation_id, created_at)`);
    await db.query(`create index operation_area_idx on operation (local_authority_code, status)`);

    await db.query(`
      create table reception_centre (
        id uuid primary key default gen_random_uuid(),
        operation_id uuid not null references operation(id),
        site_id uuid not null references site(id),
        opens_at timestamptz not null,
        closes_at timestamptz not null,
        created_by uuid references app_user(id),
        created_at timestamptz not null default now(),
        constraint reception_centre_closes_after_opening check (closes_at > opens_at),
        constraint reception_centre_no_double_booking
          exclude using gist (site_id with =, tstzrange(opens_at, closes_at) with &&)
      )`);
    await db.query(`create index reception_centre_operation_idx on reception_centre (operation_id)`);

    await db.query(`
      create table operation_agency (
        id uuid primary key default gen_random_uuid(),
        operation_id uuid not null references operation(id),
        organisation_id uuid not null references organisation(id),
        attendance text not null check (attendance in ('present','on_call')),
        contact_name text not null check (length(btrim(contact_name)) between 1 and 200),
        contact_phone text not null check (contact_phone ~ '^\\+?[0-9 ()-]{6,25}$'),
        on_site_from timestamptz,
        on_site_until timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint operation_agency_once_per_operation unique (operation_id, organisation_id),
        constraint operation_agency_until_after_from check (on_site_until > on_site_from)
      )`);
    // "Which operations is my organisation on?" for visibility checks on every request.
    await db.query(`create index operation_agency_organisation_idx on operation_agency (organisation_id, operation_id)`);

    await db.query(`
      create table person_group (
        id uuid primary key default gen_random_uuid(),
        operation_id uuid not null references operation(id),
        kind text not null check (kind in ('family','travelled_together')),
        label text not null check (length(btrim(label)) between 1 and 100),
        created_by uuid references app_user(id),
        created_at timestamptz not null default now(),
        constraint person_group_id_operation_key unique (id, operation_id)
      )`);
    await db.query(`create unique index person_group_label_key on person_group (operation_id, lower(label))`);

    await db.query(`
      create table person (
        id uuid primary key default gen_random_uuid(),
        operation_id uuid not null references operation(id),
        seq integer not null check (seq >= 1),
        reference text not null check (reference ~ '^[A-Z]{3,6}-[0-9]{3,}$'),
        sex text not null check (sex in ('female','male','other','unknown')),
        age_category text not null check (age_category in ('adult','child','age_disputed')),
        nationality text check (length(btrim(nationality)) between 1 and 100),
        languages text[] not null default '{}' check (cardinality(languages) <= 20),
        interpreter_needed boolean not null default false,
        needs jsonb not null default '{}'::jsonb check (jsonb_typeof(needs) = 'object'),
        group_id uuid,
        possible_controller boolean not null default false,
        triage_outcome text check (triage_outcome in ('potential_victim','suspect','witness','not_victim')),
        triage_notes text check (length(triage_notes) <= 2000),
        triaged_by uuid references app_user(id),
        triaged_at timestamptz,
        children_services_referred boolean not null default false,
        stage text not null default 'encountered',
        stage_since timestamptz not null default now(),
        awaiting_bed_since timestamptz,
        registered_by uuid references app_user(id),
        registered_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        merged_into_person_id uuid,
        merged_at timestamptz,
        keep_apart boolean generated always as (coalesce(triage_outcome = 'suspect', false) or possible_controller) stored,
        constraint person_id_operation_key unique (id, operation_id),
        constraint person_seq_key unique (operation_id, seq),
        constraint person_reference_key unique (operation_id, reference),
        constraint person_group_same_operation_fkey foreign key (group_id, operation_id) references person_group (id, operation_id),
        constraint person_merged_same_operation_fkey foreign key (merged_into_person_id, operation_id) references person (id, operation_id),
        constraint person_not_merged_into_self check (merged_into_person_id <> id),
        constraint person_merged_at_with_target check ((merged_into_person_id is null) = (merged_at is null)),
        constraint person_triage_complete check ((triage_outcome is null) = (triaged_at is null)),
        -- children and age-disputed people are referred to children's services the moment they are registered
        constraint person_child_referred check (age_category = 'adult' or children_services_referred),
        constraint person_stage_check check (stage in (
          'encountered','pre_nrm','children_services','awaiting_rg','recovery_period','move_on',
          'duty_to_notify','missing','exited'))
      )`);
    await db.query(`create index person_operation_stage_idx on person (operation_id, stage) where merged_into_person_id is null`);
    await db.query(`create index person_awaiting_bed_idx on person (operation_id, awaiting_bed_since) where awaiting_bed_since is not null and merged_into_person_id is null`);
    await db.query(`create index person_keep_apart_idx on person (operation_id) where keep_apart`);

    // Personal data, apart. Every read of it is audited as `read_personal_data` by the application.
    await db.query(`
      create table person_identity (
        person_id uuid primary key references person(id),
        given_name text check (length(btrim(given_name)) between 1 and 200),
        family_name text check (length(btrim(family_name)) between 1 and 200),
        date_of_birth date,
        aliases text[] not null default '{}' check (cardinality(aliases) <= 50),
        updated_at timestamptz not null default now()
      )`);

    await db.query(`
      create table station_task (
        person_id uuid not null references person(id),
        station text not null check (station in ('interpreter','police_debrief','health_check','first_responder','housing_needs','welfare')),
        status text not null default 'queued' check (status in ('queued','in_progress','done')),
        updated_by uuid references app_user(id),
        queued_at timestamptz not null default now(),
        started_at timestamptz,
        done_at timestamptz,
        primary key (person_id, station),
        constraint station_task_started check (status = 'queued' or started_at is not null or done_at is not null),
        constraint station_task_done check ((status = 'done') = (done_at is not null))
      )`);
    await db.query(`create index station_task_queue_idx on station_task (station, status, queued_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists station_task`);
    await db.query(`drop table if exists person_identity`);
    await db.query(`drop table if exists person`);
    await db.query(`drop table if exists person_group`);
    await db.query(`drop table if exists operation_agency`);
    await db.query(`drop table if exists reception_centre`);
    await db.query(`drop table if exists operation`);
  }
}
