import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { LiveGateway } from '../apps/api/src/live/live.gateway';
import { emitEvents, LiveClient, connectLive, listen, relayCaughtUp, sleep, startAnotherServer } from './support/live-factories';
import { newPlacementWorld, newSiteWithBeds, newTriagedPerson } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const LEEDS = 'E08000035';
const REDIS_URL = 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Two API processes behind one database (two Nest apps in this jest process, each with its own HTTP
 * server, socket.io server and outbox relay): a client on each receives every event once, in order.
 */
describe.each([
  ['with the Redis adapter', { REDIS_URL }],
  ['without Redis', {}],
])('two servers %s', (label, env: Record<string, string>) => {
  let t: TestApp;
  let first: { app: INestApplication; port: number };
  let second: { app: INestApplication; port: number };
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    if (env.REDIS_URL && !(await redisAnswers())) {
      throw new Error(`No Redis at ${REDIS_URL}: start it with redis-server --daemonize yes (see .ci/run)`);
    }
    t = await startTestApp(env);
    first = { app: t.app, port: await listen(t.app) };
    second = await startAnotherServer(t.config, t.database.url);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await second?.app.close();
    await t?.close();
  });

  const watchOn = async (server: { app: INestApplication; port: number }, body: Record<string, unknown> = { localAuthorityCode: LEEDS }) => {
    await relayCaughtUp(server.app, t.db);
    const client = await connectLive(server.port, { token: t.adminToken });
    clients.push(client);
    expect((await client.subscribe(body)).ok).toBe(true);
    return client;
  };

  it(`uses ${env.REDIS_URL ? 'the Redis adapter' : 'the in-memory adapter'}`, () => {
    for (const server of [first, second]) {
      const adapter = server.app.get(LiveGateway).server.adapter;
      expect(adapter.constructor.name).toBe(env.REDIS_URL ? 'RedisAdapter' : 'Adapter');
    }
  });

  it('delivers every event once, in order, to a client on each server', async () => {
    const onFirst = await watchOn(first);
    const onSecond = await watchOn(second);
    // Written through the first server: one at a time, then several transactions at once.
    for (let i = 0; i < 10; i++) {
      await emitEvents(first.app, { type: 'placement.created', localAuthorityCode: LEEDS, siteId: randomUUID(), data: { n: i } });
    }
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        emitEvents(first.app, { type: 'placement.created', localAuthorityCode: LEEDS, siteId: randomUUID(), data: { n: 10 + i } }),
      ),
    );
    const { rows } = await t.db.query(`select seq::int from outbox_event where local_authority_code = $1 order by seq`, [LEEDS]);
    const expected = rows.map((r) => r.seq);
    expect(expected).toHaveLength(20);
    for (const client of [onFirst, onSecond]) {
      await client.waitFor((c) => c.events.length >= 20, 5000, 'all 20 events');
    }
    await sleep(300); // anything sent twice would have arrived by now
    expect(onFirst.seqs).toEqual(expected);
    expect(onSecond.seqs).toEqual(expected);
  });

  it('delivers a placement made through one server to a client on each, once and in order', async () => {
    const world = await newPlacementWorld(t);
    const { bedIds, siteId } = await newSiteWithBeds(t, world, 1);
    const person = await newTriagedPerson(t, world);
    const watchers = [await watchOn(first, { operationId: world.operationId }), await watchOn(second, { operationId: world.operationId })];
    await sleep(300); // past the subscribe grace: these clients are plainly live
    const before = (await t.db.query(`select coalesce(max(seq), 0)::int as seq from outbox_event`)).rows[0].seq;
    const placement = await t.http
      .post('/api/v1/placements')
      .set(bearer(world.officer.token))
      .send({ personId: person.id, bedId: bedIds[0], from: new Date().toISOString(), kind: 'placement' })
      .expect(201);
    const { rows } = await t.db.query(`select seq::int from outbox_event where operation_id = $1 and seq > $2 order by seq`, [
      world.operationId,
      before,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    for (const watcher of watchers) {
      await watcher.waitFor((c) => c.events.some((e) => e.type === 'placement.created'), 5000, 'placement.created');
    }
    await sleep(300);
    for (const watcher of watchers) {
      const created = watcher.events.filter((e) => e.type === 'placement.created');
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ operationId: world.operationId, siteId, data: expect.objectContaining({ placementId: placement.body.id }) });
      expect(watcher.seqs).toEqual([...watcher.seqs].sort((a, b) => a - b));
      expect(new Set(watcher.seqs).size).toBe(watcher.seqs.length);
      expect(JSON.stringify(watcher.events)).not.toMatch(/Test Street/);
    }
    expect(watchers[0].seqs).toEqual(rows.map((r) => r.seq));
    expect(watchers[1].seqs).toEqual(rows.map((r) => r.seq));
  });

  it('lets a client whose server stops resume on the other one without losing an event', async () => {
    const third = await startAnotherServer(t.config, t.database.url);
    const client = await watchOn(third);
    await emitEvents(first.app, { type: 'bed.status_changed', localAuthorityCode: LEEDS, data: { status: 'occupied' } });
    await client.waitFor((c) => c.events.length === 1);
    await third.app.close(); // the process dies; events keep being committed meanwhile
    for (let i = 0; i < 3; i++) {
      await emitEvents(second.app, { type: 'bed.status_changed', localAuthorityCode: LEEDS, data: { status: 'available', n: i } });
    }
    const { rows } = await t.db.query(`select seq::int from outbox_event where seq > $1 and local_authority_code = $2 order by seq`, [
      client.lastSeq,
      LEEDS,
    ]);
    const again = await watchOn(second);
    const ack = await again.send('resume', { sinceSeq: client.lastSeq });
    expect(ack.ok).toBe(true);
    expect(ack.resync).toBeUndefined();
    // Replayed from the outbox, or live if this server's relay had not reached them yet: either way once.
    await again.waitFor((c) => c.events.length >= 3);
    await sleep(200);
    expect(again.seqs).toEqual(rows.map((r) => r.seq));
  });
});
