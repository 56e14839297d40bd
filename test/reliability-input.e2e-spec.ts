import { Logger } from 'nestjs-pino';
import { newOrganisation, newUser, TestUser } from './support/factories';
import { newOperation, newOperationWorld, OperationWorld, operationsSnapshot, registerPerson } from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 18, item 5: inputs that gave 500, and what the HTTP surface tells (headers, logs). Each request
 * here is refused with a 4xx and changes nothing.
 */
describe('Bad input and what the HTTP surface gives away', () => {
  let t: TestApp;
  let world: OperationWorld;
  let operationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await newOperationWorld(t);
    operationId = (await newOperation(t, world.planner, { status: 'active' })).id;
  });
  afterAll(() => t.close());

  const createOperation = (planner: TestUser, fields: Record<string, unknown>) =>
    t.http
      .post('/api/v1/operations')
      .set(bearer(planner.token))
      .send({ name: 'Operation Wren', leadOrganisationId: planner.organisationId, localAuthorityCode: 'E08000035', plannedStart: '2026-06-10T05:00:00+01:00', expectedPeople: 5, ...fields });

  it('answers a body over 1 MB with 413, not 500', async () => {
    const before = await operationsSnapshot(t);
    const res = await createOperation(world.planner, { name: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await operationsSnapshot(t)).toEqual(before);
  });

  it('refuses JSON nested 100,000 levels deep with 400', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await t.http
      .post('/api/v1/operations')
      .set(bearer(world.planner.token))
      .set('Content-Type', 'application/json')
      .send(`{"name":"Deep","exploitationSite":${deep}}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('JSON_TOO_DEEP');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.http.post('/api/v1/operations').set(bearer(world.planner.token)).set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
  });

  it.each([
    ['a top-level field', { name: 'Operation\u0000Wren' }, 'name'],
    ['a nested field', { exploitationSite: { lat: 53.8, lng: -1.5, note: 'x\u0000' } }, 'exploitationSite.note'],
  ])('refuses a NUL byte in %s with 400 naming the field', async (_, fields, field) => {
    const before = await operationsSnapshot(t);
    const res = await createOperation(world.planner, fields);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('NUL_CHARACTER');
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await operationsSnapshot(t)).toEqual(before);
  });

  it('refuses a NUL byte in a person name (would reach the database) with 400 naming the field', async () => {
    const before = await operationsSnapshot(t);
    const res = await t.http
      .post(`/api/v1/operations/${operationId}/people`)
      .set(bearer(world.planner.token))
      .send({ sex: 'male', ageCategory: 'adult', languages: ['ro'], interpreterNeeded: false, needs: {}, givenName: 'Ana\u0000' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('givenName');
    expect(await operationsSnapshot(t)).toEqual(before);
  });

  it('refuses a NUL byte in a query parameter with 400 naming it', async () => {
    const res = await t.http.get(`/api/v1/operations?status=active%00`).set(bearer(world.planner.token));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('status');
  });

  describe('every instant carries an offset and lies in a sane range', () => {
    it.each([
      ['no offset', '2026-06-10T05:00:00'],
      ['a bare date', '2026-06-10'],
      ['the year 9999', '9999-06-10T05:00:00Z'],
      ['the year 1066', '1066-10-14T09:00:00Z'],
      ['not a real day', '2026-02-30T05:00:00Z'],
      ['a week number', '2026-W10-1T05:00:00Z'],
    ])('operations refuse %s', async (_, plannedStart) => {
      const before = await operationsSnapshot(t);
      const res = await createOperation(world.planner, { plannedStart });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('plannedStart');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it.each([
      ['no offset', '2026-06-10T05:00:00'],
      ['a bare date', '2026-06-10'],
      ['the year 9999', '9999-06-10T05:00:00Z'],
    ])('placements refuse %s', async (_, from) => {
      const res = await t.http
        .post('/api/v1/placements')
        .set(bearer(world.housingOfficer.token))
        .send({ personId: '00000000-0000-4000-8000-000000000000', bedId: '00000000-0000-4000-8000-000000000001', from, kind: 'placement' });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('from');
    });

    it.each([
      ['Z', '2026-06-10T05:00:00Z'],
      ['an offset', '2026-06-10T05:00:00+01:00'],
      ['fractions of a second', '2026-06-10T05:00:00.123Z'],
    ])('accepts an instant with %s', async (_, plannedStart) => {
      const res = await createOperation(world.planner, { plannedStart });
      expect(res.status).toBe(201);
    });
  });

  describe('request ids', () => {
    it('never lets two users share one: a client-chosen id is not the server’s request id', async () => {
      const other = await newUser(t, (await newOrganisation(t)).id, ['emergency_planner']);
      const given = '7f9c2b6e-3d1a-4c5e-9b8f-0a1b2c3d4e5f';
      const a = await t.http.get('/api/v1/operations').set(bearer(world.planner.token)).set('x-request-id', given).expect(200);
      const b = await t.http.get('/api/v1/operations').set(bearer(other.token)).set('x-request-id', given).expect(200);
      expect(a.headers['x-request-id']).not.toEqual(b.headers['x-request-id']);
      // A well-formed client id is kept beside ours, to correlate with the client's own logs.
      expect(a.headers['x-client-request-id']).toBe(given);
    });

    it.each([['too long', 'a'.repeat(300)], ['odd characters', 'abc<script>'], ['spaces', 'two words']])(
      'drops a malformed client id (%s)',
      async (_, given) => {
        const res = await t.http.get('/api/v1/operations').set(bearer(world.planner.token)).set('x-request-id', given).expect(200);
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.headers['x-client-request-id']).toBeUndefined();
      },
    );
  });

  it('sends authenticated JSON with Cache-Control: no-store', async () => {
    const res = await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(world.planner.token)).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const refused = await t.http.get(`/api/v1/operations/${operationId}`).expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('sends a CSP without unsafe-inline scripts', async () => {
    const res = await t.http.get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    const scripts = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain('unsafe-inline');
  });

  it('never writes a failed query’s parameters (names, dates of birth) to the log', async () => {
    // A fault in the database that no validation can foresee: the insert of an identity fails.
    await t.db.query(`create function e2e_refuse_identity() returns trigger language plpgsql as $$
      begin raise exception 'disk on fire'; end $$`);
    await t.db.query(`create trigger e2e_refuse_identity before insert on person_identity for each row execute function e2e_refuse_identity()`);
    const logger = t.app.get(Logger);
    const logged: unknown[] = [];
    const spy = jest.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      const res = await t.http
        .post(`/api/v1/operations/${operationId}/people`)
        .set(bearer(world.planner.token))
        .send({ sex: 'female', ageCategory: 'adult', languages: ['ro'], interpreterNeeded: false, needs: {}, givenName: 'Zenobia', familyName: 'Quarterfield', dateOfBirth: '1987-04-23' });
      expect(res.status).toBe(500);
      expect(logged.length).toBeGreaterThan(0);
      const text = JSON.stringify(logged, (_, v) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v));
      expect(text).toContain('disk on fire');
      expect(text).not.toContain('Zenobia');
      expect(text).not.toContain('Quarterfield');
      expect(text).not.toContain('1987-04-23');
    } finally {
      spy.mockRestore();
      await t.db.query(`drop trigger e2e_refuse_identity on person_identity; drop function e2e_refuse_identity()`);
    }
  });

  it('person registration still works for the tests above to mean anything', async () => {
    await registerPerson(t, world.planner, operationId, { givenName: 'Ana' });
  });
});

describe('Swagger UI in production', () => {
  it('is off unless configured on', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', PASSWORD_HASH_PROFILE: 'standard' });
    try {
      await t.http.get('/api/docs').expect(404);
      await t.http.get('/api/docs-json').expect(404);
    } finally {
      await t.close();
    }
  });

  it('is served when configured on', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', PASSWORD_HASH_PROFILE: 'standard', API_DOCS: 'on' });
    try {
      await t.http.get('/api/docs-json').expect(200);
    } finally {
      await t.close();
    }
  });
});
