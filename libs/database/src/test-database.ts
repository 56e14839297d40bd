import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from './data-source';

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
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database with every migration applied for real; dropped again by `drop()`. */
export async function createTestDatabase(serverUrl: string, migrate = true): Promise<TestDatabase> {
  const name = `sh_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  if (migrate) await runMigrations(url);
  return {
    url,
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
