import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user whose password someone else chose (the demo admin's printed password, an admin's reset) is asked
 * to choose their own at the next sign-in; the web application holds every page behind that form.
 */
export class MustChangePassword1764200400000 implements MigrationInterface {
  name = 'MustChangePassword1764200400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`alter table app_user add column must_change_password boolean not null default false`);
    await db.query(`alter table app_user add column password_changed_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table app_user drop column password_changed_at`);
    await db.query(`alter table app_user drop column must_change_password`);
  }
}
