import request from 'supertest';
import { newOrganisation } from '../support/factories';
import { Journey, signIn, signInByKeyboard, startWebTest, webUser, WebTest } from './support/browser';

/**
 * The web application's foundations, in a real browser against the real server: sign-in and out, the
 * navigation by role, the forced password change, CSRF, the session warning, pages in words for errors.
 */
describe('web foundations', () => {
  let web: WebTest;
  let j: Journey;
  let councilId: string;

  beforeAll(async () => {
    web = await startWebTest();
    councilId = (await newOrganisation(web.t, { name: 'Leeds City Council' })).id;
  });
  afterAll(async () => web?.close());
  beforeEach(async () => (j = await web.journey()));
  afterEach(() => j.assertEveryPageChecked());

  it('sends someone not signed in to sign in, and back to the page they asked for', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    await j.visit('/operations');
    expect(new URL(j.page.url()).pathname).toBe('/sign-in');
    await j.page.getByLabel('Email').fill(planner.email);
    await j.page.getByLabel('Password', { exact: true }).fill(planner.password);
    await j.submit('Sign in');
    expect(new URL(j.page.url()).pathname).toBe('/operations');
    await expectHeading(j, 'Operations');
  });

  it('shows a wrong password in the error summary and at the field, never a framework error', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    await j.visit('/sign-in');
    await j.page.getByLabel('Email').fill(planner.email);
    await j.page.getByLabel('Password', { exact: true }).fill('not the password');
    await j.submit('Sign in');
    const summary = j.page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Email or password is wrong');
    await expect(j.page.locator('#email-error').textContent()).resolves.toContain('Email or password is wrong');
    expect(await j.page.title()).toBe('Error: Sign in – Safe Harbour');
    // An empty form: one message per field, each linking to its field.
    await j.page.getByLabel('Email').fill('');
    await j.submit('Sign in');
    await expect(summary.locator('a[href="#email"]').textContent()).resolves.toContain('Enter your email address');
    await expect(summary.locator('a[href="#password"]').textContent()).resolves.toContain('Enter your password');
  });

  it.each([
    [['emergency_planner'], '/operations', ['Operations']],
    [['housing_officer'], '/sites', ['Accommodation', 'Worklist']],
    [['admin'], '/admin/users', ['Operations', 'Accommodation', 'Worklist', 'Users', 'Audit trail']],
  ] as const)('a %j starts at %s and sees its own navigation', async (roles, start, items) => {
    const user = await webUser(web.t, [...roles], councilId);
    const res = await loginAgent(web, user);
    const home = await res.get('/').redirects(0);
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe(start);
    await signIn(j, user, '/accessibility');
    const nav = j.page.getByRole('navigation', { name: 'Menu' });
    expect((await nav.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([...items]);
  });

  it('takes an operation lead to the live picture of their running operation', async () => {
    const lead = await webUser(web.t, ['operation_lead'], councilId);
    const agent = await loginAgent(web, lead);
    expect((await agent.get('/').redirects(0)).headers.location).toBe('/operations');
    const op = await web.t.http
      .post('/api/v1/operations')
      .set('Authorization', `Bearer ${lead.token}`)
      .send({ name: 'Operation Lantern', leadOrganisationId: councilId, localAuthorityCode: 'E08000035', plannedStart: new Date().toISOString(), expectedPeople: 5 })
      .expect(201);
    expect((await agent.get('/').redirects(0)).headers.location).toBe(`/operations/${op.body.id}/live`);
  });

  it('signs out', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    await signIn(j, planner);
    await j.click(j.page.getByRole('link', { name: 'Sign out' }));
    expect(new URL(j.page.url()).pathname).toBe('/sign-in');
    await expect(j.page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('You have signed out');
    await j.visit('/operations');
    expect(new URL(j.page.url()).pathname).toBe('/sign-in');
  });

  it('signs in and out with the keyboard alone', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    await signInByKeyboard(j, planner);
    await expectHeading(j, 'Operations');
    await j.tabTo(/^Sign out$/, { back: true });
    await j.press('Enter');
    expect(new URL(j.page.url()).pathname).toBe('/sign-in');
  });

  it('holds every page behind "Change your password" until the user chooses their own', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    // What the demo admin's first sign-in, or an admin's password reset, leaves behind.
    await web.t.db.query(`update app_user set must_change_password = true where id = $1`, [planner.id]);
    await signIn(j, planner, '/operations');
    expect(new URL(j.page.url()).pathname).toBe('/account/password');
    await j.visit('/operations');
    expect(new URL(j.page.url()).pathname).toBe('/account/password');
    await expect(j.page.getByRole('navigation', { name: 'Menu' }).count()).resolves.toBe(0);

    await j.page.getByLabel('Current password').fill(planner.password);
    await j.page.getByLabel('New password').fill('short');
    await j.page.getByLabel('Type it again').fill('short');
    await j.submit('Change password');
    await expect(j.page.locator('#newPassword-error').textContent()).resolves.toContain('12 characters or more');

    await j.page.getByLabel('Current password').fill(planner.password);
    await j.page.getByLabel('New password').fill('a much longer passphrase');
    await j.page.getByLabel('Type it again').fill('a much longer passphrase');
    await j.submit('Change password');
    expect(new URL(j.page.url()).pathname).toBe('/operations');
    await expect(j.page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Your password has been changed');
    const [row] = (await web.t.db.query(`select must_change_password from app_user where id = $1`, [planner.id])).rows;
    expect(row.must_change_password).toBe(false);
    // The old password no longer works; the new one does.
    await web.t.http.post('/api/v1/auth/login').send({ email: planner.email, password: planner.password }).expect(401);
    await web.t.http.post('/api/v1/auth/login').send({ email: planner.email, password: 'a much longer passphrase' }).expect(200);
  });

  it('warns before the session ends, renews it, and once it has ended signs in again back to the same page', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    await j.page.clock.install();
    await signIn(j, planner, '/operations?status=planning');
    const banner = j.page.locator('[data-module="app-session-warning"]');
    await expect(banner.isHidden()).resolves.toBe(true);
    await j.page.clock.fastForward('58:30');
    await banner.waitFor({ state: 'visible' });
    await expect(banner.textContent()).resolves.toMatch(/Your session ends at \d\d:\d\d/);
    await j.expectAxeClean();
    const renewed = j.page.waitForResponse((r) => r.url().endsWith('/account/session'));
    await j.page.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await renewed).status()).toBe(200);
    await banner.waitFor({ state: 'hidden' });

    // The session ends (the cookie goes with it): the next click goes through sign-in and comes back.
    await j.page.context().clearCookies({ name: 'sh_session' });
    await j.page.reload();
    await j.expectAxeClean();
    expect(new URL(j.page.url()).pathname).toBe('/sign-in');
    await expect(j.page.getByText('Your session has ended').count()).resolves.toBeGreaterThan(0);
    await j.page.getByLabel('Email').fill(planner.email);
    await j.page.getByLabel('Password', { exact: true }).fill(planner.password);
    await j.submit('Sign in');
    expect(j.page.url()).toBe(`${web.baseUrl}/operations?status=planning`);
  });

  it('refuses a form post without the CSRF token, in words', async () => {
    const planner = await webUser(web.t, ['emergency_planner'], councilId);
    const res = await request(web.t.app.getHttpServer()).post('/sign-in').type('form').send({ email: planner.email, password: planner.password });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('This form has expired');
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';')).not.toContain('sh_session=ey');
  });

  it('answers an unknown page and the internal routing prefix with "Page not found"', async () => {
    await j.visit('/no-such-page');
    await expectHeading(j, 'Page not found');
    const direct = await request(web.t.app.getHttpServer()).get('/_web/accessibility');
    expect(direct.status).toBe(404);
    // The API is untouched: JSON errors as before.
    const api = await request(web.t.app.getHttpServer()).get('/api/v1/operations');
    expect(api.status).toBe(401);
    expect(api.body.code).toBe('UNAUTHENTICATED');
  });

  it('has an accessibility statement, readable at 320 px', async () => {
    await j.visit('/accessibility');
    await expectHeading(j, 'Accessibility statement');
    await j.screenshot('accessibility');
  });
});

async function expectHeading(j: Journey, text: string) {
  await expect(j.page.locator('h1').textContent()).resolves.toContain(text);
}

/** A supertest agent signed in through the web form (cookie + CSRF token read from the page). */
export async function loginAgent(web: WebTest, user: { email: string; password: string }) {
  const agent = request.agent(web.t.app.getHttpServer());
  const form = await agent.get('/sign-in').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: user.email, password: user.password }).expect(303);
  return agent;
}
