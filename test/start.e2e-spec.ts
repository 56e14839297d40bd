import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, freePort, TestDatabase } from '@safe-harbour/database';

/**
 * `npm start` as a user runs it: scripts/start.js (which rebuilds only if a source changed) runs the
 * compiled server, not the TypeScript the other tests load. This catches what only the build can break:
 * templates, browser scripts and styles missing from dist, or a module that fails to load once compiled.
 */
describe('npm start serves the built application', () => {
  let database: TestDatabase;
  let server: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    database = await createTestDatabase(process.env.SAFE_HARBOUR_TEST_SERVER_URL!);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(__dirname, '..', 'scripts', 'start.js')], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), DEMO_DATA: '1', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 240_000; // a stale build is rebuilt first
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${output.slice(-2000)}`);
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`no answer from ${base}: ${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 300_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
  });

  it('renders the sign-in page with its stylesheet and scripts', async () => {
    const page = await fetch(`${base}/sign-in`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Sign in – Safe Harbour</title>');
    const assets = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect([asset, (await fetch(`${base}${asset}`)).status]).toEqual([asset, 200]);
  });

  it('answers the API and sends / to sign-in', async () => {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const home = await fetch(`${base}/`, { redirect: 'manual' });
    expect(home.status).toBeGreaterThanOrEqual(300);
    expect(home.status).toBeLessThan(400);
    expect(home.headers.get('location')).toMatch(/sign-in/);
  });
});
