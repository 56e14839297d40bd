/**
 * Live fan-out benchmark (issue 7): N dashboard clients subscribed to one area, R events per second for
 * S seconds, commit-to-client latency p50/p99 and events lost, beside a bare socket.io echo baseline
 * measured in the same run on the same machine.
 *
 *   npm run bench:live
 *   BENCH_CLIENTS=500 BENCH_RATE=50 BENCH_SECONDS=30 npm run bench:live
 *
 * Both servers run as child processes (the API exactly as `npm start` runs it, against a fresh database
 * on the local PostgreSQL, or an embedded one); the clients and the producer live in this process, so
 * send/commit times and receive times come from one clock.
 *
 * Live phase: each event is one transaction on its own connection (`begin; insert into outbox_event ...;
 * commit`, the statement OutboxService runs inside every feature's transaction); its commit time is taken
 * when COMMIT returns. Latency = time a client's `event` handler runs - commit time.
 * Baseline phase: a producer socket emits `publish`, the echo server broadcasts it to the room.
 * Latency = time a client's handler runs - time of the producer's emit.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { io, Socket } from 'socket.io-client';
import {
  createTestDatabase,
  EmbeddedDatabase,
  freePort,
  LOCAL_SERVER_URL,
  serverAnswers,
  startEmbeddedPostgres,
  TestDatabase,
} from '../libs/database/src';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const AREA = 'E08000035';
const ROOT = resolve(__dirname, '..');
const ADMIN = { email: 'bench-admin@safe-harbour.test', password: 'bench-admin-password' };

interface Receipt {
  key: number;
  at: number;
}

interface PhaseResult {
  name: string;
  clients: number;
  sent: number;
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** p50 in each sixth of the run: a figure that climbs means a backlog is building. */
  p50Over: number[];
  /** Latency to the first client that got each event: the pipeline before fan-out. */
  firstP50: number;
  firstP99: number;
  serverCpuPercent: number;
  clientCpuPercent: number;
}

async function main(): Promise<void> {
  console.log(`Live fan-out: ${CLIENTS} clients, ${RATE} events/s for ${SECONDS} s\n`);
  const database = await benchDatabase();
  const children: ChildProcess[] = [];
  try {
    const echo = await startChild('bench/live-echo-server.ts', {}, /echo listening/);
    children.push(echo.child);
    const baseline = await runEchoPhase(echo.port, echo.child.pid!);

    const api = await startChild(
      'apps/api/src/main.ts',
      {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      },
      /Safe Harbour is listening/,
    );
    children.push(api.child);
    const live = await runLivePhase(api.port, api.child.pid!, database.url);

    report([baseline, live]);
    if (live.lost > 0 || live.duplicates > 0 || live.outOfOrder > 0) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)))));
    await database.drop();
  }
}

/** A fresh database on the local PostgreSQL (or an embedded one), fully migrated. */
async function benchDatabase(): Promise<TestDatabase> {
  if (await serverAnswers(LOCAL_SERVER_URL)) return createTestDatabase(LOCAL_SERVER_URL);
  console.log('No PostgreSQL on 127.0.0.1:5432: starting an embedded one');
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'safe-harbour-bench-pg-')), {
    database: 'postgres_bench',
  });
  const server = new URL(embedded.url);
  server.pathname = '/postgres';
  const database = await createTestDatabase(server.toString());
  return { ...database, drop: async () => (await database.drop(), await embedded.stop()) };
}

async function startChild(script: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}:\n${output}`)));
  });
  // Keep draining its output so a chatty child never blocks on a full pipe; show warnings and errors.
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (/"level":(20|40|50|60)|error/i.test(text) && !/LegacyRouteConverter/.test(text)) process.stderr.write(`[${script}] ${text}`);
  });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${script}] ${chunk}`));
  return { child, port };
}

/** CPU seconds a process has used so far (Linux /proc), to show how busy each server was. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
  } catch {
    return NaN;
  }
}

function connect(url: string, auth?: Record<string, unknown>): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, forceNew: true });
    socket.once('connect', () => done(socket));
    socket.once('connect_error', fail);
  });
}

/** Connects `CLIENTS` sockets a few at a time (a burst of 500 handshakes is not what is measured). */
async function connectAll(make: () => Promise<Socket>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < CLIENTS; i += 25) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(25, CLIENTS - i) }, make))));
  }
  return sockets;
}

/** Fires `produce(i)` R times a second for S seconds on a fixed schedule (a slow one never delays the next). */
async function produceAtRate(produce: (i: number) => Promise<void>): Promise<number> {
  const total = RATE * SECONDS;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(produce(i));
  }
  await Promise.all(inFlight);
  return total;
}

async function runEchoPhase(port: number, pid: number): Promise<PhaseResult> {
  console.log('baseline: raw socket.io echo ...');
  const url = `http://127.0.0.1:${port}/echo`;
  const receipts: Receipt[][] = [];
  const sockets = await connectAll(() => connect(url));
  await Promise.all(
    sockets.map((socket, n) => {
      const mine: Receipt[] = (receipts[n] = []);
      socket.on('event', (event: { seq: number }) => mine.push({ key: event.seq, at: performance.now() }));
      return socket.timeout(10_000).emitWithAck('subscribe', `area:${AREA}`);
    }),
  );
  const producer = await connect(url);
  const sentAt = new Map<number, number>();
  const meter = startMeter(pid);
  const sent = await produceAtRate(async (i) => {
    sentAt.set(i, performance.now());
    // The same shape and size as a live event, so both phases move the same bytes.
    producer.emit('publish', { room: `area:${AREA}`, event: sampleEvent(i) });
  });
  await drain(receipts, sent);
  const cpu = meter();
  for (const socket of [...sockets, producer]) socket.disconnect();
  return summarise('raw socket.io echo (baseline)', receipts, sentAt, [...sentAt.keys()], cpu);
}

async function runLivePhase(port: number, pid: number, databaseUrl: string): Promise<PhaseResult> {
  console.log('live: API /live namespace, events committed to the outbox ...');
  const base = `http://127.0.0.1:${port}`;
  const adminToken = (await post(base, '/api/v1/auth/login', ADMIN)).accessToken;
  const council = await post(base, '/api/v1/organisations', { name: 'Bench City Council', kind: 'council', localAuthorityCode: AREA }, adminToken);
  const officer = { email: 'bench-officer@safe-harbour.test', password: 'tundra sparrow ledger ninety' };
  await post(base, '/api/v1/users', { ...officer, displayName: 'Bench officer', organisationId: council.id, roles: ['housing_officer'] }, adminToken);
  const token = (await post(base, '/api/v1/auth/login', officer)).accessToken;

  const receipts: Receipt[][] = [];
  const sockets = await connectAll(() => connect(`${base}/live`, { token }));
  await Promise.all(
    sockets.map(async (socket, n) => {
      const mine: Receipt[] = (receipts[n] = []);
      socket.on('event', (event: { seq: number }) => mine.push({ key: event.seq, at: performance.now() }));
      const ack = await socket.timeout(10_000).emitWithAck('subscribe', { localAuthorityCode: AREA });
      if (!ack.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
    }),
  );
  await sleep(1000); // past the new-subscription grace

  const pool = new Pool({ connectionString: databaseUrl, max: 16 });
  const committedAt = new Map<number, number>();
  const seqs: number[] = [];
  const meter = startMeter(pid);
  await produceAtRate(async (i) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query(
        `insert into outbox_event (type, local_authority_code, site_id, data)
         values ('placement.created', $1, gen_random_uuid(), $2) returning seq`,
        [AREA, { placementId: `bench-${i}`, reference: `BEN-${String(i).padStart(4, '0')}` }],
      );
      await client.query('commit');
      const seq = Number(rows[0].seq);
      committedAt.set(seq, performance.now());
      seqs.push(seq);
    } finally {
      client.release();
    }
  });
  await drain(receipts, seqs.length);
  const cpu = meter();
  for (const socket of sockets) socket.disconnect();
  await pool.end();
  return summarise('Safe Harbour /live (outbox -> relay -> socket.io)', receipts, committedAt, seqs.sort((a, b) => a - b), cpu);
}

/** Waits until every client has everything, or nothing more has arrived for 5 s. */
async function drain(receipts: Receipt[][], perClient: number): Promise<void> {
  let last = -1;
  let quietSince = performance.now();
  for (;;) {
    const total = receipts.reduce((n, r) => n + r.length, 0);
    if (total >= perClient * receipts.length) return;
    if (total !== last) {
      last = total;
      quietSince = performance.now();
    } else if (performance.now() - quietSince > 5000) {
      return;
    }
    await sleep(50);
  }
}

/** A live event's shape and size (the echo baseline sends the same). */
function sampleEvent(i: number) {
  return {
    seq: i,
    type: 'placement.created',
    at: new Date().toISOString(),
    localAuthorityCode: AREA,
    siteId: '6f1c2a9e-3b7d-4c1e-9a2f-8d5b4e7c1a03',
    data: { placementId: `bench-${i}`, reference: `BEN-${String(i).padStart(4, '0')}` },
  };
}

/** Starts measuring CPU use of the server (by pid) and of this process (the clients); call to stop. */
function startMeter(pid: number): () => { server: number; clients: number } {
  const serverBefore = cpuSeconds(pid);
  const clientsBefore = process.cpuUsage();
  const started = performance.now();
  return () => {
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(clientsBefore);
    return { server: ((cpuSeconds(pid) - serverBefore) / wall) * 100, clients: ((used.user + used.system) / 1e6 / wall) * 100 };
  };
}

function summarise(
  name: string,
  receipts: Receipt[][],
  sentAt: Map<number, number>,
  keys: number[],
  cpu: { server: number; clients: number },
): PhaseResult {
  const latencies: number[] = [];
  const order = new Map(keys.map((key, index) => [key, index]));
  const windows: number[][] = Array.from({ length: 6 }, () => []);
  const first = new Map<number, number>();
  let received = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  for (const mine of receipts) {
    const seen = new Set<number>();
    let previous = -Infinity;
    for (const { key, at } of mine) {
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      if (key < previous) outOfOrder++;
      previous = key;
      const t0 = sentAt.get(key);
      if (t0 !== undefined) {
        latencies.push(at - t0);
        if (!first.has(key) || at - t0 < first.get(key)!) first.set(key, at - t0);
        windows[Math.min(5, Math.floor(((order.get(key) ?? 0) / keys.length) * 6))].push(at - t0);
      }
      received++;
    }
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
  const expected = keys.length * receipts.length;
  return {
    name,
    clients: receipts.length,
    sent: keys.length,
    expected,
    received,
    lost: expected - received,
    duplicates,
    outOfOrder,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    firstP50: percentile([...first.values()], 50),
    firstP99: percentile([...first.values()], 99),
    p50Over: windows.map((w) => (w.length ? w.sort((a, b) => a - b)[Math.floor(w.length / 2)] : NaN)),
    serverCpuPercent: cpu.server,
    clientCpuPercent: cpu.clients,
  };
}

function report(results: PhaseResult[]): void {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log('');
  console.log('| phase | clients | events | deliveries | lost | dup | out of order | p50 | p90 | p99 | max | server CPU | clients CPU |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.clients} | ${r.sent} | ${r.received} | ${r.lost} | ${r.duplicates} | ${r.outOfOrder} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.serverCpuPercent.toFixed(0)} % | ${r.clientCpuPercent.toFixed(0)} % |`,
    );
  }
  console.log('');
  for (const r of results) {
    console.log(`${r.name}: first client p50 ${ms(r.firstP50)}, p99 ${ms(r.firstP99)}; p50 by sixth of the run ${r.p50Over.map((v) => v.toFixed(0)).join(' / ')} ms`);
  }
  console.log(`\n${JSON.stringify({ clients: CLIENTS, rate: RATE, seconds: SECONDS, results })}`);
}

async function post(base: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
