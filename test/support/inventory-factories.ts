import { randomUUID } from 'node:crypto';
import { bearer, TestApp } from './test-app';

export interface TestSite {
  id: string;
  organisationId: string;
  name: string;
  type: string;
  localAuthorityCode: string;
  address: string | null;
  readiness: string;
  bedCounts: Record<string, number>;
}

/** A site body the API accepts; override any field. */
export function siteBody(organisationId: string, fields: Record<string, unknown> = {}) {
  return {
    name: `Site ${randomUUID().slice(0, 8)}`,
    type: 'hostel',
    organisationId,
    localAuthorityCode: 'E08000035',
    address: '1 Example Road, Leeds LS1 1AA',
    location: { lat: 53.8008, lng: -1.5491 },
    attributes: {
      singleSex: null,
      acceptsChildren: false,
      acceptsFamilies: false,
      wheelchairAccessible: true,
      selfContained: false,
      dormitory: false,
      staffedHours: '24h',
      traumaInformed: true,
      acceptsNoRecourseToPublicFunds: true,
      languages: ['English', 'Polish'],
    },
    ...fields,
  };
}

/** Sites, rooms and beds are made through the API, as a housing officer (or admin) would. */
export async function newSite(t: TestApp, token: string, organisationId: string, fields: Record<string, unknown> = {}): Promise<TestSite> {
  const res = await t.http.post('/api/v1/sites').set(bearer(token)).send(siteBody(organisationId, fields));
  if (res.status !== 201) throw new Error(`newSite: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function newRoom(t: TestApp, token: string, siteId: string, fields: Partial<{ name: string; kind: string }> = {}) {
  const res = await t.http
    .post(`/api/v1/sites/${siteId}/rooms`)
    .set(bearer(token))
    .send({ name: `Room ${randomUUID().slice(0, 6)}`, kind: 'bedroom', ...fields });
  if (res.status !== 201) throw new Error(`newRoom: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; siteId: string; name: string; kind: string };
}

export async function newBed(t: TestApp, token: string, siteId: string, fields: Partial<{ label: string; roomId: string }> = {}) {
  const res = await t.http
    .post(`/api/v1/sites/${siteId}/beds`)
    .set(bearer(token))
    .send({ label: `Bed ${randomUUID().slice(0, 6)}`, ...fields });
  if (res.status !== 201) throw new Error(`newBed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; siteId: string; roomId: string | null; label: string; status: string };
}
