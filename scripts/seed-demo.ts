/**
 * `npm run seed:demo`: load the demo picture into the configured database (DATABASE_URL, or the embedded
 * one under DATA_DIR), even when the server would not do it by itself (e.g. DATABASE_URL is set). Demo
 * beds must never be offered to real people, so it refuses NODE_ENV=production. Safe to run twice.
 */
import 'reflect-metadata';
import { dataSourceOptions, EmbeddedDatabase, runMigrations, startEmbeddedPostgres } from '@safe-harbour/database';
import { DataSource } from 'typeorm';
import { loadConfig } from '../apps/api/src/config/config.schema';
import { loadDemoData } from '../apps/api/src/demo/demo-loader';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.NODE_ENV === 'production') throw new Error('Refusing to load demo data with NODE_ENV=production');
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    console.log(`No DATABASE_URL: using the embedded PostgreSQL in ${config.DATA_DIR}/postgres`);
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    url = embedded.url;
  }
  const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 2 } }));
  try {
    await runMigrations(url);
    await dataSource.initialize();
    const result = await loadDemoData(dataSource, { onlyWithoutRealData: false, log: (m) => console.log(m) });
    for (const step of result.steps) console.log(`demo ${step.name}: ${step.outcome === 'loaded' ? 'loaded' : 'already there'}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
