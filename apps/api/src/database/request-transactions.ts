import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from 'typeorm';

/**
 * Work that one request adds to every transaction it runs, just before the transaction commits: the
 * idempotency interceptor stores the request's response there, so that a committed change always has its
 * stored response (and a rolled-back one never has). Carried with the request through AsyncLocalStorage,
 * so services keep calling `dataSource.transaction` as they always have.
 */
export interface RequestTransactionHooks {
  beforeCommit(manager: EntityManager, result: unknown): Promise<void>;
}

const hooks = new AsyncLocalStorage<RequestTransactionHooks>();

export const requestTransactions = {
  run<T>(requestHooks: RequestTransactionHooks, work: () => T): T {
    return hooks.run(requestHooks, work);
  },
  current(): RequestTransactionHooks | undefined {
    return hooks.getStore();
  },
};
