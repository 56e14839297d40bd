import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { newOrganisation, newUser } from './support/factories';
import { startAnotherServer } from './support/live-factories';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Hole 5 of issue #13: rotating X-Forwarded-For bypassed the login limit, counts were per process, and
 * nothing slowed down guessing one account's password.
 */
describe('login limits', () => {
  describe('per client address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    });
    afterAll(() => t.close());

    it('a rotating X-Forwarded-For from an untrusted peer does not reset the count', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', `203.0.113.${i + 1}`).send({ ...ADMIN, password: 'wrong' });
        statuses.push(res.status);
      }
      // startTestApp logged in once already: 2 more are allowed, then 429
      expect(statuses).toEqual([401, 401, 429, 429, 429]);
    });
  });

  describe('behind a configured proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '2', TRUSTED_PROXIES: 'loopback' });
    });
    afterAll(() => t.close());

    it('counts the address the trusted proxy reports', async () => {
      const as = (ip: string) => t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ ...ADMIN, password: 'wrong' });
      expect((await as('198.51.100.7')).status).toBe(401);
      expect((await as('198.51.100.7')).status).toBe(401);
      expect((await as('198.51.100.7')).status).toBe(429);
      expect((await as('198.51.100.8')).status).toBe(401);
    });
  });

  describe('per account', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '1000', LOGIN_BACKOFF_SECONDS: '1' });
    });
    afterAll(() => t.close());

    it('backs off an account after repeated failures, even with the right password, and leaves others alone', async () => {
      const org = await newOrganisation(t, { kind: 'council' });
      const victim = await newUser(t, org.id, ['housing_officer']);
      const other = await newUser(t, org.id, ['housing_officer']);
      const login = (email: string, password: string) => t.http.post('/api/v1/auth/login').send({ email, password });
      for (let i = 0; i < 5; i++) expect((await login(victim.email, `guess-${i}-guess-guess`)).status).toBe(401);
      const locked = await login(victim.email, 'correct horse battery staple');
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // the same account in another case is the same account
      expect((await login(victim.email.toUpperCase(), 'correct horse battery staple')).status).toBe(429);
      expect((await login(other.email, 'correct horse battery staple')).status).toBe(200);
      // once the backoff has passed (1 s here), the right password works and resets the count
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect((await login(victim.email, 'correct horse battery staple')).status).toBe(200);
      expect((await login(victim.email, 'guess-again-guess-guess')).status).toBe(401);
      expect((await login(victim.email, 'correct horse battery staple')).status).toBe(200);
    });
  });

  describe('shared through Redis with REDIS_URL', () => {
    let t: TestApp;
    let second: { app: INestApplication; port: number };
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '3', REDIS_URL });
      second = await startAnotherServer(t.config, t.database.url);
    });
    afterAll(async () => {
      await second?.app.close();
      await t?.close();
    });

    it('attempts on two servers count together', async () => {
      const other = request(second.app.getHttpServer());
      // startTestApp logged in once on the first server
      expect((await t.http.post('/api/v1/auth/login').send({ ...ADMIN, password: 'wrong' })).status).toBe(401);
      expect((await other.post('/api/v1/auth/login').send({ ...ADMIN, password: 'wrong' })).status).toBe(401);
      expect((await other.post('/api/v1/auth/login').send({ ...ADMIN, password: 'wrong' })).status).toBe(429);
    });
  });
});
