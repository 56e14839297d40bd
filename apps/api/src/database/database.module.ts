import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@safe-harbour/database';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AppConfig } from '../config/config.schema';
import { requestTransactions } from './request-transactions';
import { TransactionGate } from './transaction-gate';

type Work<T> = (manager: EntityManager) => Promise<T>;

/**
 * The API's DataSource: its sessions carry lock, statement and idle-in-transaction timeouts, and every
 * `transaction()` passes the gate (a reserve of connections for health and reads) and runs the request's
 * before-commit hooks (the idempotency record). Services call `dataSource.transaction` as usual.
 */
export function createApiDataSource(options: DataSourceOptions, config: AppConfig): DataSource {
  const dataSource = new DataSource(options);
  const gate = new TransactionGate(config.DB_POOL_SIZE - config.DB_POOL_RESERVE, config.DB_TRANSACTION_QUEUE_TIMEOUT_MS);
  const transaction = dataSource.transaction.bind(dataSource) as (...args: unknown[]) => Promise<unknown>;
  (dataSource as unknown as { transactionGate: TransactionGate }).transactionGate = gate;
  dataSource.transaction = ((...args: unknown[]) => {
    const work = args[args.length - 1] as Work<unknown>;
    const hooks = requestTransactions.current();
    const wrapped: Work<unknown> = hooks
      ? async (manager) => {
          const result = await work(manager);
          await hooks.beforeCommit(manager, result);
          return result;
        }
      : work;
    return gate.run(() => transaction(...args.slice(0, -1), wrapped));
  }) as DataSource['transaction'];
  return dataSource;
}

export function apiDataSourceOptions(url: string, config: AppConfig): DataSourceOptions {
  const base = dataSourceOptions(url);
  return {
    ...base,
    // Never log queries or their parameters (personal data); failures are logged by the exception filter.
    logging: false,
    extra: {
      ...(base.extra as object),
      max: config.DB_POOL_SIZE,
      // node-postgres sets these on every new session.
      lock_timeout: config.DB_LOCK_TIMEOUT_MS,
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  } as DataSourceOptions;
}

@Module({})
export class DatabaseModule {
  static forUrl(url: string, config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...apiDataSourceOptions(url, config), retryAttempts: 2, retryDelay: 500 }),
          dataSourceFactory: async (options) => createApiDataSource(options as DataSourceOptions, config).initialize(),
        }),
      ],
    };
  }
}
