import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two more roles: `reception_officer` (the reception centre's desk: register, triage, stations, missing and
 * found at the centre) and `case_worker` (follows people through the NRM: records pathway facts, reads cases).
 * The list of roles lives in the database too, so a role the code does not know can never be stored.
 */
export class ReceptionAndCaseWorkRoles1764200300000 implements MigrationInterface {
  name = 'ReceptionAndCaseWorkRoles1764200300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table app_user drop constraint app_user_roles_check`);
    await db.query(`
      alter table app_user add constraint app_user_roles_check check (
        cardinality(roles) > 0
        and roles <@ array['admin','emergency_planner','housing_officer','operation_lead','partner',
                           'reception_officer','case_worker']::text[]
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Refuses (check violation) while any user still holds one of the two roles: change their roles first.
    await db.query(`alter table app_user drop constraint app_user_roles_check`);
    await db.query(`
      alter table app_user add constraint app_user_roles_check check (
        cardinality(roles) > 0
        and roles <@ array['admin','emergency_planner','housing_officer','operation_lead','partner']::text[]
      )`);
  }
}
