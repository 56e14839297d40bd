import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createTestDatabase,
  EmbeddedDatabase,
  freePort,
  LOCAL_SERVER_URL,
  serverAnswers,
  startEmbeddedPostgres,
  TestDatabase,
} from '@safe-harbour/database';

export const ROOT = resolve(__dirname, '..');

/** Nearest-rank percentile of an unsorted sample, in the sample's unit. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');

/** The 1, 5 and 15 minute load averages: the machine is shared, so every figure carries the load beside it. */
export function load(): string {
  return `load ${loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores`;
}

export interface BenchDatabase {
  url: string;
  where: string;
  drop(): Promise<void>;
}

/** A fresh database on the machine's PostgreSQL (127.0.0.1:5432), or on an embedded one when it does not answer. */
export async function freshDatabase(forceEmbedded: boolean, log: (line: string) => void): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = LOCAL_SERVER_URL;
  if (forceEmbedded || !(await serverAnswers(LOCAL_SERVER_URL))) {
    const dir = mkdtempSync(join(tmpdir(), 'safe-harbour-bench-pg-'));
    log(`Starting an embedded PostgreSQL in ${dir}`);
    embedded = await startEmbeddedPostgres(dir, { database: 'bench' });
    const url = new URL(embedded.url);
    url.pathname = '/postgres';
    serverUrl = url.toString();
  }
  const database: TestDatabase = await createTestDatabase(serverUrl);
  const version = await serverVersion(database.url);
  return {
    url: database.url,
    where: `${embedded ? 'embedded' : 'local'} PostgreSQL ${version}, database ${database.name}`,
    async drop() {
      await database.drop().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

async function serverVersion(url: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`show server_version`)).rows[0].server_version;
  } finally {
    await client.end();
  }
}

export function build(log: (line: string) => void): void {
  log('npm run build ...');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The compiled server in its own process, so that the benchmark client and the server do not share an
 * event loop. Its output is kept and shown only if it fails.
 */
export async function startApi(databaseUrl: string, profileDir: string | null = null): Promise<ApiProcess> {
  const port = await freePort();
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`, '-r', resolve(__dirname, 'exit-on-term.js')] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, 'dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'admin@bench.test',
      ADMIN_PASSWORD: randomBytes(16).toString('hex'),
      LOG_LEVEL: 'warn',
      DEMO_DATA: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The API exited during start:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The API did not answer /api/health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
// Linux reports /proc times in clock ticks; USER_HZ is 100 on every mainstream kernel.
const CLOCK_TICKS = 100;

/**
 * CPU spent by the API process and by the database backends serving one database over a phase: the
 * machine is shared, so wall-clock figures move with other people's load while CPU per request does not
 * (much). Backends that close during the phase are missed, which only undercounts.
 */
export class CpuMeter {
  private api0: number | null = null;
  private backends0 = new Map<number, number>();

  constructor(
    private readonly db: { query(sql: string, params?: unknown[]): Promise<{ rows: Array<{ pid: number }> }> },
    private readonly database: string,
    private readonly apiPid: number | null,
  ) {}

  private async backends(): Promise<Map<number, number>> {
    const { rows } = await this.db.query(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [this.database]);
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms != null) cpu.set(pid, ms);
    }
    return cpu;
  }

  async start(): Promise<void> {
    this.api0 = this.apiPid == null ? null : processCpuMs(this.apiPid);
    this.backends0 = await this.backends();
  }

  /** CPU ms used since `start`: by the API process (null when not measured) and by the database backends. */
  async stop(): Promise<{ apiMs: number | null; databaseMs: number }> {
    const api1 = this.apiPid == null ? null : processCpuMs(this.apiPid);
    const now = await this.backends();
    let databaseMs = 0;
    for (const [pid, ms] of now) databaseMs += ms - (this.backends0.get(pid) ?? 0);
    return { apiMs: this.api0 != null && api1 != null ? api1 - this.api0 : null, databaseMs };
  }
}
