import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What reporting needs that no other feature records: the kind of exploitation a person was found in
 * (set at registration or triage, or corrected later; null until known, reported as `unknown`). The list
 * matches `EXPLOITATION_TYPES` in the domain. Indexes serve the reports' period filters.
 */
export class Reporting1764100006000 implements MigrationInterface {
  name = 'Reporting1764100006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table person add column exploitation_type text
        constraint person_exploitation_type_check check (exploitation_type in (
          'labour','sexual','criminal','domestic_servitude','organ_harvesting','multiple'))`);
    // Reports count people registered in a period, per operation.
    await db.query(`create index person_registered_idx on person (operation_id, registered_at) where merged_into_person_id is null`);
    // Occupancy history replays every bed's status changes up to a day.
    await db.query(`create index bed_status_event_at_idx on bed_status_event (at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop index if exists bed_status_event_at_idx`);
    await db.query(`drop index if exists person_registered_idx`);
    await db.query(`alter table person drop column if exists exploitation_type`);
  }
}
