import { newOrganisation, newUser, TestUser } from './support/factories';
import { connectLive, listen, sleep } from './support/live-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * Hole 1 of issue #13: a token outlived its user's deactivation and role changes. An admin's change now
 * takes effect on the user's very next request and on their open live connections.
 */
describe('deactivating a user or changing their roles', () => {
  let t: TestApp;
  let port: number;
  let councilId: string;
  beforeAll(async () => {
    t = await startTestApp();
    port = await listen(t.app);
    councilId = (await newOrganisation(t, { kind: 'council' })).id;
  });
  afterAll(() => t.close());

  const patch = (user: TestUser, body: Record<string, unknown>, token = t.adminToken) =>
    t.http.patch(`/api/v1/users/${user.id}`).set(bearer(token)).send(body);

  it('a deactivated user is refused on their next request with the token they already hold', async () => {
    const officer = await newUser(t, councilId, ['housing_officer']);
    await t.http.get('/api/v1/sites').set(bearer(officer.token)).expect(200);
    const res = await patch(officer, { active: false }).expect(200);
    expect(res.body).toMatchObject({ id: officer.id, active: false });
    await t.http.get('/api/v1/sites').set(bearer(officer.token)).expect(401);
    await t.http.get('/api/v1/users/me').set(bearer(officer.token)).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: officer.email, password: 'correct horse battery staple' }).expect(401);
    // and reactivated, the same token works again: the account, not the token, decides
    await patch(officer, { active: true }).expect(200);
    await t.http.get('/api/v1/sites').set(bearer(officer.token)).expect(200);
  });

  it('a role taken away is taken away on the next request', async () => {
    const planner = await newUser(t, councilId, ['emergency_planner']);
    const op = {
      name: 'Operation Revoke',
      leadOrganisationId: councilId,
      localAuthorityCode: 'E08000035',
      plannedStart: new Date(Date.now() + 86_400_000).toISOString(),
      expectedPeople: 5,
    };
    await t.http.post('/api/v1/operations').set(bearer(planner.token)).send(op).expect(201);
    await patch(planner, { roles: ['partner'] }).expect(200);
    await t.http.post('/api/v1/operations').set(bearer(planner.token)).send({ ...op, name: 'Operation Revoke 2' }).expect(403);
    const me = await t.http.get('/api/v1/users/me').set(bearer(planner.token)).expect(200);
    expect(me.body.roles).toEqual(['partner']);
  });

  it('closes the user’s open live connections', async () => {
    const officer = await newUser(t, councilId, ['housing_officer']);
    const client = await connectLive(port, { token: officer.token });
    const closed = new Promise<string>((resolve) => client.socket.on('disconnect', (reason) => resolve(reason)));
    const told: unknown[] = [];
    client.socket.on('access_changed', (m) => told.push(m));
    expect((await client.subscribe({ localAuthorityCode: 'E08000035' })).ok).toBe(true);
    await patch(officer, { active: false }).expect(200);
    expect(await Promise.race([closed, sleep(5000).then(() => 'still open')])).toBe('io server disconnect');
    expect(told).toHaveLength(1);
    // and cannot come back with the same token
    await expect(connectLive(port, { token: officer.token })).rejects.toThrow(/no longer active|invalid/);
  });

  it('changing roles also closes live connections (the client reconnects under its new roles)', async () => {
    const officer = await newUser(t, councilId, ['housing_officer']);
    const client = await connectLive(port, { token: officer.token });
    const closed = new Promise<string>((resolve) => client.socket.on('disconnect', (reason) => resolve(reason)));
    await patch(officer, { roles: ['partner'] }).expect(200);
    expect(await Promise.race([closed, sleep(5000).then(() => 'still open')])).toBe('io server disconnect');
  });

  it('renames a user; refuses a bad body, a non-admin, an unknown user, and taking away the last admin', async () => {
    const officer = await newUser(t, councilId, ['housing_officer']);
    const renamed = await patch(officer, { displayName: '  J. Smith ' }).expect(200);
    expect(renamed.body.displayName).toBe('J. Smith');
    await patch(officer, {}).expect(400);
    await patch(officer, { roles: [] }).expect(400);
    await patch(officer, { roles: ['superuser'] }).expect(400);
    await patch(officer, { active: 'no' }).expect(400);
    await patch(officer, { email: 'x@y.z' }).expect(400);
    await patch(officer, { active: false }, officer.token).expect(403);
    await t.http.patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken)).send({ active: false }).expect(404);
    const me = await t.http.get('/api/v1/users/me').set(bearer(t.adminToken)).expect(200);
    const res = await t.http.patch(`/api/v1/users/${me.body.id}`).set(bearer(t.adminToken)).send({ active: false }).expect(409);
    expect(res.body.code).toBe('LAST_ADMIN');
    await t.http.get('/api/v1/users/me').set(bearer(t.adminToken)).expect(200);
    const audit = await t.db.query(`select details from audit_event where action = 'update' and entity_type = 'user' and entity_id = $1`, [officer.id]);
    expect(audit.rows.map((r) => r.details)).toContainEqual(expect.objectContaining({ displayName: 'J. Smith' }));
  });
});
