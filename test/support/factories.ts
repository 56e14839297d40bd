import { randomUUID } from 'node:crypto';
import { Role } from '../../apps/api/src/auth/roles';
import { bearer, TestApp } from './test-app';

/**
 * Test factories go through the public API, so every test builds its little world the way users do.
 * Councils, police forces and NGOs are designated first responders unless `firstResponder: false` is given
 * (as every one of them could refer before designation was recorded); health and other kinds are not.
 */
export async function newOrganisation(
  t: TestApp,
  fields: Partial<{ name: string; kind: string; localAuthorityCode: string; firstResponder: boolean; firstResponderType: string }> = {},
): Promise<{ id: string; name: string }> {
  const kind = fields.kind ?? 'council';
  const designated = ['council', 'police', 'ngo'].includes(kind) ? { firstResponder: true } : {};
  const res = await t.http
    .post('/api/v1/organisations')
    .set(bearer(t.adminToken))
    .send({ name: `Org ${randomUUID().slice(0, 8)}`, kind: 'council', localAuthorityCode: 'E08000035', ...designated, ...fields })
    .expect(201);
  return res.body;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  organisationId: string;
}

export async function newUser(t: TestApp, organisationId: string, roles: Role[]): Promise<TestUser> {
  const email = `${roles.join('-').replace(/_/g, '-')}-${randomUUID().slice(0, 8)}@e2e.test`;
  const password = 'correct horse battery staple';
  const created = await t.http
    .post('/api/v1/users')
    .set(bearer(t.adminToken))
    .send({ email, password, displayName: `Test ${roles.join(' ')}`, organisationId, roles })
    .expect(201);
  const login = await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  return { id: created.body.id, email, token: login.body.accessToken, organisationId };
}
