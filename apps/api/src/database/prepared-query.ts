import { DataSource, EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `text` as the named prepared statement `name` on the manager's connection (its transaction's, or
 * one from the pool). PostgreSQL then parses it once per connection and, when the plan does not depend on
 * the parameters' values, plans it once too (a generic plan after five runs). For the statements of the
 * placing transaction, parsing and planning were most of the database's CPU (bench/README.md); TypeORM's
 * `manager.query` cannot name a statement.
 *
 * For hot statements only, with a fixed text (one name, one text) whose best plan is the same for every
 * parameter value. Always returns the rows, for UPDATE ... RETURNING too.
 */
export async function preparedQuery<T>(
  source: EntityManager | DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const manager = source instanceof DataSource ? source.manager : source;
  const ownRunner = manager.queryRunner && !manager.queryRunner.isReleased ? null : manager.connection.createQueryRunner();
  const runner = ownRunner ?? manager.queryRunner!;
  try {
    // PostgresQueryRunner.connect() hands back its node-postgres client (the transaction's, once started).
    const client = (await runner.connect()) as PgClient;
    return (await client.query({ name, text, values })).rows as T[];
  } finally {
    await ownRunner?.release();
  }
}
