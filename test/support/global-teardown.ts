import { EmbeddedDatabase } from '../../libs/database/src';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __embeddedTestDatabase?: EmbeddedDatabase }).__embeddedTestDatabase?.stop();
}
