import { MigrationInterface, QueryRunner } from 'typeorm';

const PATHWAY_STAGES = `'encountered','not_potential_victim','pre_nrm','children_services','duty_to_notify','awaiting_rg',
  'recovery_period','move_on','missing','exited'`;
const EXIT_OUTCOMES = `'settled_accommodation','returned_home','declined_support','support_ended','transferred_out_of_area',
  'children_services_care','not_found','detained','other'`;
const DEADLINE_KINDS = `'pre_nrm_accommodation_ends','rg_decision_expected','recovery_period_minimum_ends','move_on_ends','bed_hold_ends'`;
const RULE_NAMES = `'pre_nrm_accommodation','rg_decision_target','recovery_period_minimum','move_on_after_positive_cg',
  'move_on_after_negative_decision','missing_bed_hold'`;
const DEADLINE_EFFECTS = `'decision_target','minimum_period_ends','support_ends','bed_released'`;
const BASIS_EVENTS = `'identified_as_potential_victim','assessed_as_adult','nrm_referral_submitted','positive_reasonable_grounds',
  'negative_reasonable_grounds','positive_conclusive_grounds','negative_conclusive_grounds','reported_missing'`;

/**
 * The NRM pathway: the history of facts, the records they create (referrals, decisions, missing episodes,
 * exit) and the deadlines computed from them.
 *
 * - `pathway_event` is the history and the source of truth: the state is rebuilt by replaying its facts
 *   through the pure model (`replayPathway`); `person.stage` is kept in step in the same transaction.
 *   Its stages are the model's, so `not_potential_victim` appears here while `person.stage` shows
 *   `encountered` for such a person (the operations vocabulary).
 * - `deadline` rows are live (`pending`, `due_soon`, `overdue`) until the pathway moves past them (`met`)
 *   or a correction withdraws them (`cancelled`); a partial unique index keeps one live deadline of each
 *   kind per person, whatever the application does. The watcher moves `state` forward only, so each state
 *   change is raised once.
 * - A referral of each kind, a decision of each kind, and one open missing episode per person at most.
 * - Backfill: people triaged before this migration get their triage as the first fact of their history
 *   (deadlines follow with the next fact recorded for them).
 */
export class Pathway1764100003000 implements MigrationInterface {
  name = 'Pathway1764100003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table person
        add column exited_at timestamptz,
        add column exit_outcome text check (exit_outcome in (${EXIT_OUTCOMES})),
        add constraint person_exit_complete check ((exited_at is null) = (exit_outcome is null)),
        add constraint person_exit_stage check ((exited_at is null) = (stage <> 'exited'))`);

    await db.query(`
      create table pathway_event (
        id bigserial primary key,
        person_id uuid not null references person(id),
        fact jsonb not null check (jsonb_typeof(fact) = 'object' and fact ? 'type'),
        fact_type text generated always as (fact ->> 'type') stored
          check (fact_type in ('triage','age_assessed','referral','decision','missing','found','exit')),
        from_stage text not null check (from_stage in (${PATHWAY_STAGES})),
        to_stage text not null check (to_stage in (${PATHWAY_STAGES})),
        at timestamptz not null,
        cause text not null default 'recorded' check (cause in ('recorded','triage','age_category','merge','backfill')),
        details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now()
      )`);
    await db.query(`create index pathway_event_person_idx on pathway_event (person_id, id)`);

    await db.query(`
      create table referral (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        kind text not null check (kind in ('nrm','duty_to_notify')),
        consent boolean not null,
        submitted_at timestamptz not null,
        first_responder_organisation_id uuid not null references organisation(id),
        pathway_event_id bigint not null references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now(),
        -- a duty to notify is made only for an adult who does not consent
        constraint referral_duty_to_notify_without_consent check (kind = 'nrm' or not consent)
      )`);
    await db.query(`create unique index referral_once_per_kind on referral (person_id, kind)`);

    await db.query(`
      create table decision (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        kind text not null check (kind in ('reasonable_grounds','conclusive_grounds')),
        outcome text not null check (outcome in ('positive','negative')),
        decided_at timestamptz not null,
        pathway_event_id bigint not null references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now()
      )`);
    await db.query(`create unique index decision_once_per_kind on decision (person_id, kind)`);

    await db.query(`
      create table missing_episode (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        reported_at timestamptz not null,
        found_at timestamptz,
        bed_released_at timestamptz,
        recorded_by uuid references app_user(id),
        found_recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now(),
        constraint missing_episode_found_after_report check (found_at >= reported_at)
      )`);
    await db.query(`create unique index missing_episode_one_open on missing_episode (person_id) where found_at is null`);

    await db.query(`
      create table deadline (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        kind text not null check (kind in (${DEADLINE_KINDS})),
        due_at timestamptz not null,
        due_soon_at timestamptz not null,
        rule text not null check (rule in (${RULE_NAMES})),
        policy_version text not null check (length(policy_version) between 1 and 200),
        effect text not null check (effect in (${DEADLINE_EFFECTS})),
        basis text not null check (basis in (${BASIS_EVENTS})),
        basis_at timestamptz not null,
        explanation text not null,
        source text not null,
        caveat text,
        state text not null default 'pending' check (state in ('pending','due_soon','overdue','met','cancelled')),
        state_changed_at timestamptz not null default now(),
        created_by_event_id bigint references pathway_event(id),
        closed_by_event_id bigint references pathway_event(id),
        created_at timestamptz not null default now(),
        constraint deadline_due_soon_before_due check (due_soon_at <= due_at),
        constraint deadline_due_after_basis check (due_at > basis_at)
      )`);
    // One live deadline of each kind per person.
    await db.query(`create unique index deadline_live_kind_key on deadline (person_id, kind) where state in ('pending','due_soon','overdue')`);
    // What the watcher scans: live deadlines that may move forward, by the time they next can.
    await db.query(`create index deadline_watch_idx on deadline (due_soon_at) where state in ('pending','due_soon')`);
    await db.query(`create index deadline_person_idx on deadline (person_id, due_at)`);

    await db.query(`
      insert into pathway_event (person_id, fact, from_stage, to_stage, at, cause, recorded_by, recorded_at)
      select p.id,
             jsonb_build_object('type', 'triage', 'at', to_char(p.triaged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                'outcome', p.triage_outcome, 'ageCategory', p.age_category),
             'encountered',
             case when p.triage_outcome <> 'potential_victim' then 'not_potential_victim'
                  when p.age_category = 'adult' then 'pre_nrm' else 'children_services' end,
             p.triaged_at, 'backfill', p.triaged_by, p.triaged_at
      from person p
      where p.triage_outcome is not null
      order by p.triaged_at, p.id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists deadline`);
    await db.query(`drop table if exists missing_episode`);
    await db.query(`drop table if exists decision`);
    await db.query(`drop table if exists referral`);
    await db.query(`drop table if exists pathway_event`);
    await db.query(`
      alter table person
        drop constraint if exists person_exit_stage,
        drop constraint if exists person_exit_complete,
        drop column if exists exit_outcome,
        drop column if exists exited_at`);
  }
}
