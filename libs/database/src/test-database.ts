import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APPLICATION_ROLE, grantApplicationRole, urlAs } from './app-role';
import { runMigrations } from './data-source';

/** The application role's password on test servers (loopback only). */
const TEST_APP_PASSWORD = 'safe-harbour-test-app';

/**
 * Test databases live on the machine's PostgreSQL (127.0.0.1:5432, trust auth) when it answers, and on an
 * embedded PostgreSQL otherwise; the jest global setup decides once and passes the server URL through
 * SAFE_HARBOUR_TEST_SERVER_URL.
 */
export const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function serverAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  /** The application's connection: the application role (owns nothing; insert/select only on audit_event). */
  url: string;
  /** The owner's connection (migrations, and tests that set up triggers or inspect the schema). */
  ownerUrl: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const newName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Migrate once per test run into a template database; each test file then clones it (`create database ...
 * template`), a file copy that takes a fraction of running every migration again. The name travels to the
 * jest workers in SAFE_HARBOUR_TEST_TEMPLATE.
 */
export async function createTemplateDatabase(serverUrl: string): Promise<string> {
  const name = newName('sh_template');
  await onServer(serverUrl, (c) => c.query(`create database ${name}`));
  await runMigrations(withDatabase(serverUrl, name));
  await grantApplicationRole(withDatabase(serverUrl, name), { create: true, password: TEST_APP_PASSWORD });
  // No one may connect to a template while it is being cloned; this also stops stray connections.
  await onServer(serverUrl, (c) => c.query(`alter database ${name} with allow_connections false`));
  return name;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}

/**
 * Databases left by runs that were killed before their teardown (`sh_test_*`, `sh_template_*`), older than
 * `olderThanMs` by the time encoded in their name, so a run never drops a database another run is using.
 */
export async function dropStaleTestDatabases(serverUrl: string, olderThanMs = 6 * 3600_000): Promise<string[]> {
  const rows = await onServer(serverUrl, (c) =>
    c.query<{ datname: string }>(`select datname from pg_database where datname ~ '^sh_(test|template)_[0-9a-z]+_[0-9a-f]{8}$'`),
  );
  const stale = rows.rows
    .map((r) => r.datname)
    .filter((name) => Date.now() - parseInt(name.split('_')[2], 36) > olderThanMs);
  for (const name of stale) await dropDatabase(serverUrl, name).catch(() => undefined);
  return stale;
}

/**
 * A fresh database with every migration applied for real; dropped again by `drop()`. With a template (the
 * jest run's, from SAFE_HARBOUR_TEST_TEMPLATE) it is a clone of the migrated template; `migrate: false`
 * gives an empty database, for the tests of the migrations themselves.
 */
export async function createTestDatabase(
  serverUrl: string,
  migrate = true,
  template = process.env.SAFE_HARBOUR_TEST_TEMPLATE,
): Promise<TestDatabase> {
  const name = newName('sh_test');
  await onServer(serverUrl, (c) => c.query(migrate && template ? `create database ${name} template ${template}` : `create database ${name}`));
  const ownerUrl = withDatabase(serverUrl, name);
  if (migrate && !template) {
    await runMigrations(ownerUrl);
    await grantApplicationRole(ownerUrl, { create: true, password: TEST_APP_PASSWORD });
  }
  return {
    url: migrate ? urlAs(ownerUrl, APPLICATION_ROLE, TEST_APP_PASSWORD) : ownerUrl,
    ownerUrl,
    name,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
