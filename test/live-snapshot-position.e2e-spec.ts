import { LiveEvent } from '../apps/api/src/live/live-events';
import { OutboxRelay } from '../apps/api/src/live/outbox-relay.service';
import { emitEvents } from './support/live-factories';
import { newOperation, newOperationWorld, OperationWorld, registerPerson } from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 18, "the live picture tells the truth": a snapshot carries the relay's safe position. A client
 * that takes the summary and then patches its count from `person.registered` events (those after `seq`,
 * and those listed in `pending`) ends with the true count, even when a registration with a lower seq was
 * still committing while the summary was read. With `max(seq)` that registration was never counted.
 */
describe('Snapshots carry the relay’s safe position', () => {
  let t: TestApp;
  let world: OperationWorld;
  let operationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await newOperationWorld(t);
    operationId = (await newOperation(t, world.planner, { status: 'active' })).id;
  });
  afterAll(() => t.close());

  it('a client patching counts from events never misses one that was committing during the snapshot', async () => {
    const relay = t.app.get(OutboxRelay);
    await relay.ready;
    const events: LiveEvent[] = [];
    const off = relay.onEvents((batch) => events.push(...batch));
    // The first registration to write its event then stalls before commit (as a slow one does); the
    // others pass it by. Only one transaction gets the advisory lock, so only one stalls.
    await t.db.query(`create function e2e_stall_once() returns trigger language plpgsql as $$
      begin
        if new.type = 'person.registered' and pg_try_advisory_xact_lock(918273) then perform pg_sleep(1.5); end if;
        return new;
      end $$`);
    await t.db.query(`create trigger e2e_stall_once after insert on outbox_event for each row execute function e2e_stall_once()`);
    try {
      const slow = registerPerson(t, world.planner, operationId);
      await sleep(300);
      // Something else with a higher seq commits first (registrations of one operation take turns).
      await emitEvents(t.app, { type: 'test.meanwhile', localAuthorityCode: 'E08000035', data: {} });
      const snapshot = await t.http.get(`/api/v1/operations/${operationId}/summary`).set(bearer(world.planner.token)).expect(200);
      await slow;
      await registerPerson(t, world.planner, operationId);

      const expected = (await t.http.get(`/api/v1/operations/${operationId}/summary`).set(bearer(world.planner.token)).expect(200)).body.people.total;
      for (let i = 0; i < 100 && events.filter((e) => e.type === 'person.registered').length < 2; i++) await sleep(50);

      // The client: snapshot, then every event after it or pending in it.
      const { seq, pending } = snapshot.body as { seq: number; pending: number[] };
      const patched =
        snapshot.body.people.total +
        events.filter((e) => e.type === 'person.registered' && e.operationId === operationId && (e.seq > seq || pending.includes(e.seq))).length;
      expect(pending.length).toBeGreaterThan(0); // the stalled registration was in flight
      expect(patched).toBe(expected);
      expect(expected).toBe(2);
    } finally {
      off();
      await t.db.query(`drop trigger e2e_stall_once on outbox_event; drop function e2e_stall_once()`);
    }
  });
});
