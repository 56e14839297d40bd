import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTemplateDatabase,
  dropStaleTestDatabases,
  LOCAL_SERVER_URL,
  serverAnswers,
  startEmbeddedPostgres,
} from '../../libs/database/src';

/**
 * Decide once which PostgreSQL the e2e tests use: the machine's own on 127.0.0.1:5432 when it answers,
 * otherwise an embedded one for the length of the run. Then migrate once into a template database that
 * every test file clones for its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.SAFE_HARBOUR_TEST_SERVER_URL) {
    if (await serverAnswers(LOCAL_SERVER_URL)) {
      process.env.SAFE_HARBOUR_TEST_SERVER_URL = LOCAL_SERVER_URL;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'safe-harbour-test-pg-'));
      const embedded = await startEmbeddedPostgres(dir, { database: 'postgres_tests' });
      const url = new URL(embedded.url);
      url.pathname = '/postgres';
      process.env.SAFE_HARBOUR_TEST_SERVER_URL = url.toString();
      (globalThis as { __embeddedTestDatabase?: typeof embedded }).__embeddedTestDatabase = embedded;
      console.log(`\nNo PostgreSQL on 127.0.0.1:5432: using an embedded one (${dir})`);
    }
  }
  const serverUrl = process.env.SAFE_HARBOUR_TEST_SERVER_URL;
  await dropStaleTestDatabases(serverUrl);
  if (!process.env.SAFE_HARBOUR_TEST_TEMPLATE) {
    process.env.SAFE_HARBOUR_TEST_TEMPLATE = await createTemplateDatabase(serverUrl);
    (globalThis as { __testTemplate?: string }).__testTemplate = process.env.SAFE_HARBOUR_TEST_TEMPLATE;
  }
}
