import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { ConfigError, loadConfig } from '../apps/api/src/config/config.schema';
import { newOrganisation, newUser } from './support/factories';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';

const count = async (t: TestApp, table: string) => Number((await t.db.query(`select count(*) from ${table}`)).rows[0].count);

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('health and docs', () => {
    it('reports the database up', async () => {
      const res = await t.http.get('/api/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', db: 'up' });
    });

    it('publishes an OpenAPI document generated from the DTOs', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      expect(res.body.paths['/api/v1/auth/login']).toBeDefined();
      expect(res.body.components.schemas.CreateUserDto.properties.roles).toBeDefined();
    });

    it('sends security headers and a request id', async () => {
      const res = await t.http.get('/api/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('login', () => {
    it('gives the admin a token and their identity', async () => {
      const res = await t.http.post('/api/v1/auth/login').send(ADMIN).expect(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.user).toMatchObject({ email: ADMIN.email, roles: ['admin'], organisationId: expect.any(String) });
    });

    it('refuses a wrong password with 401 and audits the failure', async () => {
      const before = await count(t, `audit_event where action = 'login_failed'`);
      const res = await t.http.post('/api/v1/auth/login').send({ ...ADMIN, password: 'wrong-password' }).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED' });
      expect(await count(t, `audit_event where action = 'login_failed'`)).toBe(before + 1);
    });

    it('stores passwords as argon2id hashes, never in clear', async () => {
      const { rows } = await t.db.query(`select password_hash from app_user where email = $1`, [ADMIN.email]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses calls without a token (401) and with a forged one (401)', async () => {
      await t.http.get('/api/v1/organisations').expect(401);
      await t.http.get('/api/v1/organisations').set(bearer('not.a.token')).expect(401);
    });
  });

  describe('roles and organisation scope', () => {
    it('refuses a non-admin creating an organisation (403) and writes nothing', async () => {
      const org = await newOrganisation(t);
      const officer = await newUser(t, org.id, ['housing_officer']);
      const before = await count(t, 'organisation');
      const res = await t.http
        .post('/api/v1/organisations')
        .set(bearer(officer.token))
        .send({ name: 'Sneaky Council', kind: 'council' })
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await count(t, 'organisation')).toBe(before);
    });

    it("hides another organisation's records as 404, never 403", async () => {
      const a = await newOrganisation(t);
      const b = await newOrganisation(t);
      const officerA = await newUser(t, a.id, ['housing_officer']);
      const userB = await newUser(t, b.id, ['emergency_planner']);
      await t.http.get(`/api/v1/organisations/${a.id}`).set(bearer(officerA.token)).expect(200);
      await t.http.get(`/api/v1/organisations/${b.id}`).set(bearer(officerA.token)).expect(404);
      await t.http.get(`/api/v1/users/${userB.id}`).set(bearer(officerA.token)).expect(404);
      const list = await t.http.get('/api/v1/organisations').set(bearer(officerA.token)).expect(200);
      expect(list.body.map((o: { id: string }) => o.id)).toEqual([a.id]);
    });

    it('only admins read the audit trail', async () => {
      const org = await newOrganisation(t);
      const lead = await newUser(t, org.id, ['operation_lead']);
      await t.http.get('/api/v1/audit').set(bearer(lead.token)).expect(403);
      await t.http.get('/api/v1/audit').set(bearer(t.adminToken)).expect(200);
    });
  });

  describe('validation', () => {
    it.each([
      ['an unknown field', { name: 'X Council', kind: 'council', colour: 'red' }],
      ['an unknown kind', { name: 'X Council', kind: 'charity' }],
      ['a malformed area code', { name: 'X Council', kind: 'council', localAuthorityCode: 'leeds' }],
      ['a missing name', { kind: 'council' }],
    ])('rejects %s with 400 and writes nothing', async (_, body) => {
      const before = await count(t, 'organisation');
      const res = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(Array) });
      expect(await count(t, 'organisation')).toBe(before);
    });

    it('rejects malformed JSON with 400 and no stack trace', async () => {
      const res = await t.http
        .post('/api/v1/organisations')
        .set(bearer(t.adminToken))
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|node_modules/);
    });

    it('rejects a user with an unknown role or organisation', async () => {
      const org = await newOrganisation(t);
      const before = await count(t, 'app_user');
      await t.http
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .send({ email: 'x@e2e.test', password: 'long enough password', displayName: 'X', organisationId: org.id, roles: ['superuser'] })
        .expect(400);
      await t.http
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .send({ email: 'x@e2e.test', password: 'long enough password', displayName: 'X', organisationId: '00000000-0000-4000-8000-000000000000', roles: ['partner'] })
        .expect(422);
      expect(await count(t, 'app_user')).toBe(before);
    });

    it('refuses a second organisation with the same name (409)', async () => {
      const org = await newOrganisation(t);
      await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).send({ name: org.name.toUpperCase(), kind: 'ngo' }).expect(409);
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and body, creating nothing new', async () => {
      const body = { name: 'Kirklees Council', kind: 'council', localAuthorityCode: 'E08000034' };
      const first = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'org-kirklees-1').send(body).expect(201);
      const before = await count(t, 'organisation');
      const again = await t.http
        .post('/api/v1/organisations')
        .set(bearer(t.adminToken))
        .set('Idempotency-Key', 'org-kirklees-1')
        .send({ kind: 'council', localAuthorityCode: 'E08000034', name: 'Kirklees Council' })
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replay']).toBe('true');
      expect(await count(t, 'organisation')).toBe(before);
    });

    it('refuses the same key with a different body (422)', async () => {
      await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'org-2').send({ name: 'Calderdale Council', kind: 'council' }).expect(201);
      const before = await count(t, 'organisation');
      const res = await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'org-2').send({ name: 'Bradford Council', kind: 'council' }).expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await count(t, 'organisation')).toBe(before);
    });

    it('lets a key be used again after the first attempt failed validation', async () => {
      await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'org-3').send({ name: 'Wakefield Council', kind: 'nope' }).expect(400);
      await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'org-3').send({ name: 'Wakefield Council', kind: 'council' }).expect(201);
    });
  });

  describe('audit trail', () => {
    it('records who created what, and admins can query it', async () => {
      const org = await newOrganisation(t, { name: 'Audited Council' });
      const res = await t.http.get(`/api/v1/audit?entityType=organisation&entityId=${org.id}`).set(bearer(t.adminToken)).expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({ action: 'create', entityType: 'organisation', entityId: org.id, actorUserId: expect.any(String), requestId: expect.any(String) });
    });

    it('pages through the trail with a cursor', async () => {
      const first = await t.http.get('/api/v1/audit?limit=2').set(bearer(t.adminToken)).expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await t.http.get(`/api/v1/audit?limit=2&cursor=${first.body.nextCursor}`).set(bearer(t.adminToken)).expect(200);
      expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
    });

    it('cannot be changed or deleted, even by the owner of the table', async () => {
      await expect(t.db.query(`update audit_event set action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`delete from audit_event`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`truncate audit_event`)).rejects.toThrow(/append-only/);
    });
  });
});

describe('login rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 once the limit is used up', async () => {
    // startTestApp already logged the admin in once.
    await t.http.post('/api/v1/auth/login').send({ ...ADMIN, password: 'wrong' }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ ...ADMIN, password: 'wrong' }).expect(401);
    const res = await t.http.post('/api/v1/auth/login').send(ADMIN).expect(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('health when the database is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await admin(`alter database ${t.database.name} allow_connections true`);
    await t.close();
  });

  async function admin(sql: string) {
    const client = new Client({ connectionString: process.env.SAFE_HARBOUR_TEST_SERVER_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  it('answers 503 with db down, and 200 again once it is back', async () => {
    await t.http.get('/api/health').expect(200);
    await t.db.end();
    t.db = new (require('pg').Pool)({ connectionString: t.database.ownerUrl, max: 1 });
    await admin(`alter database ${t.database.name} allow_connections false`);
    await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${t.database.name}'`);
    const res = await t.http.get('/api/health').expect(503);
    expect(res.body).toEqual({ status: 'error', db: 'down' });
    await admin(`alter database ${t.database.name} allow_connections true`);
    await t.http.get('/api/health').expect(200);
  });
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'change-me-on-first-login' }, /ADMIN_PASSWORD/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'a-real-secret-1', PASSWORD_HASH_PROFILE: 'fast' }, /PASSWORD_HASH_PROFILE/],
  ])('stops with one line naming the bad variable: %o', (env, pattern) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

describe('deny by default', () => {
  @Controller('forgotten')
  class ForgottenController {
    @Get()
    open() {
      return { leaked: true };
    }
  }
  @Module({ controllers: [ForgottenController] })
  class ForgottenModule {}

  it('refuses a route that declares no roles, even to an admin', async () => {
    const t = await startTestApp();
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [AppModule.register(t.config, t.database.url), ForgottenModule],
      }).compile();
      const app = moduleRef.createNestApplication({ bufferLogs: true });
      configureApp(app, t.config);
      await app.init();
      const res = await request(app.getHttpServer()).get('/api/v1/forgotten').set(bearer(t.adminToken)).expect(403);
      expect(res.body.leaked).toBeUndefined();
      await app.close();
    } finally {
      await t.close();
    }
  });
});
