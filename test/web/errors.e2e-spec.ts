import request from 'supertest';
import { DEMO_ADMIN_PASSWORD } from '../../apps/api/src/config/config.schema';
import { newOrganisation } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Failures on pages are pages in words, never a framework's error or a JSON body (no browser needed). */
describe('web error pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('answers too many sign-in attempts with "Too many attempts, wait a minute", not ThrottlerException', async () => {
    // A server of its own with a low limit: its sign-in counts are per client address, so they would hold up
    // the other tests' sign-ins from the same address.
    const limited = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    const agent = request.agent(limited.app.getHttpServer());
    const form = await agent.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 5; i++) {
      const res = await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: 'someone@e2e.test', password: 'wrong' });
      statuses.push(res.status);
      last = res.text;
      if (res.status === 429) break;
    }
    expect(statuses).toContain(422); // a wrong password is shown on the form first
    expect(statuses.at(-1)).toBe(429);
    expect(last).toContain('Too many attempts, wait a minute');
    expect(last).toContain('<title>Too many attempts – Safe Harbour</title>');
    expect(last).not.toMatch(/Throttler|Exception|statusCode/);
    await limited.close();
  });

  it('makes whoever signs in with the printed demo password choose their own, and remembers that', async () => {
    const org = await newOrganisation(t);
    const email = `demo-${Date.now()}@e2e.test`;
    await request(t.app.getHttpServer())
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ email, password: DEMO_ADMIN_PASSWORD, displayName: 'Demo user', organisationId: org.id, roles: ['emergency_planner'] })
      .expect(201);
    const login = await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ email, password: DEMO_ADMIN_PASSWORD }).expect(200);
    expect(login.body.mustChangePassword).toBe(true);
    const [row] = (await t.db.query(`select must_change_password from app_user where email = $1`, [email])).rows;
    expect(row.must_change_password).toBe(true);
  });

  it('sends a browser whose session is unusable to sign in, and back to the page it asked for', async () => {
    const res = await request(t.app.getHttpServer()).get('/operations/not-a-uuid/desk').set('Cookie', 'sh_session=not-a-token');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Foperations%2Fnot-a-uuid%2Fdesk&expired=1');
  });
});
