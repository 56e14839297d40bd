import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts the placement rules need and nobody recorded (issue #11):
 * - `person.recourse_to_public_funds`: councils usually cannot fund someone with no recourse to public funds
 *   in benefit-funded housing, so a site must say it accepts them (`site.accepts_no_recourse_to_public_funds`).
 * - `person.dependants`: who comes with the person, as `[{ ageCategory, age?, sex?, relationship? }]`; a bare
 *   `needs.dependants` count stays readable and means that many children.
 * - `person.keep_away_from`: points with a radius (exploitation address area, where known exploiters or
 *   family live). Coordinates only, never address text; never copied into events.
 * - `person.suspected_offender`: a potential victim who is also under arrest (criminal exploitation). They
 *   are kept apart from their operation's victims like a possible controller, so `keep_apart` counts it.
 * - `site.accepts_pets`, `site.substance_misuse_support`: what the needs preferences read.
 */
export class PlacementSafeguarding1764200100000 implements MigrationInterface {
  name = 'PlacementSafeguarding1764200100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table person
        add column recourse_to_public_funds text not null default 'unknown'
          check (recourse_to_public_funds in ('yes','no','unknown')),
        add column dependants jsonb not null default '[]'::jsonb
          constraint person_dependants_list check (jsonb_typeof(dependants) = 'array' and jsonb_array_length(dependants) <= 20),
        add column keep_away_from jsonb not null default '[]'::jsonb
          constraint person_keep_away_from_list check (jsonb_typeof(keep_away_from) = 'array' and jsonb_array_length(keep_away_from) <= 20),
        add column suspected_offender boolean not null default false,
        -- a suspect is already kept apart and unplaceable as an adult: the flag is for potential victims
        add constraint person_suspected_offender_is_victim check (not suspected_offender or triage_outcome = 'potential_victim')`);
    await db.query(`drop index person_keep_apart_idx`);
    await db.query(`alter table person drop column keep_apart`);
    await db.query(`
      alter table person add column keep_apart boolean generated always as
        (coalesce(triage_outcome = 'suspect', false) or possible_controller or suspected_offender) stored`);
    await db.query(`create index person_keep_apart_idx on person (operation_id) where keep_apart`);
    await db.query(`
      alter table site
        add column accepts_pets boolean not null default false,
        add column substance_misuse_support boolean not null default false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table site drop column accepts_pets, drop column substance_misuse_support`);
    await db.query(`drop index person_keep_apart_idx`);
    await db.query(`alter table person drop column keep_apart`);
    await db.query(`
      alter table person add column keep_apart boolean generated always as
        (coalesce(triage_outcome = 'suspect', false) or possible_controller) stored`);
    await db.query(`create index person_keep_apart_idx on person (operation_id) where keep_apart`);
    await db.query(`
      alter table person
        drop constraint person_suspected_offender_is_victim,
        drop column suspected_offender,
        drop column keep_away_from,
        drop column dependants,
        drop column recourse_to_public_funds`);
  }
}
