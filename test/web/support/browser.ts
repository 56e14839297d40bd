import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { Role } from '../../../apps/api/src/auth/roles';
import { newOrganisation, newUser, TestUser } from '../../support/factories';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * The browser test harness for the web application: a real server on a fresh database, Debian's headless
 * Chromium, axe-core on every page a journey visits, screenshots at 1280 and 320 px, keyboard helpers.
 * One `startWebTest()` per test file; one `journey()` per test (its own browser context, so cookies are
 * its own).
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
export const PASSWORD = 'correct horse battery staple';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface WebTest {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  journey(options?: { width?: number; offline?: boolean }): Promise<Journey>;
  close(): Promise<void>;
}

/** The stylesheet is built by `npm run build`; build it here too when missing or older than its sources. */
function ensureBuilt(): void {
  const css = join(ROOT, 'dist/web/application.css');
  const scss = join(ROOT, 'apps/api/src/web/assets/scss');
  const newest = Math.max(...['application.scss', '_safe-harbour.scss'].map((f) => statSync(join(scss, f)).mtimeMs));
  if (!existsSync(css) || statSync(css).mtimeMs < newest) execFileSync('node', ['scripts/build-web.js'], { cwd: ROOT, stdio: 'ignore' });
}

export async function startWebTest(env: Record<string, string> = {}): Promise<WebTest> {
  ensureBuilt();
  const t = await startTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives every launch a fresh, empty profile of its own (the --user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    async journey(options = {}) {
      const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, baseURL: baseUrl, locale: 'en-GB', timezoneId: 'Europe/London' });
      contexts.push(context);
      return new Journey(await context.newPage(), baseUrl);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

/** A person of `roles` in `organisationId` (a new council when absent), with the known password. */
export async function webUser(t: TestApp, roles: Role[], organisationId?: string): Promise<TestUser & { password: string }> {
  const orgId = organisationId ?? (await newOrganisation(t)).id;
  return { ...(await newUser(t, orgId, roles)), password: PASSWORD };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * One person's way through the application in one browser tab. Every page it loads must be checked
 * (`visit`, `click` and `submit` check for you; after anything else that navigates, call
 * `expectAxeClean`), and `assertEveryPageChecked()` at the end proves none was missed.
 */
export class Journey {
  private loads = 0;
  private readonly checked = new Set<number>();
  private readonly visited: string[] = [];
  readonly consoleErrors: string[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('load', () => {
      this.loads += 1;
      this.visited.push(page.url());
    });
    page.on('console', (m) => m.type() === 'error' && this.consoleErrors.push(m.text()));
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
  }

  /** Open a path and check the page. */
  async visit(path: string): Promise<void> {
    await this.page.goto(path, { waitUntil: 'load' });
    await this.expectAxeClean();
  }

  /** Click something that loads a new page (a link, a form's button), then check that page. */
  async click(target: Locator): Promise<void> {
    const loaded = this.page.waitForEvent('load');
    await target.click();
    await loaded;
    await this.expectAxeClean();
  }

  /** Press a key on the focused element (Enter on a link or button) and check the page it loads. */
  async press(key: string): Promise<void> {
    const loaded = this.page.waitForEvent('load');
    await this.page.keyboard.press(key);
    await loaded;
    await this.expectAxeClean();
  }

  /** Submit by the button's visible name. */
  async submit(buttonName: string | RegExp): Promise<void> {
    await this.click(this.page.getByRole('button', { name: buttonName }));
  }

  /**
   * axe-core on the page as it is now (serious or critical violations fail), plus the contract's page
   * rules: one `<h1>` and a `<title>` "<page> – Safe Harbour".
   */
  async expectAxeClean(): Promise<void> {
    const page = this.page;
    await page.waitForLoadState('load');
    // page.evaluate runs outside the page's CSP, so the strict policy stays on while axe runs.
    if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as { violations: AxeViolation[] };
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const where = `${page.url()}`;
    if (bad.length) {
      throw new Error(`axe: ${bad.length} serious/critical violation(s) on ${where}:\n${bad.map((v) => `- ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('\n')}`);
    }
    const h1s = await page.locator('h1').count();
    if (h1s !== 1) throw new Error(`${where} has ${h1s} <h1> elements, not one`);
    const title = await page.title();
    if (!/ – Safe Harbour$/.test(title)) throw new Error(`${where} has the title "${title}", not "<page> – Safe Harbour"`);
    this.checked.add(this.loads);
  }

  assertEveryPageChecked(): void {
    const missed = this.visited.filter((_, i) => !this.checked.has(i + 1));
    if (missed.length) throw new Error(`pages loaded but never checked with axe: ${missed.join(', ')}`);
  }

  /**
   * Full-page screenshots at 1280 and 320 px into test-artifacts/web/<name>-<width>.png; at 320 px the
   * page must not scroll sideways (WCAG 1.4.10 reflow).
   */
  async screenshot(name: string): Promise<void> {
    const page = this.page;
    const original = page.viewportSize() ?? { width: 1280, height: 900 };
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      if (width === 320) {
        const overflow = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        if (overflow > 320) throw new Error(`${page.url()} is ${overflow} px wide at a 320 px viewport: it scrolls sideways`);
      }
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize(original);
  }

  /** The accessible-ish name of the focused element: its label, aria-label, or text. */
  async focusedName(): Promise<string> {
    return (await this.page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      const label = el.labels && el.labels[0] ? el.labels[0].textContent : null;
      return (label || el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\\s+/g, ' ').trim();
    })()`)) as string;
  }

  /** Keyboard only: press Tab (Shift+Tab with `back`) until the focused element's name matches. */
  async tabTo(name: string | RegExp, options: { max?: number; back?: boolean } = {}): Promise<void> {
    const matches = (text: string) => (typeof name === 'string' ? text.toLowerCase().includes(name.toLowerCase()) : name.test(text));
    const seen: string[] = [];
    for (let i = 0; i < (options.max ?? 80); i++) {
      await this.page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
      const current = await this.focusedName();
      if (matches(current)) return;
      seen.push(current);
    }
    throw new Error(`Tab never reached "${name}"; focus went through: ${seen.filter(Boolean).slice(0, 40).join(' | ')}`);
  }

  /** Keyboard only: Tab to a field by its label and type into it. */
  async typeInto(label: string | RegExp, text: string): Promise<void> {
    await this.tabTo(label);
    await this.page.keyboard.type(text);
  }
}

/** Sign in through the sign-in page (checked with axe, as is the page it lands on). */
export async function signIn(j: Journey, user: { email: string; password: string }, returnTo?: string): Promise<void> {
  await j.visit(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in');
  await j.page.getByLabel('Email').fill(user.email);
  await j.page.getByLabel('Password').fill(user.password);
  await j.submit('Sign in');
}

/** The same, with the keyboard alone. */
export async function signInByKeyboard(j: Journey, user: { email: string; password: string }): Promise<void> {
  await j.visit('/sign-in');
  await j.typeInto(/^Email$/, user.email);
  await j.typeInto(/^Password$/, user.password);
  await j.tabTo(/^Sign in$/);
  await j.press('Enter');
}
