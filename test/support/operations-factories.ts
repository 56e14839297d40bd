import { randomUUID } from 'node:crypto';
import { newOrganisation, newUser, TestUser } from './factories';
import { newBed, newRoom, newSite } from './inventory-factories';
import { bearer, TestApp } from './test-app';

export type RoomKind = 'bedroom' | 'dormitory' | 'interview' | 'abe_suite' | 'communal' | 'staff' | 'welfare';

export interface VenueSpec {
  organisationId: string;
  type?: string;
  name?: string;
  localAuthorityCode?: string;
  availableFrom?: string | null;
  availableUntil?: string | null;
  rooms?: Partial<Record<RoomKind, number>>;
  /** Beds spread over the venue's dormitories (or bedrooms). */
  beds?: number;
}

/**
 * The reported venue: interview rooms, an ABE suite, a communal area, two dormitories with 20 beds,
 * toilets and showers, a staff room.
 */
export const REPORTED_VENUE_ROOMS: Partial<Record<RoomKind, number>> = { interview: 3, abe_suite: 1, communal: 1, dormitory: 2, welfare: 2, staff: 1 };

/** A venue with its rooms and beds, made through the inventory API as a housing officer (here: admin) would. */
export async function newVenue(t: TestApp, spec: VenueSpec): Promise<{ id: string; bedIds: string[] }> {
  const site = await newSite(t, t.adminToken, spec.organisationId, {
    name: spec.name ?? `Venue ${randomUUID().slice(0, 8)}`,
    type: spec.type ?? 'reception_centre',
    localAuthorityCode: spec.localAuthorityCode ?? 'E08000035',
    ...(spec.availableFrom ? { availableFrom: spec.availableFrom } : {}),
    ...(spec.availableUntil ? { availableUntil: spec.availableUntil } : {}),
  });
  const sleepingRooms: string[] = [];
  for (const [kind, count] of Object.entries(spec.rooms ?? REPORTED_VENUE_ROOMS)) {
    for (let i = 1; i <= (count ?? 0); i++) {
      const room = await newRoom(t, t.adminToken, site.id, { name: `${kind} ${i}`, kind });
      if (kind === 'dormitory' || kind === 'bedroom') sleepingRooms.push(room.id);
    }
  }
  const bedIds: string[] = [];
  for (let i = 0; i < (spec.beds ?? 20); i++) {
    const roomId = sleepingRooms.length > 0 ? sleepingRooms[i % sleepingRooms.length] : undefined;
    const bed = await newBed(t, t.adminToken, site.id, { label: `B${i + 1}`, ...(roomId ? { roomId } : {}) });
    bedIds.push(bed.id);
  }
  return { id: site.id, bedIds };
}

export interface OperationWorld {
  council: { id: string };
  police: { id: string };
  health: { id: string };
  redCross: { id: string };
  outsider: { id: string };
  planner: TestUser;
  housingOfficer: TestUser;
  policeLead: TestUser;
  partner: TestUser;
  outsiderPlanner: TestUser;
}

/** A council, the agencies of the reported operation, and one user in each role the tests need. */
export async function newOperationWorld(t: TestApp): Promise<OperationWorld> {
  const suffix = randomUUID().slice(0, 6);
  const council = await newOrganisation(t, { name: `Leeds City Council ${suffix}`, kind: 'council', localAuthorityCode: 'E08000035' });
  const police = await newOrganisation(t, { name: `West Yorkshire Police ${suffix}`, kind: 'police' });
  const health = await newOrganisation(t, { name: `Leeds Community Healthcare ${suffix}`, kind: 'health' });
  const redCross = await newOrganisation(t, { name: `British Red Cross ${suffix}`, kind: 'ngo' });
  const outsider = await newOrganisation(t, { name: `Bradford Council ${suffix}`, kind: 'council', localAuthorityCode: 'E08000032' });
  return {
    council,
    police,
    health,
    redCross,
    outsider,
    planner: await newUser(t, council.id, ['emergency_planner']),
    housingOfficer: await newUser(t, council.id, ['housing_officer']),
    policeLead: await newUser(t, police.id, ['operation_lead']),
    partner: await newUser(t, redCross.id, ['partner']),
    outsiderPlanner: await newUser(t, outsider.id, ['emergency_planner']),
  };
}

export async function newOperation(
  t: TestApp,
  planner: TestUser,
  fields: Partial<{ name: string; code: string; expectedPeople: number; status: 'planning' | 'active'; exploitationSite: { lat: number; lng: number } }> = {},
): Promise<{ id: string; code: string; status: string }> {
  const { status, ...body } = fields;
  const res = await t.http
    .post('/api/v1/operations')
    .set(bearer(planner.token))
    .send({
      name: `Operation ${randomUUID().slice(0, 8)}`,
      leadOrganisationId: planner.organisationId,
      localAuthorityCode: 'E08000035',
      plannedStart: '2025-06-10T05:00:00+01:00',
      expectedPeople: 20,
      ...body,
    })
    .expect(201);
  if (status === 'active') {
    await t.http.patch(`/api/v1/operations/${res.body.id}`).set(bearer(planner.token)).send({ status: 'active' }).expect(200);
  }
  return { ...res.body, status: status ?? res.body.status };
}

export const personBody = (fields: Record<string, unknown> = {}) => ({
  sex: 'male',
  ageCategory: 'adult',
  languages: ['ro'],
  interpreterNeeded: true,
  needs: {},
  ...fields,
});

export async function registerPerson(t: TestApp, user: TestUser, operationId: string, fields: Record<string, unknown> = {}) {
  const res = await t.http.post(`/api/v1/operations/${operationId}/people`).set(bearer(user.token)).send(personBody(fields)).expect(201);
  return res.body as { id: string; reference: string; stage: string; ageCategory: string };
}

export async function triagePerson(t: TestApp, user: TestUser, personId: string, outcome: string) {
  const res = await t.http.post(`/api/v1/people/${personId}/triage`).set(bearer(user.token)).send({ outcome }).expect(200);
  return res.body;
}

/** Row counts of every table this feature writes, to prove a refused request changed nothing. */
export async function operationsSnapshot(t: TestApp) {
  const { rows } = await t.db.query(`
    select (select count(*) from operation)::int as operations,
           (select coalesce(sum(next_person_seq), 0) from operation)::int as seqs,
           (select count(*) from reception_centre)::int as centres,
           (select count(*) from operation_agency)::int as agencies,
           (select count(*) from person)::int as people,
           (select count(*) from person_identity)::int as identities,
           (select count(*) from person_group)::int as groups,
           (select count(*) from station_task)::int as tasks,
           (select md5(coalesce(string_agg(status || stage || coalesce(triage_outcome, '') || age_category, ',' order by id), '')) from (
              select p.id, o.status, p.stage, p.triage_outcome, p.age_category from person p join operation o on o.id = p.operation_id) x) as people_state,
           (select md5(coalesce(string_agg(coalesce(given_name, '') || coalesce(family_name, '') || coalesce(date_of_birth::text, '') || array_to_string(aliases, '|'), ',' order by person_id), ''))
              from person_identity) as identity_state,
           (select md5(coalesce(string_agg(person_id || station || status, ',' order by person_id, station), '')) from station_task) as task_state,
           (select md5(coalesce(string_agg(id || status || name || expected_people, ',' order by id), '')) from operation) as operation_state,
           (select md5(coalesce(string_agg(id || attendance || contact_name, ',' order by id), '')) from operation_agency) as agency_state,
           (select count(*) from outbox_event)::int as events,
           (select count(*) from audit_event)::int as audits`);
  return rows[0];
}
