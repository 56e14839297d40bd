import { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `'encountered','not_potential_victim','pre_nrm','children_services','duty_to_notify','awaiting_rg',
  'recovery_period','move_on','disqualified','withdrawn','missing','exited'`;
const OLD_STAGES = `'encountered','not_potential_victim','pre_nrm','children_services','duty_to_notify','awaiting_rg',
  'recovery_period','move_on','missing','exited'`;
const PERSON_STAGES = `'encountered','pre_nrm','children_services','awaiting_rg','recovery_period','move_on','disqualified',
  'withdrawn','duty_to_notify','missing','exited'`;
const OLD_PERSON_STAGES = `'encountered','pre_nrm','children_services','awaiting_rg','recovery_period','move_on',
  'duty_to_notify','missing','exited'`;
const FACT_TYPES = `'triage','age_assessed','referral','decision','missing','found','exit','reconsideration_requested',
  'reconsideration_decided','rna_requested','rna_decided','withdrawal','disqualification','turned_18','adult_consent','guardian_referral'`;
const OLD_FACT_TYPES = `'triage','age_assessed','referral','decision','missing','found','exit'`;
const KINDS = `'pre_nrm_accommodation_ends','rg_decision_expected','recovery_period_minimum_ends','move_on_ends',
  'move_on_minimum_ends','bed_hold_ends','adult_consent_needed'`;
const OLD_KINDS = `'pre_nrm_accommodation_ends','rg_decision_expected','recovery_period_minimum_ends','move_on_ends','bed_hold_ends'`;
const RULES = `'pre_nrm_accommodation','rg_decision_target','recovery_period_minimum','further_recovery_period_minimum',
  'move_on_after_positive_cg','move_on_after_negative_decision','missing_bed_hold','recovery_needs_assessment_extension',
  'adult_consent_at_18'`;
const OLD_RULES = `'pre_nrm_accommodation','rg_decision_target','recovery_period_minimum','move_on_after_positive_cg',
  'move_on_after_negative_decision','missing_bed_hold'`;
const BASIS = `'identified_as_potential_victim','assessed_as_adult','nrm_referral_submitted','positive_reasonable_grounds',
  'negative_reasonable_grounds','positive_conclusive_grounds','negative_conclusive_grounds','further_positive_reasonable_grounds',
  'overturned_reasonable_grounds','overturned_conclusive_grounds','reconsideration_upheld','rna_extended','turned_18','reported_missing'`;
const OLD_BASIS = `'identified_as_potential_victim','assessed_as_adult','nrm_referral_submitted','positive_reasonable_grounds',
  'negative_reasonable_grounds','positive_conclusive_grounds','negative_conclusive_grounds','reported_missing'`;
const EFFECTS = `'decision_target','minimum_period_ends','support_ends','bed_released','consent_needed'`;
const OLD_EFFECTS = `'decision_target','minimum_period_ends','support_ends','bed_released'`;
export const FIRST_RESPONDER_TYPES = `'local_authority','police','nca','glaa','home_office','ngo'`;

/**
 * The NRM pathway as it really runs (issue #12).
 *
 * - First responders are designated (NRM statistics, first responder types): `organisation.first_responder`
 *   with its `first_responder_type`, one exactly when the other. Backfill: councils (local authorities) and
 *   police forces are first responders by law; NGOs that could refer until now are kept as designated
 *   (specified NGOs), so no referral that worked before stops working without an admin deciding so.
 * - Further referrals: `referral.round` / `decision.round` (1 for the first NRM referral); one referral and
 *   one decision of each kind per round instead of per person. Existing rows are round 1 (a duty to notify
 *   before any NRM referral: round 0).
 * - New records: reconsiderations, Recovery Needs Assessments (or extension requests), public-order
 *   disqualifications, age assessments. At most one pending reconsideration and one pending assessment per
 *   person, in the database.
 * - The vocabularies of `pathway_event`, `person.stage` and `deadline` gain the new facts (turning 18 and
 *   adult consent among them), stages, kinds, rules, effects and basis events.
 */
export class PathwayFidelity1764200200000 implements MigrationInterface {
  name = 'PathwayFidelity1764200200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table organisation
        add column first_responder boolean not null default false,
        add column first_responder_type text check (first_responder_type in (${FIRST_RESPONDER_TYPES})),
        add constraint organisation_first_responder_typed check (first_responder = (first_responder_type is not null))`);
    await db.query(`
      update organisation set first_responder = true,
        first_responder_type = case kind when 'council' then 'local_authority' when 'police' then 'police' else 'ngo' end
      where kind in ('council','police','ngo')`);

    await swapCheck(db, 'pathway_event', 'pathway_event_fact_type_check', `fact_type in (${FACT_TYPES})`);
    await swapCheck(db, 'pathway_event', 'pathway_event_from_stage_check', `from_stage in (${STAGES})`);
    await swapCheck(db, 'pathway_event', 'pathway_event_to_stage_check', `to_stage in (${STAGES})`);
    await swapCheck(db, 'person', 'person_stage_check', `stage in (${PERSON_STAGES})`);
    await swapCheck(db, 'deadline', 'deadline_kind_check', `kind in (${KINDS})`);
    await swapCheck(db, 'deadline', 'deadline_rule_check', `rule in (${RULES})`);
    await swapCheck(db, 'deadline', 'deadline_basis_check', `basis in (${BASIS})`);
    await swapCheck(db, 'deadline', 'deadline_effect_check', `effect in (${EFFECTS})`);

    await db.query(`alter table referral add column round int not null default 1 check (round >= 0)`);
    await db.query(`update referral set round = 0 where kind = 'duty_to_notify'
      and not exists (select 1 from referral n where n.person_id = referral.person_id and n.kind = 'nrm' and n.submitted_at <= referral.submitted_at)`);
    await db.query(`drop index referral_once_per_kind`);
    await db.query(`create unique index referral_once_per_kind_and_round on referral (person_id, kind, round)`);
    await db.query(`alter table decision add column round int not null default 1 check (round >= 1)`);
    await db.query(`drop index decision_once_per_kind`);
    await db.query(`create unique index decision_once_per_kind_and_round on decision (person_id, kind, round)`);

    await db.query(`
      create table reconsideration (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        round int not null check (round >= 1),
        decision_kind text not null check (decision_kind in ('reasonable_grounds','conclusive_grounds')),
        requested_at timestamptz not null,
        outcome text check (outcome in ('upheld','overturned')),
        decided_at timestamptz,
        request_event_id bigint not null references pathway_event(id),
        outcome_event_id bigint references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now(),
        constraint reconsideration_outcome_complete check ((outcome is null) = (decided_at is null) and (outcome is null) = (outcome_event_id is null)),
        constraint reconsideration_decided_after_request check (decided_at >= requested_at)
      )`);
    await db.query(`create unique index reconsideration_one_pending on reconsideration (person_id) where outcome is null`);
    await db.query(`create index reconsideration_person_idx on reconsideration (person_id, requested_at)`);

    await db.query(`
      create table recovery_needs_assessment (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        round int not null check (round >= 1),
        requested_at timestamptz not null,
        outcome text check (outcome in ('extended','not_extended')),
        decided_at timestamptz,
        extended_until date,
        request_event_id bigint not null references pathway_event(id),
        outcome_event_id bigint references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now(),
        constraint rna_outcome_complete check ((outcome is null) = (decided_at is null) and (outcome is null) = (outcome_event_id is null)),
        constraint rna_extended_has_until check (case when outcome = 'extended' then extended_until is not null else extended_until is null end),
        constraint rna_decided_after_request check (decided_at >= requested_at)
      )`);
    await db.query(`create unique index recovery_needs_assessment_one_pending on recovery_needs_assessment (person_id) where outcome is null`);
    await db.query(`create index recovery_needs_assessment_person_idx on recovery_needs_assessment (person_id, requested_at)`);

    await db.query(`
      create table disqualification (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        round int not null check (round >= 1),
        decided_at timestamptz not null,
        risk_assessed_at timestamptz not null,
        risk_outcome text not null check (risk_outcome in ('risk_identified','no_risk_identified')),
        risk_notes text check (length(risk_notes) <= 2000),
        pathway_event_id bigint not null references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now(),
        -- the revised policy (Jan 2024) requires the re-trafficking risk assessment before the decision
        constraint disqualification_assessed_first check (risk_assessed_at <= decided_at)
      )`);
    await db.query(`create unique index disqualification_once_per_round on disqualification (person_id, round)`);

    // Statistics (NRM statistics categories): county lines on criminal exploitation; age at exploitation.
    await db.query(`
      alter table person
        add column county_lines boolean not null default false,
        add column age_at_exploitation text check (age_at_exploitation in ('adult','child')),
        add constraint person_county_lines_is_criminal check (not county_lines or exploitation_type in ('criminal','multiple'))`);

    // Independent Child Trafficking Guardian referrals (children only: the pathway model checks the age)
    await db.query(`
      create table guardian_referral (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        referred_at timestamptz not null,
        guardian_organisation_id uuid not null references organisation(id),
        pathway_event_id bigint not null references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now()
      )`);
    await db.query(`create unique index guardian_referral_once on guardian_referral (person_id)`);

    await db.query(`
      create table age_assessment (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        outcome text not null check (outcome in ('adult','child')),
        assessed_at timestamptz not null,
        pathway_event_id bigint not null references pathway_event(id),
        recorded_by uuid references app_user(id),
        recorded_at timestamptz not null default now()
      )`);
    await db.query(`create index age_assessment_person_idx on age_assessment (person_id, assessed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists age_assessment`);
    await db.query(`drop table if exists guardian_referral`);
    await db.query(`alter table person drop constraint person_county_lines_is_criminal, drop column age_at_exploitation, drop column county_lines`);
    await db.query(`drop table if exists disqualification`);
    await db.query(`drop table if exists recovery_needs_assessment`);
    await db.query(`drop table if exists reconsideration`);
    await db.query(`drop index if exists decision_once_per_kind_and_round`);
    await db.query(`delete from decision where round > 1`);
    await db.query(`alter table decision drop column round`);
    await db.query(`create unique index decision_once_per_kind on decision (person_id, kind)`);
    await db.query(`drop index if exists referral_once_per_kind_and_round`);
    await db.query(`delete from referral r where exists (select 1 from referral o where o.person_id = r.person_id and o.kind = r.kind and o.round < r.round)`);
    await db.query(`alter table referral drop column round`);
    await db.query(`create unique index referral_once_per_kind on referral (person_id, kind)`);
    // Rows using the new vocabulary cannot go back: down() refuses (the checks fail) rather than lose history.
    await swapCheck(db, 'deadline', 'deadline_effect_check', `effect in (${OLD_EFFECTS})`);
    await swapCheck(db, 'deadline', 'deadline_basis_check', `basis in (${OLD_BASIS})`);
    await swapCheck(db, 'deadline', 'deadline_rule_check', `rule in (${OLD_RULES})`);
    await swapCheck(db, 'deadline', 'deadline_kind_check', `kind in (${OLD_KINDS})`);
    await swapCheck(db, 'person', 'person_stage_check', `stage in (${OLD_PERSON_STAGES})`);
    await swapCheck(db, 'pathway_event', 'pathway_event_to_stage_check', `to_stage in (${OLD_STAGES})`);
    await swapCheck(db, 'pathway_event', 'pathway_event_from_stage_check', `from_stage in (${OLD_STAGES})`);
    await swapCheck(db, 'pathway_event', 'pathway_event_fact_type_check', `fact_type in (${OLD_FACT_TYPES})`);
    await db.query(`alter table organisation drop constraint organisation_first_responder_typed, drop column first_responder_type, drop column first_responder`);
  }
}

async function swapCheck(db: QueryRunner, table: string, name: string, expression: string): Promise<void> {
  await db.query(`alter table ${table} drop constraint ${name}, add constraint ${name} check (${expression})`);
}
