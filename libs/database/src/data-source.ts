import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';

/** One place that says how we talk to PostgreSQL: migrations only, never `synchronize`. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migration',
    entities: [],
    extra: { max: 20, connectionTimeoutMillis: 5000, application_name: 'safe-harbour' },
    ...extra,
  } as DataSourceOptions;
}

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 1 } } as Partial<DataSourceOptions>));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
