import { randomUUID } from 'node:crypto';
import { newOrganisation, newUser, TestUser } from './factories';
import { bearer, TestApp } from './test-app';

/**
 * A small world for placement tests, built through the public API the way users build it:
 * a council with a housing officer, sites with beds, and an active operation with triaged people.
 */
export interface PlacementWorld {
  councilId: string;
  officer: TestUser;
  operationId: string;
  operationCode: string;
}

export const AREA = 'E08000035';

/** A staffed, accessible, shared site that takes adults and families: suits most test people. */
export const DEFAULT_SITE_ATTRIBUTES = {
  singleSex: null,
  acceptsChildren: false,
  acceptsFamilies: true,
  wheelchairAccessible: true,
  selfContained: false,
  dormitory: false,
  staffedHours: '24h',
  traumaInformed: true,
  acceptsNoRecourseToPublicFunds: true,
  languages: ['en'],
};

export async function newPlacementWorld(t: TestApp): Promise<PlacementWorld> {
  const council = await newOrganisation(t, { kind: 'council', localAuthorityCode: AREA });
  const officer = await newUser(t, council.id, ['housing_officer', 'emergency_planner']);
  const code = `P${randomUUID().replace(/[^A-F]/gi, '').toUpperCase().slice(0, 4).padEnd(4, 'Q')}`;
  const op = await t.http
    .post('/api/v1/operations')
    .set(bearer(officer.token))
    .send({
      name: `Operation ${code}`,
      code,
      leadOrganisationId: council.id,
      localAuthorityCode: AREA,
      plannedStart: new Date().toISOString(),
      expectedPeople: 20,
      exploitationSite: { lat: 53.8, lng: -1.55 },
    })
    .expect(201);
  await t.http.patch(`/api/v1/operations/${op.body.id}`).set(bearer(officer.token)).send({ status: 'active' }).expect(200);
  return { councilId: council.id, officer, operationId: op.body.id, operationCode: op.body.code ?? code };
}

export interface SiteFields {
  name?: string;
  type?: string;
  location?: { lat: number; lng: number };
  attributes?: Record<string, unknown>;
  nightlyCostPence?: number;
}

export async function newSiteWithBeds(
  t: TestApp,
  world: PlacementWorld,
  beds: number,
  fields: SiteFields = {},
): Promise<{ siteId: string; bedIds: string[] }> {
  const site = await t.http
    .post('/api/v1/sites')
    .set(bearer(world.officer.token))
    .send({
      name: fields.name ?? `Site ${randomUUID().slice(0, 8)}`,
      type: fields.type ?? 'safe_house',
      organisationId: world.councilId,
      localAuthorityCode: AREA,
      address: '1 Test Street, Leeds',
      location: fields.location ?? { lat: 53.99, lng: -1.2 },
      ...(fields.nightlyCostPence !== undefined ? { nightlyCostPence: fields.nightlyCostPence } : {}),
      attributes: { ...DEFAULT_SITE_ATTRIBUTES, ...fields.attributes },
    })
    .expect(201);
  const room = await t.http
    .post(`/api/v1/sites/${site.body.id}/rooms`)
    .set(bearer(world.officer.token))
    .send({ name: 'Bedroom 1', kind: 'bedroom' })
    .expect(201);
  const bedIds: string[] = [];
  for (let i = 1; i <= beds; i++) {
    const bed = await t.http
      .post(`/api/v1/sites/${site.body.id}/beds`)
      .set(bearer(world.officer.token))
      .send({ roomId: room.body.id, label: `B${i}` })
      .expect(201);
    bedIds.push(bed.body.id);
  }
  return { siteId: site.body.id, bedIds };
}

export async function newTriagedPerson(
  t: TestApp,
  world: PlacementWorld,
  fields: Record<string, unknown> = {},
  outcome = 'potential_victim',
): Promise<{ id: string; reference: string }> {
  const person = await t.http
    .post(`/api/v1/operations/${world.operationId}/people`)
    .set(bearer(world.officer.token))
    .send({ sex: 'female', ageCategory: 'adult', languages: ['en'], interpreterNeeded: false, needs: {}, ...fields })
    .expect(201);
  await t.http.post(`/api/v1/people/${person.body.id}/triage`).set(bearer(world.officer.token)).send({ outcome }).expect((res) => {
    if (res.status >= 300) throw new Error(`triage failed: ${res.status} ${JSON.stringify(res.body)}`);
  });
  return person.body;
}
