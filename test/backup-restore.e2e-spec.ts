import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, TestDatabase } from '@safe-harbour/database';
import { newOperation, newOperationWorld, registerPerson } from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);

/** The machine's PostgreSQL client tools (docs/operations-runbook.md, "Backups"): the server's major version or newer. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string | null {
  for (const dir of ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

const tools = { dump: pgTool('pg_dump'), restore: pgTool('pg_restore') };
const maybe = tools.dump && tools.restore ? describe : describe.skip;

/**
 * Issue 18, item 6: a dump of a running system (requests still arriving), restored into a fresh
 * database, is served by the API as it was: same operation, same people, sign-in works, writes work.
 */
maybe('Backup and restore', () => {
  let t: TestApp;
  let restored: TestDatabase | undefined;
  let served: TestApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'safe-harbour-backup-'));

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await served?.close();
    await restored?.drop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pg_dump of a running system restores into a fresh database that the API serves', async () => {
    const world = await newOperationWorld(t);
    const operation = await newOperation(t, world.planner, { status: 'active' });
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await registerPerson(t, world.planner, operation.id, { givenName: `Backup ${i}` }));

    // Dumped while people are still being registered: pg_dump reads one consistent snapshot.
    const file = join(dir, 'safe-harbour.dump');
    const writing = Promise.all([0, 1, 2].map((i) => registerPerson(t, world.planner, operation.id, { givenName: `During ${i}` })));
    await run(tools.dump!, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, t.database.url]);
    await writing;

    // A fresh, empty database (no migrations: the dump brings the schema and its migration history).
    restored = await createTestDatabase(process.env.SAFE_HARBOUR_TEST_SERVER_URL!, false);
    await run(tools.restore!, ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${restored.url}`, file]);

    served = await startTestApp({}, { existingDatabase: restored });
    // Users sign in with their passwords.
    const planner = await served.http.post('/api/v1/auth/login').send({ email: world.planner.email, password: 'correct horse battery staple' });
    expect(planner.status).toBe(200);
    const token = planner.body.accessToken as string;
    const got = await served.http.get(`/api/v1/operations/${operation.id}`).set(bearer(token)).expect(200);
    expect(got.body.id).toBe(operation.id);
    const list = await served.http.get(`/api/v1/operations/${operation.id}/people?limit=100`).set(bearer(token)).expect(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    for (const p of people) expect(ids).toContain(p.id);
    // Every row the dump holds is consistent: references run on without a gap or a repeat.
    const refs: string[] = list.body.items.map((p: { reference: string }) => p.reference);
    expect(new Set(refs).size).toBe(refs.length);
    // The restored system takes new work (its sequences were restored too).
    const next = await registerPerson(served, { ...world.planner, token }, operation.id);
    expect(refs).not.toContain(next.reference);
    // No migration is run again on a restored database: its history came with it.
    const applied = (await served.db.query(`select count(*)::int as n from schema_migration`)).rows[0].n;
    const original = (await t.db.query(`select count(*)::int as n from schema_migration`)).rows[0].n;
    expect(applied).toBe(original);
  });
});
