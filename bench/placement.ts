/**
 * Placement benchmarks (issue 6): bed-options latency and allocation throughput against the physical
 * baseline. Not a test: it prints figures. See bench/README.md.
 *
 *   npm run bench:placement [-- --no-build --keep --embedded --duration=20 --clients=64 --requests=300]
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { ApiProcess, build, CpuMeter, freshDatabase, load, ms, percentile, startApi } from './bench-support';
import { CandidateBed, OFFICER, PoolPerson, PROFILES, ProfileName, SEED, seedWorld, SeededWorld } from './placement-seed';

interface Options {
  build: boolean;
  keep: boolean;
  embedded: boolean;
  duration: number;
  warmup: number;
  clients: number;
  rawConnections: number;
  requests: number;
  json: string | null;
  profileApi: string | null;
}

function options(argv: string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string, fallback: number) => {
    const found = argv.find((a) => a.startsWith(`--${name}=`));
    return found ? Number(found.split('=')[1]) : fallback;
  };
  const text = (name: string) => {
    const found = argv.find((a) => a.startsWith(`--${name}=`));
    return found ? found.slice(name.length + 3) : null;
  };
  return {
    build: !flag('no-build'),
    keep: flag('keep'),
    embedded: flag('embedded'),
    duration: value('duration', 20),
    warmup: value('warmup', 3),
    clients: value('clients', 64),
    rawConnections: value('raw-connections', 16),
    requests: value('requests', 300),
    json: text('json'),
    profileApi: text('profile-api'),
  };
}

const log = (line: string) => console.log(line);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const DAY = 24 * 3600 * 1000;

// ----------------------------------------------------------------------------------------------------
// 1. bed-options latency

interface LatencyResult {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  byProfile: Record<string, { p50: number; p95: number; meanOptions: number; meanExcluded: number }>;
  load: string;
  cpu: CpuPerRequest;
}

/** CPU milliseconds per request, API process and database backends: steadier than wall time on a shared machine. */
interface CpuPerRequest {
  api: number | null;
  database: number;
}

const perRequest = (cpu: { apiMs: number | null; databaseMs: number }, n: number): CpuPerRequest => ({
  api: cpu.apiMs == null ? null : cpu.apiMs / n,
  database: cpu.databaseMs / n,
});
const cpuCell = (c: CpuPerRequest) => `${c.api == null ? '?' : c.api.toFixed(1)}+${c.database.toFixed(1)}`;
const cpuText = (c: CpuPerRequest) => `CPU per request: API ${c.api == null ? 'n/a' : `${c.api.toFixed(2)} ms`}, database ${c.database.toFixed(2)} ms`;

async function bedOptionsLatency(api: ApiProcess, token: string, world: SeededWorld, from: Date, until: Date, requests: number, meter: CpuMeter): Promise<LatencyResult> {
  const byProfile = new Map<ProfileName, string[]>();
  for (const p of world.profilePeople) byProfile.set(p.profile, [...(byProfile.get(p.profile) ?? []), p.id]);
  const headers = { Authorization: `Bearer ${token}` };
  const ask = async (i: number) => {
    const profile = PROFILES[i % PROFILES.length];
    const personId = pick(byProfile.get(profile)!);
    // Half the requests name the end of the stay, half are open-ended, as officers ask both ways.
    const query = new URLSearchParams({ from: from.toISOString(), limit: '20' });
    if (i % 2 === 0) query.set('until', until.toISOString());
    const started = performance.now();
    const res = await fetch(`${api.baseUrl}/api/v1/people/${personId}/bed-options?${query}`, { headers });
    const body = (await res.json()) as { items?: unknown[]; excluded?: unknown[] };
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`bed-options answered ${res.status}: ${JSON.stringify(body)}`);
    return { profile, elapsed, options: body.items?.length ?? 0, excluded: body.excluded?.length ?? 0 };
  };
  for (let i = 0; i < 60; i++) await ask(i); // warm-up: JIT, plan caches, buffers
  const loadBefore = load();
  await meter.start();
  const results = [];
  for (let i = 0; i < requests; i++) results.push(await ask(i));
  const cpu = perRequest(await meter.stop(), requests);
  const all = results.map((r) => r.elapsed);
  const profiles: LatencyResult['byProfile'] = {};
  for (const profile of PROFILES) {
    const mine = results.filter((r) => r.profile === profile);
    profiles[profile] = {
      p50: percentile(mine.map((r) => r.elapsed), 50),
      p95: percentile(mine.map((r) => r.elapsed), 95),
      meanOptions: mine.reduce((s, r) => s + r.options, 0) / mine.length,
      meanExcluded: mine.reduce((s, r) => s + r.excluded, 0) / mine.length,
    };
  }
  return {
    requests,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    max: Math.max(...all),
    byProfile: profiles,
    load: loadBefore,
    cpu,
  };
}

// ----------------------------------------------------------------------------------------------------
// 2. allocation throughput: the API, then the same transaction straight through pg

interface ThroughputResult {
  seconds: number;
  attempts: number;
  successes: number;
  outcomes: Record<string, number>;
  attemptsPerSecond: number;
  successesPerSecond: number;
  p50: number;
  p99: number;
  placementsInDatabase: number;
  doubleBookedBeds: number;
  peopleInTwoBeds: number;
  load: string;
  cpu: CpuPerRequest;
  /** CPU ms per attempt of this (benchmark) process: the load generator for the API, the application side (pg driver) for raw. */
  clientCpu: number;
}

type Attempt = (person: PoolPerson, bed: CandidateBed) => Promise<string>;

/** `clients` loops for `seconds`, each placing a random waiting person into a random bed no hard rule rules out. */
async function drive(world: SeededWorld, clients: number, seconds: number, attempt: Attempt) {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const person = pick(world.pool);
        const bed = pick(world.candidateBeds[person.candidates]);
        const t = performance.now();
        const outcome = await attempt(person, bed).catch((err: Error) => `error ${err.message.slice(0, 60)}`);
        latencies.push(performance.now() - t);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }),
  );
  return { latencies, outcomes, elapsed: (performance.now() - started) / 1000 };
}

function apiAttempt(api: ApiProcess, token: string, from: Date, until: Date): Attempt {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return async (person, bed) => {
    const res = await fetch(`${api.baseUrl}/api/v1/placements`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ personId: person.id, bedId: bed.bedId, from: from.toISOString(), until: until.toISOString(), kind: 'placement' }),
    });
    const text = await res.text();
    if (res.status === 201) return '201';
    let code = '';
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? '';
    } catch {
      /* not JSON */
    }
    return `${res.status} ${code}`.trim();
  };
}

/**
 * The physical baseline: what the API's placing transaction must at least do (the exclusion-constrained
 * insert into placement and the outbox insert, the events shaped as the service emits them), with nothing
 * else: no HTTP, no auth, no rule checks, no row locks, no audit.
 */
function rawAttempt(pool: Pool, officerId: string, from: Date, until: Date): Attempt {
  return async (person, bed) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const {
        rows: [placement],
      } = await client.query(
        `insert into placement (person_id, bed_id, site_id, operation_id, kind, status, period, nightly_cost_pence, created_by)
         values ($1, $2, $3, $4, 'placement', 'active', tstzrange($5, $6, '[)'), $7, $8) returning id`,
        [person.id, bed.bedId, bed.siteId, person.operationId, from, until, bed.nightlyCostPence, officerId],
      );
      const base = { operation_id: person.operationId, local_authority_code: bed.localAuthorityCode, site_id: bed.siteId, organisation_id: null };
      await client.query(
        `insert into outbox_event (type, operation_id, local_authority_code, site_id, organisation_id, data)
         select e.type, e.operation_id, e.local_authority_code, e.site_id, e.organisation_id, e.data
         from jsonb_to_recordset($1::jsonb)
           as e(type text, operation_id uuid, local_authority_code text, site_id uuid, organisation_id uuid, data jsonb)`,
        [
          JSON.stringify([
            {
              ...base,
              type: 'placement.created',
              data: { placementId: placement.id, personReference: person.reference, bedId: bed.bedId, bedLabel: bed.label, siteId: bed.siteId, kind: 'placement' },
            },
            { ...base, type: 'bed.status_changed', data: { bedId: bed.bedId, siteId: bed.siteId, from: 'available', to: 'occupied' } },
          ]),
        ],
      );
      await client.query('commit');
      return '201';
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      const constraint = (err as { constraint?: string }).constraint;
      if (constraint === 'placement_bed_no_overlap') return '409 BED_TAKEN';
      if (constraint === 'placement_person_no_overlap') return '409 PERSON_ALREADY_PLACED';
      throw err;
    } finally {
      client.release();
    }
  };
}

/** Double bookings by SQL, whatever the code believes: overlapping live periods of one bed, or of one person. */
async function doubleBookings(db: Client): Promise<{ beds: number; people: number }> {
  const live = `in ('reserved','active','ended')`;
  const [row] = (
    await db.query(`
      select
        (select count(*) from placement a join placement b on a.bed_id = b.bed_id and a.id < b.id and a.period && b.period
         where a.status ${live} and b.status ${live})::int as beds,
        (select count(*) from placement a join placement b on a.person_id = b.person_id and a.id < b.id and a.period && b.period
         where a.status ${live} and b.status ${live})::int as people`)
  ).rows;
  return row;
}

/** Back to the seeded state: the pool's placements go, beds they held show available again, statistics fresh. */
async function resetAllocations(db: Client, world: SeededWorld): Promise<void> {
  await db.query(`delete from placement where operation_id = any($1::uuid[])`, [world.allocationOperationIds]);
  await db.query(`
    update bed set status = 'available', updated_at = now()
    where status in ('occupied','reserved')
      and not exists (select 1 from placement p where p.bed_id = bed.id and p.status in ('reserved','active') and p.period @> now())`);
  await db.query(`update person set awaiting_bed_since = now() where operation_id = any($1::uuid[]) and awaiting_bed_since is null`, [
    world.allocationOperationIds,
  ]);
  await db.query(`vacuum analyze placement, bed, person, outbox_event, audit_event, bed_status_event`);
}

async function throughput(db: Client, world: SeededWorld, o: Options, attempt: Attempt, meter: CpuMeter): Promise<ThroughputResult> {
  await drive(world, o.clients, o.warmup, attempt);
  await resetAllocations(db, world);
  const loadBefore = load();
  await meter.start();
  const client0 = process.cpuUsage();
  const run = await drive(world, o.clients, o.duration, attempt);
  const client = process.cpuUsage(client0);
  const cpu = await meter.stop();
  const attempts = run.latencies.length;
  const successes = run.outcomes['201'] ?? 0;
  const [{ n }] = (await db.query(`select count(*)::int as n from placement where operation_id = any($1::uuid[])`, [world.allocationOperationIds])).rows;
  const doubles = await doubleBookings(db);
  return {
    seconds: run.elapsed,
    attempts,
    successes,
    outcomes: run.outcomes,
    attemptsPerSecond: attempts / run.elapsed,
    successesPerSecond: successes / run.elapsed,
    p50: percentile(run.latencies, 50),
    p99: percentile(run.latencies, 99),
    placementsInDatabase: n,
    doubleBookedBeds: doubles.beds,
    peopleInTwoBeds: doubles.people,
    load: `${loadBefore} before; ${load()} after`,
    cpu: perRequest(cpu, attempts),
    clientCpu: (client.user + client.system) / 1000 / attempts,
  };
}

// ----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  log(`Placement benchmark at ${new Date().toISOString()} (commit ${commit}), ${load()}`);
  if (o.build) build(log);

  const database = await freshDatabase(o.embedded, log);
  log(`Database: ${database.where}`);
  let api: ApiProcess | undefined;
  const db = new Client({ connectionString: database.url, application_name: 'bench-check' });
  const raw = new Pool({ connectionString: database.url, max: o.rawConnections, application_name: 'bench-raw' });
  try {
    const { runMigrations } = await import('@safe-harbour/database');
    await runMigrations(database.url);
    // Every request asks for the same period: from the start of the run, for four weeks.
    const from = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const until = new Date(from.getTime() + 28 * DAY);
    log('Seeding ...');
    const world = await seedWorld(database.url, from, until, log);
    log(
      `Seeded in ${world.seconds.toFixed(1)} s: ${world.counts.site} sites, ${world.counts.bed} beds, ${world.counts.livePlacements} live placements, ` +
        `${world.counts.person} people (${world.counts.pool} waiting in the allocation pool), ${world.counts.operation} operations`,
    );
    log(`Candidate beds per allocation person (no hard rule against): ${world.candidateBeds.map((c) => c.length).join(', ')}`);

    api = await startApi(database.url, o.profileApi);
    log(`API started (pid ${api.pid}) at ${api.baseUrl}`);
    const login = await fetch(`${api.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(OFFICER),
    });
    if (login.status !== 200) throw new Error(`login answered ${login.status}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    await db.connect();
    const databaseName = new URL(database.url).pathname.slice(1);

    log(`\n1. bed-options latency: ${o.requests} sequential requests over ${PROFILES.length} profiles`);
    const latency = await bedOptionsLatency(api, token, world, from, until, o.requests, new CpuMeter(db, databaseName, api.pid));
    log(`   p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (target p95 <= 25 ms) — ${latency.load}`);
    log(`   ${cpuText(latency.cpu)}`);
    for (const [profile, r] of Object.entries(latency.byProfile)) {
      log(`   ${profile.padEnd(13)} p50 ${ms(r.p50)}, p95 ${ms(r.p95)}; ${r.meanOptions.toFixed(1)} beds offered, ${r.meanExcluded.toFixed(1)} sites excluded on average`);
    }

    log(`\n2. allocation: ${o.clients} clients for ${o.duration} s (after ${o.warmup} s warm-up), each placing a random waiting person in a random bed`);
    const viaApi = await throughput(db, world, o, apiAttempt(api, token, from, until), new CpuMeter(db, databaseName, api.pid));
    printThroughput('API', viaApi);
    await resetAllocations(db, world);
    log(`   physical baseline: the same transaction straight through pg, ${o.clients} workers over ${o.rawConnections} connections`);
    const viaPg = await throughput(db, world, o, rawAttempt(raw, world.officerId, from, until), new CpuMeter(db, databaseName, null));
    printThroughput('raw pg', viaPg);
    const ratio = viaApi.attemptsPerSecond / viaPg.attemptsPerSecond;
    const successRatio = viaApi.successesPerSecond / viaPg.successesPerSecond;
    log(`   ratio API/raw: ${ratio.toFixed(2)} in attempts/s (target >= 0.35), ${successRatio.toFixed(2)} in successful placements/s`);
    // On a shared machine the API's single thread gets a share of the CPU, not a core: the CPU each attempt
    // costs is the figure that does not move with other people's load.
    const apiCpu = (viaApi.cpu.api ?? NaN) + viaApi.cpu.database;
    const rawCpu = viaPg.clientCpu + viaPg.cpu.database;
    log(`   CPU per attempt: API ${apiCpu.toFixed(2)} ms (server + database), raw ${rawCpu.toFixed(2)} ms (client + database): ratio ${(rawCpu / apiCpu).toFixed(2)}`);

    const row = [
      new Date().toISOString().slice(0, 10),
      commit,
      ms(latency.p50),
      ms(latency.p95),
      ms(latency.p99),
      viaApi.attemptsPerSecond.toFixed(0),
      viaApi.successesPerSecond.toFixed(0),
      `${ms(viaApi.p50)} / ${ms(viaApi.p99)}`,
      viaPg.attemptsPerSecond.toFixed(0),
      viaPg.successesPerSecond.toFixed(0),
      ratio.toFixed(2),
      String(viaApi.doubleBookedBeds + viaApi.peopleInTwoBeds + viaPg.doubleBookedBeds + viaPg.peopleInTwoBeds),
      `${cpuCell(latency.cpu)} / ${cpuCell(viaApi.cpu)} / ${viaPg.clientCpu.toFixed(1)}+${viaPg.cpu.database.toFixed(1)}`,
      latency.load.replace(/^load /, '').replace(/ on \d+ cores$/, ''),
    ];
    log(
      '\nREADME row (date | commit | options p50 | p95 | p99 | API req/s | API placed/s | API p50 / p99 | raw tx/s | raw placed/s | ratio | ' +
        'double bookings | CPU ms per request: options API+DB / placing API+DB / raw client+DB | load 1/5/15 min):',
    );
    log(`| ${row.join(' | ')} |`);
    if (o.json) {
      writeFileSync(o.json, JSON.stringify({ commit, database: database.where, seed: SEED, world: world.counts, latency, viaApi, viaPg, ratio, successRatio, cpuRatio: rawCpu / apiCpu }, null, 2));
      log(`Results written to ${o.json}`);
    }
    if (viaApi.doubleBookedBeds + viaApi.peopleInTwoBeds + viaPg.doubleBookedBeds + viaPg.peopleInTwoBeds > 0) {
      process.exitCode = 2;
      log('DOUBLE BOOKINGS FOUND: the exclusion constraints did not hold.');
    }
  } finally {
    await api?.stop();
    await db.end().catch(() => undefined);
    await raw.end().catch(() => undefined);
    if (o.keep) log(`Kept the database: ${database.url}`);
    else await database.drop();
  }
}

function printThroughput(label: string, r: ThroughputResult) {
  const outcomes = Object.entries(r.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  log(
    `   ${label.padEnd(6)} ${r.attemptsPerSecond.toFixed(0)} requests/s, ${r.successesPerSecond.toFixed(0)} placements/s, ` +
      `p50 ${ms(r.p50)}, p99 ${ms(r.p99)} over ${r.seconds.toFixed(1)} s`,
  );
  log(`          outcomes ${outcomes}`);
  log(
    `          ${r.placementsInDatabase} placements in the database for ${r.successes} successes; ` +
      `double bookings: ${r.doubleBookedBeds} beds, ${r.peopleInTwoBeds} people — ${r.load}`,
  );
  log(`          ${cpuText(r.cpu)}; this process (${label === 'API' ? 'load generator' : 'the pg client side'}) ${r.clientCpu.toFixed(2)} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
