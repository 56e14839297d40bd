/**
 * Where a placing transaction spends database CPU, statement by statement, on a database the benchmark
 * kept (`npm run bench:placement -- --keep`). Each transaction is rolled back, so the data does not move.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/placement-steps.ts <database url> [iterations]
 */
import 'reflect-metadata';
import { dataSourceOptions } from '@safe-harbour/database';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../apps/api/src/audit/audit.service';
import { AuditRepository } from '../apps/api/src/audit/audit.repository';
import { OutboxService } from '../apps/api/src/live/outbox.service';
import { PlacementsRepository } from '../apps/api/src/placements/placements.repository';
import { SuitabilityService } from '../apps/api/src/placements/suitability.service';
import { processCpuMs } from './bench-support';

async function main() {
  const [url, n = '100'] = process.argv.slice(2);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const repo = new PlacementsRepository(ds);
  const suitability = new SuitabilityService(repo);
  const outbox = new OutboxService();
  const audit = new AuditService(ds, new AuditRepository());
  const pool: Array<{ id: string }> = await ds.query(`select p.id from person p join operation o on o.id = p.operation_id where o.code like 'BAL%' and p.awaiting_bed_since is not null limit 2000`);
  const beds: Array<{ id: string }> = await ds.query(`select b.id from bed b join site s on s.id = b.site_id where b.status = 'available' and s.type in ('hostel','safe_house','bed_and_breakfast') and s.single_sex is null limit 2000`);
  const [{ id: userId, organisation_id: orgId }] = await ds.query(`select id, organisation_id from app_user where email = 'officer@bench.test'`);
  const cpu = new Map<string, number>();
  const from = new Date();
  const until = new Date(Date.now() + 28 * 86400_000);
  for (let i = 0; i < Number(n) + 5; i++) {
    const runner = ds.createQueryRunner();
    await runner.connect();
    const [{ pid }] = await runner.query('select pg_backend_pid() as pid');
    await runner.startTransaction();
    const m: EntityManager = runner.manager;
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const before = processCpuMs(pid)!;
      const result = await work();
      if (i >= 5) cpu.set(name, (cpu.get(name) ?? 0) + processCpuMs(pid)! - before);
      return result;
    };
    try {
      const locked = await step('lock person and bed', () => repo.lockPersonAndBed(m, pool[i % pool.length].id, beds[i % beds.length].id, from, until));
      const person = locked.person!;
      const bed = locked.bed!;
      await step('suitability (siteRows, one site)', () => suitability.assess(m, person, bed, from, until));
      const inserted = await step('insert (and bed status)', () =>
        repo.insert(m, {
          personId: person.id, bedId: bed.bedId, siteId: bed.siteId, operationId: person.operationId, kind: 'placement', from, until,
          expiresAt: null, expectedArrivalAt: null, nightlyCostPence: bed.nightlyCostPence, overriddenRules: [], overrideReason: null,
          transferredFromId: null, groupPlacementId: null, createdBy: userId,
        }),
      );
      if (!inserted) continue;
      const { placement } = inserted;
      await step('outbox', () =>
        outbox.emit(m, { type: 'placement.created', operationId: person.operationId, siteId: bed.siteId, data: { placementId: placement.id } },
          { type: 'bed.status_changed', operationId: person.operationId, siteId: bed.siteId, data: { bedId: bed.bedId } }),
      );
      await step('audit', () => audit.record(m, { user: { id: userId, organisationId: orgId, email: '', roles: ['housing_officer'] } }, { action: 'create', entityType: 'placement', entityId: placement.id }));
    } finally {
      if (process.env.COMMIT) await runner.commitTransaction();
      else await runner.rollbackTransaction();
      await runner.release();
    }
  }
  const total = [...cpu.values()].reduce((a, b) => a + b, 0);
  for (const [name, ms] of cpu) console.log(`${name.padEnd(36)} ${(ms / Number(n)).toFixed(2)} ms CPU per placement (${((100 * ms) / total).toFixed(0)}%)`);
  await ds.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
