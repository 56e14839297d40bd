import { Logger } from 'nestjs-pino';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { canonicalJson, IdempotencyRetention } from '../apps/api/src/common/idempotency.interceptor';
import { LiveEvent } from '../apps/api/src/live/live-events';
import { OutboxRelay } from '../apps/api/src/live/outbox-relay.service';
import { newOrganisation } from './support/factories';
import { newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { emitEvents } from './support/live-factories';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** Issue 18, faults 1-4: under a held lock, an idle writer, a crash and a lost database it stays up and tells the truth. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Captures what the app logs at `level` (the real logger, its output kept for the assertion). */
function captureLog(t: TestApp, level: 'warn' | 'error'): { lines: string[]; restore(): void } {
  const logger = t.app.get(Logger);
  const lines: string[] = [];
  const spy = jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => void lines.push(JSON.stringify(args)));
  return { lines, restore: () => spy.mockRestore() };
}

describe('A held bed lock does not take the server down (fault 1)', () => {
  let t: TestApp;
  let world: PlacementWorld;

  beforeAll(async () => {
    // A small pool, so that 25 queued placements would take every connection.
    t = await startTestApp({ DB_POOL_SIZE: '6', DB_POOL_RESERVE: '2', DB_LOCK_TIMEOUT_MS: '1000', DB_TRANSACTION_QUEUE_TIMEOUT_MS: '1500' });
    world = await newPlacementWorld(t);
  });
  afterAll(() => t.close());

  it('answers health and reads while 25 placements queue for a locked bed, and the placements get 409/503 with Retry-After', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const people = [];
    for (let i = 0; i < 25; i++) people.push(await newTriagedPerson(t, world));
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from bed where id = $1 for update', [bedIds[0]]);
      const started = Date.now();
      const placing = people.map((p) =>
        t.http
          .post('/api/v1/placements')
          .set(bearer(world.officer.token))
          .send({ personId: p.id, bedId: bedIds[0], from: new Date().toISOString(), kind: 'placement' })
          .then((res) => ({ status: res.status, retryAfter: res.headers['retry-after'], code: res.body.code, at: Date.now() - started })),
      );
      await sleep(300);
      // While they queue: health and a read answer at once.
      const health = await t.http.get('/api/health');
      expect(health.status).toBe(200);
      const read = await t.http.get(`/api/v1/operations/${world.operationId}`).set(bearer(world.officer.token));
      expect(read.status).toBe(200);
      const answers = await Promise.all(placing);
      for (const answer of answers) {
        expect([409, 503]).toContain(answer.status);
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      }
      // Bounded: nobody waited for the lock holder (it is still holding).
      expect(Math.max(...answers.map((a) => a.at))).toBeLessThan(8000);
      expect((await t.db.query(`select count(*)::int as n from placement where bed_id = $1`, [bedIds[0]])).rows[0].n).toBe(0);
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
    // Once the lock is gone the bed is placed as usual.
    await t.http
      .post('/api/v1/placements')
      .set(bearer(world.officer.token))
      .send({ personId: people[0].id, bedId: bedIds[0], from: new Date().toISOString(), kind: 'placement' })
      .expect(201);
  });

  it('refuses timeouts that do not fit together at start', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadConfig } = require('../apps/api/src/config/config.schema');
    expect(() => loadConfig({ DB_LOCK_TIMEOUT_MS: '60000', DB_STATEMENT_TIMEOUT_MS: '30000' })).toThrow(/DB_LOCK_TIMEOUT_MS/);
    expect(() => loadConfig({ DB_POOL_SIZE: '4', DB_POOL_RESERVE: '4' })).toThrow(/DB_POOL_RESERVE/);
    expect(() => loadConfig({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 'soon' })).toThrow(/DB_IDLE_IN_TRANSACTION_TIMEOUT_MS/);
  });
});

describe('An idle outbox writer does not freeze the live feed (fault 2)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_WRITER_MAX_WAIT_MS: '1500', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000' });
  });
  afterAll(() => t.close());

  it('ends a writer idle in its transaction after the bounded wait, logs who it was, and the feed moves on', async () => {
    const relay = t.app.get(OutboxRelay);
    await relay.ready;
    const seen: LiveEvent[] = [];
    const off = relay.onEvents((events) => seen.push(...events));
    const warnings = captureLog(t, 'warn');
    const idle = new Client({ connectionString: t.database.url, application_name: 'psql-left-open' });
    idle.on('error', () => undefined); // it is going to be ended
    await idle.connect();
    try {
      await idle.query('begin');
      await idle.query(`insert into outbox_event (type, data) values ('test.idle', '{}')`);
      // A change through the API after it: its event has a higher seq and waits behind the idle one.
      const started = Date.now();
      await emitEvents(t.app, { type: 'test.after-idle', localAuthorityCode: 'E08000035', data: {} });
      const emitted = (await t.db.query(`select max(seq)::int as seq from outbox_event`)).rows[0].seq as number;
      while (!seen.some((e) => e.seq >= emitted) && Date.now() - started < 10_000) await sleep(50);
      expect(seen.some((e) => e.seq >= emitted)).toBe(true);
      expect(Date.now() - started).toBeLessThan(6000);
      expect(warnings.lines.join('\n')).toContain('psql-left-open');
      // Its change rolled back: the event it wrote never exists.
      expect((await t.db.query(`select count(*)::int as n from outbox_event where type = 'test.idle'`)).rows[0].n).toBe(0);
    } finally {
      off();
      warnings.restore();
      await idle.end().catch(() => undefined);
    }
  });

  it('our own sessions carry the configured idle-in-transaction, lock and statement timeouts', async () => {
    const [own] = await t.app.get(DataSource).query(`select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('lock_timeout') as lock, current_setting('statement_timeout') as statement`);
    expect(own).toEqual({ idle: '1s', lock: '3s', statement: '30s' });
  });
});

describe('Idempotency keys after a crash (fault 3)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: '30', IDEMPOTENCY_RETENTION_HOURS: '24' });
  });
  afterAll(() => t.close());

  const createOrganisation = (key: string, name: string) =>
    t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', key).send({ name, kind: 'ngo' });
  const adminId = async () => (await t.db.query(`select id from app_user where email = 'admin@e2e.test'`)).rows[0].id as string;

  it('a committed change always has its stored response: a fault after the change is never "in progress" for good', async () => {
    // The response cannot be stored (a fault in the database after the change): today the change
    // committed first and the key stayed "in progress" forever.
    await t.db.query(`create function e2e_refuse_completion() returns trigger language plpgsql as $$
      begin if new.status_code is not null then raise exception 'storage fault'; end if; return new; end $$`);
    await t.db.query(`create trigger e2e_refuse_completion before update on idempotency_record for each row execute function e2e_refuse_completion()`);
    const name = `Crash Test ${Date.now()}`;
    let first;
    try {
      first = await createOrganisation('crash-key-1', name);
    } finally {
      await t.db.query(`drop trigger e2e_refuse_completion on idempotency_record; drop function e2e_refuse_completion()`);
    }
    expect(first.status).toBeGreaterThanOrEqual(500);
    const committed = (await t.db.query(`select count(*)::int as n from organisation where name = $1`, [name])).rows[0].n;
    const record = (await t.db.query(`select status_code from idempotency_record where key = 'crash-key-1'`)).rows[0];
    // Either both (the change and its response) or neither.
    expect(committed === 1).toBe(record?.status_code != null);
    // The client retries: it learns the truth, and nothing is created twice.
    const retry = await createOrganisation('crash-key-1', name);
    expect(retry.status).toBe(201);
    expect((await t.db.query(`select count(*)::int as n from organisation where name = $1`, [name])).rows[0].n).toBe(1);
  });

  it('a claim that outlived its request is taken over by the retry', async () => {
    const body = { name: `Stale Claim ${Date.now()}`, kind: 'ngo' };
    const hash = createHash('sha256').update(`POST /api/v1/organisations\n${canonicalJson(body)}`).digest('hex');
    // As a server killed mid-request leaves it: claimed ten minutes ago, no response, no change.
    await t.db.query(
      `insert into idempotency_record (user_id, key, method, path, request_hash, claim_token, claimed_at, created_at)
       values ($1, 'stale-key-1', 'POST', '/api/v1/organisations', $2, gen_random_uuid(), now() - interval '10 minutes', now() - interval '10 minutes')`,
      [await adminId(), hash],
    );
    const retry = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'stale-key-1').send(body);
    expect(retry.status).toBe(201);
    const again = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'stale-key-1').send(body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body.id).toBe(retry.body.id);
  });

  it('a fresh claim is still "in progress", with a retry hint', async () => {
    const body = { name: `Fresh Claim ${Date.now()}`, kind: 'ngo' };
    const hash = createHash('sha256').update(`POST /api/v1/organisations\n${canonicalJson(body)}`).digest('hex');
    await t.db.query(
      `insert into idempotency_record (user_id, key, method, path, request_hash, claim_token) values ($1, 'fresh-key-1', 'POST', '/api/v1/organisations', $2, gen_random_uuid())`,
      [await adminId(), hash],
    );
    const res = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'fresh-key-1').send(body);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('records expire after the configured retention', async () => {
    const old = await createOrganisation('expiring-key-1', `Old ${Date.now()}`);
    expect(old.status).toBe(201);
    const recent = await createOrganisation('recent-key-1', `Recent ${Date.now()}`);
    expect(recent.status).toBe(201);
    await t.db.query(`update idempotency_record set created_at = now() - interval '25 hours' where key = 'expiring-key-1'`);
    expect(await t.app.get(IdempotencyRetention).prune()).toBeGreaterThanOrEqual(1);
    const keys = (await t.db.query(`select key from idempotency_record where key in ('expiring-key-1', 'recent-key-1')`)).rows.map((r) => r.key);
    expect(keys).toEqual(['recent-key-1']);
  });
});

describe('The database goes away (fault 4)', () => {
  let t: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const server = new URL(process.env.SAFE_HARBOUR_TEST_SERVER_URL!);
    proxy = await TcpProxy.create({ host: server.hostname, port: Number(server.port || 5432) });
    t = await startTestApp({}, { appDatabasePort: proxy.port });
  });
  afterAll(async () => {
    await proxy.up();
    await t.close();
    await proxy.down();
  });

  it('answers API routes 503 with Retry-After while it is down, and serves again when it is back', async () => {
    const org = await newOrganisation(t);
    await proxy.down();
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(503);
    const read = await t.http.get(`/api/v1/organisations/${org.id}`).set(bearer(t.adminToken));
    expect(read.status).toBe(503);
    expect(read.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(Number(read.headers['retry-after'])).toBeGreaterThan(0);
    const write = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).send({ name: 'While down', kind: 'ngo' });
    expect(write.status).toBe(503);
    await proxy.up();
    let back = await t.http.get(`/api/v1/organisations/${org.id}`).set(bearer(t.adminToken));
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await sleep(250);
      back = await t.http.get(`/api/v1/organisations/${org.id}`).set(bearer(t.adminToken));
    }
    expect(back.status).toBe(200);
  });
});

describe('Redis is down when the server starts (fault 4)', () => {
  it('starts, logs it, delivers live events locally, and joins the adapter when Redis returns', async () => {
    const redis = await TcpProxy.create({ host: '127.0.0.1', port: 6379 }, false);
    const started = Date.now();
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${redis.port}` });
    try {
      expect(Date.now() - started).toBeLessThan(20_000);
      const relay = t.app.get(OutboxRelay);
      const seen: LiveEvent[] = [];
      const off = relay.onEvents((events) => seen.push(...events));
      await emitEvents(t.app, { type: 'test.no-redis', localAuthorityCode: 'E08000035', data: {} });
      const wanted = (await t.db.query(`select max(seq)::int as seq from outbox_event`)).rows[0].seq as number;
      for (let i = 0; i < 40 && !seen.some((e) => e.seq >= wanted); i++) await sleep(50);
      expect(seen.some((e) => e.seq >= wanted)).toBe(true);
      off();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { LIVE_REDIS } = require('../apps/api/src/live/live-redis');
      const live = t.app.get(LIVE_REDIS);
      expect(live.isConnected).toBe(false);
      await redis.up();
      for (let i = 0; i < 100 && !live.isConnected; i++) await sleep(100);
      expect(live.isConnected).toBe(true);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { LiveGateway } = require('../apps/api/src/live/live.gateway');
      await sleep(100);
      expect(t.app.get(LiveGateway).server.adapter.constructor.name).toBe('RedisAdapter');
    } finally {
      await t.close();
      await redis.down();
    }
  });
});
