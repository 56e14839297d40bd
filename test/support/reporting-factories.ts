import { DEFAULT_SITE_ATTRIBUTES } from './placement-world';
import { newOrganisation, newUser, TestUser } from './factories';
import { bearer, TestApp } from './test-app';

/**
 * The little world of the reporting tests. Registration and triage are stamped "now" by the server, and the
 * pathway refuses facts dated before them; so a person is registered and triaged through the API, then
 * `backdate` moves that start into the past, and everything after it (referrals, decisions, missing
 * episodes, exits, placements) goes through the API with its real past dates.
 */
export const LEEDS = 'E08000035';
export const BRADFORD = 'E08000032';

export interface ReportingWorld {
  council: { id: string };
  police: { id: string };
  outsider: { id: string };
  /** Emergency planner and housing officer of the council (a person may hold both roles). */
  planner: TestUser;
  housingOfficer: TestUser;
  policeLead: TestUser;
  policePlanner: TestUser;
  partner: TestUser;
  outsiderPlanner: TestUser;
}

export async function newReportingWorld(t: TestApp, suffix: string): Promise<ReportingWorld> {
  const council = await newOrganisation(t, { name: `Leeds City Council ${suffix}`, kind: 'council', localAuthorityCode: LEEDS });
  const police = await newOrganisation(t, { name: `West Yorkshire Police ${suffix}`, kind: 'police' });
  const ngo = await newOrganisation(t, { name: `Hope for Justice ${suffix}`, kind: 'ngo' });
  const outsider = await newOrganisation(t, { name: `Bradford Council ${suffix}`, kind: 'council', localAuthorityCode: BRADFORD });
  return {
    council,
    police,
    outsider,
    planner: await newUser(t, council.id, ['emergency_planner', 'housing_officer']),
    housingOfficer: await newUser(t, council.id, ['housing_officer']),
    policeLead: await newUser(t, police.id, ['operation_lead']),
    policePlanner: await newUser(t, police.id, ['emergency_planner']),
    partner: await newUser(t, ngo.id, ['partner']),
    outsiderPlanner: await newUser(t, outsider.id, ['emergency_planner']),
  };
}

export async function newReportingOperation(
  t: TestApp,
  planner: TestUser,
  fields: { code: string; localAuthorityCode?: string; plannedStart: string },
): Promise<{ id: string; code: string }> {
  const res = await t.http
    .post('/api/v1/operations')
    .set(bearer(planner.token))
    .send({
      name: `Operation ${fields.code}`,
      code: fields.code,
      leadOrganisationId: planner.organisationId,
      localAuthorityCode: fields.localAuthorityCode ?? LEEDS,
      plannedStart: fields.plannedStart,
      expectedPeople: 20,
    });
  if (res.status !== 201) throw new Error(`operation: ${res.status} ${JSON.stringify(res.body)}`);
  const active = await t.http.patch(`/api/v1/operations/${res.body.id}`).set(bearer(planner.token)).send({ status: 'active' });
  if (active.status !== 200) throw new Error(`activate: ${active.status} ${JSON.stringify(active.body)}`);
  return { id: res.body.id, code: res.body.code };
}

export async function addToRoster(t: TestApp, planner: TestUser, operationId: string, organisationId: string) {
  const res = await t.http
    .post(`/api/v1/operations/${operationId}/agencies`)
    .set(bearer(planner.token))
    .send({ organisationId, attendance: 'present', contactName: 'Duty sergeant', contactPhone: '0113 000 0000' });
  if (res.status !== 201) throw new Error(`roster: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface PersonSpec {
  sex: 'female' | 'male' | 'other' | 'unknown';
  ageCategory: 'adult' | 'child' | 'age_disputed';
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nationality?: string;
  exploitationType?: string;
  triage?: 'potential_victim' | 'suspect' | 'witness' | 'not_victim';
}

export interface SeededPerson {
  id: string;
  reference: string;
}

/** Registered (and triaged) through the API, then moved back to `registeredAt` / `triagedAt`. */
export async function registerInPast(
  t: TestApp,
  user: TestUser,
  operationId: string,
  spec: PersonSpec,
  when: { registeredAt: string; triagedAt?: string },
): Promise<SeededPerson> {
  const { triage, exploitationType, ...body } = spec;
  const res = await t.http
    .post(`/api/v1/operations/${operationId}/people`)
    .set(bearer(user.token))
    .send({ ...body, languages: ['ro'], interpreterNeeded: true, needs: {}, ...(exploitationType && !triage ? { exploitationType } : {}) });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  const person: SeededPerson = { id: res.body.id, reference: res.body.reference };
  if (triage) {
    const triaged = await t.http
      .post(`/api/v1/people/${person.id}/triage`)
      .set(bearer(user.token))
      .send({ outcome: triage, ...(exploitationType ? { exploitationType } : {}) });
    if (triaged.status !== 200) throw new Error(`triage: ${triaged.status} ${JSON.stringify(triaged.body)}`);
  }
  await backdate(t, person.id, when.registeredAt, when.triagedAt ?? null);
  return person;
}

/**
 * Moves a person's registration and triage into the past: the person row, the triage fact of the pathway
 * history (its instant and its stored copy), and the deadline the triage started, shifted with it.
 */
export async function backdate(t: TestApp, personId: string, registeredAt: string, triagedAt: string | null) {
  await t.db.query(
    `update person set registered_at = $2, triaged_at = case when triaged_at is null then null else $3::timestamptz end,
            stage_since = coalesce($3::timestamptz, $2::timestamptz),
            awaiting_bed_since = case when awaiting_bed_since is null then null else $3::timestamptz end
     where id = $1`,
    [personId, registeredAt, triagedAt],
  );
  if (triagedAt === null) return;
  const { rows } = await t.db.query(`select at from pathway_event where person_id = $1 order by id`, [personId]);
  if (rows.length !== 1) throw new Error(`backdate: expected only the triage in the history, found ${rows.length} facts`);
  const shift = new Date(triagedAt).getTime() - new Date(rows[0].at).getTime();
  await t.db.query(
    `update pathway_event set at = $2, fact = jsonb_set(fact, '{at}', to_jsonb($3::text)) where person_id = $1`,
    [personId, triagedAt, new Date(triagedAt).toISOString()],
  );
  await t.db.query(
    `update deadline set due_at = due_at + $2 * interval '1 millisecond', due_soon_at = due_soon_at + $2 * interval '1 millisecond',
            basis_at = basis_at + $2 * interval '1 millisecond'
     where person_id = $1`,
    [personId, shift],
  );
}

async function post(t: TestApp, user: TestUser, path: string, body: Record<string, unknown>) {
  const res = await t.http.post(path).set(bearer(user.token)).send(body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const refer = (t: TestApp, user: TestUser, personId: string, kind: 'nrm' | 'duty_to_notify', consent: boolean, submittedAt: string, firstResponderOrganisationId: string) =>
  post(t, user, `/api/v1/people/${personId}/referrals`, { kind, consent, submittedAt, firstResponderOrganisationId });

export const decide = (t: TestApp, user: TestUser, personId: string, kind: 'reasonable_grounds' | 'conclusive_grounds', outcome: 'positive' | 'negative', decidedAt: string) =>
  post(t, user, `/api/v1/people/${personId}/decisions`, { kind, outcome, decidedAt });

export const reportMissing = (t: TestApp, user: TestUser, personId: string, reportedAt: string) =>
  post(t, user, `/api/v1/people/${personId}/missing`, { reportedAt });

export const reportFound = (t: TestApp, user: TestUser, personId: string, foundAt: string) =>
  post(t, user, `/api/v1/people/${personId}/found`, { foundAt });

export const exitSupport = (t: TestApp, user: TestUser, personId: string, at: string, outcome: string) =>
  post(t, user, `/api/v1/people/${personId}/exit`, { at, outcome });

export interface SiteSpec {
  name: string;
  type: string;
  address: string;
  beds: number;
  nightlyCostPence?: number;
  localAuthorityCode?: string;
  availableFrom?: string;
  availableUntil?: string;
  attributes?: Record<string, unknown>;
}

/** A site with one bedroom and `beds` beds, through the inventory API. */
export async function newSiteWithBeds(t: TestApp, officer: TestUser, spec: SiteSpec): Promise<{ id: string; bedIds: string[] }> {
  const site = await post(t, officer, '/api/v1/sites', {
    name: spec.name,
    type: spec.type,
    organisationId: officer.organisationId,
    localAuthorityCode: spec.localAuthorityCode ?? LEEDS,
    address: spec.address,
    location: { lat: 53.99, lng: -1.2 },
    ...(spec.nightlyCostPence !== undefined ? { nightlyCostPence: spec.nightlyCostPence } : {}),
    ...(spec.availableFrom ? { availableFrom: spec.availableFrom } : {}),
    ...(spec.availableUntil ? { availableUntil: spec.availableUntil } : {}),
    attributes: { ...DEFAULT_SITE_ATTRIBUTES, ...spec.attributes },
  });
  if (spec.type === 'void_property') {
    // A void property is usable once its checklist is done: utilities on, furnished, safety-checked, keys held.
    const ready = await t.http
      .patch(`/api/v1/sites/${site.id}/readiness`)
      .set(bearer(officer.token))
      .send({ utilitiesOn: true, furnished: true, safetyChecked: true, keysHeld: true });
    if (ready.status !== 200) throw new Error(`readiness: ${ready.status} ${JSON.stringify(ready.body)}`);
  }
  const room = await post(t, officer, `/api/v1/sites/${site.id}/rooms`, { name: 'Bedroom 1', kind: 'bedroom' });
  const bedIds: string[] = [];
  for (let i = 1; i <= spec.beds; i++) bedIds.push((await post(t, officer, `/api/v1/sites/${site.id}/beds`, { roomId: room.id, label: `B${i}` })).id);
  return { id: site.id, bedIds };
}

/** A confirmed placement from `from` (until `until`, or open-ended), through the placement API. */
export async function place(t: TestApp, officer: TestUser, personId: string, bedId: string, from: string, until?: string): Promise<string> {
  const body = await post(t, officer, '/api/v1/placements', { personId, bedId, from, ...(until ? { until } : {}), kind: 'placement' });
  return body.id;
}

export const endPlacement = (t: TestApp, officer: TestUser, placementId: string, at: string) =>
  post(t, officer, `/api/v1/placements/${placementId}/end`, { at, reason: 'moved_on' });
