import { DataSource, EntityManager } from 'typeorm';
import { demoUsers } from '../auth/demo-users';
import { demoOperation } from '../operations/demo-operation';
import { demoInventory } from '../sites/demo-inventory';

export interface DemoContext {
  manager: EntityManager;
  /** Demo dates (booked venues, void works) are relative to the moment of loading. */
  now: Date;
  log(message: string): void;
}

/**
 * One part of the demo picture. Each step is idempotent on its own (it checks whether its data is
 * there) and may rely on the steps before it, finding their records by `is_demo` and name.
 */
export interface DemoStep {
  name: string;
  load(ctx: DemoContext): Promise<'loaded' | 'present'>;
}

/** In order. Later features append their step here (e.g. a demo operation using the demo sites). */
export const DEMO_STEPS: DemoStep[] = [demoInventory, demoOperation, demoUsers];

export interface DemoLoadResult {
  skipped: boolean;
  reason?: string;
  steps: Array<{ name: string; outcome: 'loaded' | 'present' }>;
}

/**
 * Load the demo picture in one transaction. On start (`onlyWithoutRealData`) it never mixes with real
 * records: a database holding any site that is not demo data is left alone.
 */
export async function loadDemoData(
  dataSource: DataSource,
  options: { onlyWithoutRealData: boolean; steps?: DemoStep[]; now?: Date; log?: (message: string) => void },
): Promise<DemoLoadResult> {
  const steps = options.steps ?? DEMO_STEPS;
  const log = options.log ?? (() => undefined);
  return dataSource.transaction(async (manager) => {
    // Two servers starting on one database must not both load it.
    await manager.query(`select pg_advisory_xact_lock(hashtext('safe-harbour:demo-data'))`);
    if (options.onlyWithoutRealData) {
      const [real] = await manager.query(`select exists (select 1 from site where not is_demo) as "real"`);
      if (real.real) return { skipped: true, reason: 'the inventory holds real sites', steps: [] };
    }
    const ctx: DemoContext = { manager, now: options.now ?? new Date(), log };
    const done: DemoLoadResult['steps'] = [];
    for (const step of steps) done.push({ name: step.name, outcome: await step.load(ctx) });
    if (done.some((s) => s.outcome === 'loaded')) {
      await manager.query(
        `insert into audit_event (action, entity_type, details) values ('load_demo', 'demo', $1::jsonb)`,
        [JSON.stringify({ steps: done })],
      );
    }
    return { skipped: false, steps: done };
  });
}
