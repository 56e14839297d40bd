import { createTestDatabase, dataSourceOptions, TestDatabase } from '@safe-harbour/database';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations';

/**
 * Every migration's down() undoes its up(): migrate an empty database all the way up, all the way down,
 * and up again. A down() that leaves a table, type, trigger or role behind makes the second up() fail.
 */
describe('migrations up, down and up again', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(process.env.SAFE_HARBOUR_TEST_SERVER_URL!, false);
    dataSource = new DataSource(dataSourceOptions(database.url, { extra: { max: 1 } } as never));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const tables = async () =>
    (
      await dataSource.query(
        `select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'schema_migration' order by 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('applies every migration, undoes each in turn, and applies them all again to the same schema', async () => {
    const first = await dataSource.runMigrations({ transaction: 'each' });
    expect(first).toHaveLength(migrations.length);
    const schema = await tables();
    expect(schema.length).toBeGreaterThan(10);

    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);

    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(migrations.length);
    expect(await tables()).toEqual(schema);
  });
});
