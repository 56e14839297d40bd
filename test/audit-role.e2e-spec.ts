import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * Hole 4 of issue #13: the application's own database role owned the audit table, so it could disable or
 * drop the append-only trigger, or the table. Migrations run as the owner role; the application connects as
 * a role that may only insert into and select from audit_event.
 */
describe('the application database role and the audit trail', () => {
  let t: TestApp;
  let app: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    app = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('the application writes and reads audit rows', async () => {
    await app.query(`insert into audit_event (action, entity_type) values ('test', 'test')`);
    const [row] = await app.query(`select count(*)::int as n from audit_event where action = 'test'`);
    expect(row.n).toBe(1);
  });

  it.each([
    ['disable the trigger', `alter table audit_event disable trigger audit_event_no_update_delete`],
    ['drop the trigger', `drop trigger audit_event_no_update_delete on audit_event`],
    ['drop the table', `drop table audit_event`],
    ['replace the trigger function', `create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$ begin return new; end $$`],
    ['update a row', `update audit_event set action = 'x'`],
    ['delete rows', `delete from audit_event`],
    ['truncate', `truncate audit_event`],
  ])('the application cannot %s', async (_what, sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner|append-only/);
  });

  it('is not the owner of any table, and is not a superuser', async () => {
    const [me] = await app.query(`select current_user as name, rolsuper as super from pg_roles where rolname = current_user`);
    expect(me.super).toBe(false);
    const owned = await app.query(`select tablename from pg_tables where schemaname = 'public' and tableowner = current_user`);
    expect(owned).toEqual([]);
    // and the trigger is still there
    const [trigger] = await t.db.query(`select tgenabled from pg_trigger where tgname = 'audit_event_no_update_delete'`).then((r) => r.rows);
    expect(trigger.tgenabled).toBe('O');
  });
});
