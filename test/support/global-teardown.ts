import { dropDatabase, EmbeddedDatabase } from '../../libs/database/src';

export default async function globalTeardown(): Promise<void> {
  const template = (globalThis as { __testTemplate?: string }).__testTemplate;
  const serverUrl = process.env.SAFE_HARBOUR_TEST_SERVER_URL;
  if (template && serverUrl) await dropDatabase(serverUrl, template).catch(() => undefined);
  await (globalThis as { __embeddedTestDatabase?: EmbeddedDatabase }).__embeddedTestDatabase?.stop();
}
