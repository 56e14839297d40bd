import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { newUser } from './support/factories';
import { newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '..', 'test-artifacts');

/**
 * The dashboard in a real headless Chromium against a real server: log in, open an operation, make a
 * placement through the API, and see the counts change on the page within 2 seconds.
 */
describe('dashboard in a browser', () => {
  let t: TestApp;
  let world: PlacementWorld;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let centre: { siteId: string; bedIds: string[] };
  let password: string;
  let email: string;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '..', 'dist/dashboard/index.html'))) {
      execFileSync('npm', ['run', 'build:dashboard'], { cwd: resolve(__dirname, '..'), stdio: 'ignore' });
    }
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    world = await newPlacementWorld(t);
    centre = await newSiteWithBeds(t, world, 4, { type: 'reception_centre', name: 'Community hall' });
    await t.http
      .post(`/api/v1/operations/${world.operationId}/reception-centres`)
      .set(bearer(world.officer.token))
      .send({ siteId: centre.siteId, opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 2 * 86400_000).toISOString() })
      .expect(201);
    const lead = await newUser(t, world.councilId, ['operation_lead']);
    email = lead.email;
    password = 'correct horse battery staple';
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      // playwright gives every launch a fresh, empty profile of its own.
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in, opens the operation and shows a placement within 2 seconds', async () => {
    // The live picture is the operation's page /operations/:id/live; signing in comes back to it.
    await page.goto(`${baseUrl}/operations/${world.operationId}/live`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/operations/${world.operationId}/live`);
    expect(await page.title()).toMatch(/^Operation P[A-Z]{4}: live picture – Safe Harbour$/);

    const site = page.getByTestId(`site-${centre.siteId}`);
    await site.waitFor({ timeout: 10_000 });
    await page.getByTestId('live-indicator').getByText('Live').waitFor({ timeout: 10_000 });
    await expectText(site.getByTestId('site-available'), '4');

    const person = await newTriagedPerson(t, world);
    await page.getByTestId('waiting-count').getByText('1').waitFor({ timeout: 2_000 });
    const started = Date.now();
    await t.http
      .post('/api/v1/placements')
      .set(bearer(world.officer.token))
      .send({ personId: person.id, bedId: centre.bedIds[0], from: new Date().toISOString(), kind: 'placement' })
      .expect(201);
    await expectText(site.getByTestId('site-available'), '3', 2_000);
    await page.getByTestId('waiting-count').getByText('0').waitFor({ timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(page.getByTestId('live-indicator').textContent()).resolves.toMatch(/last event \d/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  });

  it('is keyboard reachable: the sign-out control takes focus by Tab', async () => {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent ?? ""');
    expect(String(focused).length).toBeGreaterThan(0);
  });
});

async function expectText(locator: ReturnType<Page['getByTestId']>, text: string, timeout = 10_000) {
  await locator.filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout });
}
