import { randomUUID } from 'node:crypto';
import { newOrganisation, newUser, TestUser } from './factories';
import { newOperation } from './operations-factories';
import { PlacementWorld } from './placement-world';
import { bearer, TestApp } from './test-app';

/**
 * The organisations of an operation and one user in each part the pathway tests need: the lead council's
 * housing officer (who records most facts), a police operation lead on the roster (a First Responder too),
 * a partner on the roster (reads only), a health provider on the roster (not a First Responder), and an
 * organisation with no part in the operation.
 */
export interface PathwayWorld {
  council: { id: string };
  police: { id: string };
  health: { id: string };
  charity: { id: string };
  officer: TestUser;
  policeLead: TestUser;
  partner: TestUser;
  outsider: TestUser;
  operationId: string;
  /** the same world in the shape the placement helpers take (sites, beds) */
  placement: PlacementWorld;
}

export async function newPathwayWorld(t: TestApp): Promise<PathwayWorld> {
  const suffix = randomUUID().slice(0, 6);
  const council = await newOrganisation(t, { name: `Leeds City Council ${suffix}`, kind: 'council', localAuthorityCode: 'E08000035' });
  const police = await newOrganisation(t, { name: `West Yorkshire Police ${suffix}`, kind: 'police' });
  const health = await newOrganisation(t, { name: `Leeds Community Healthcare ${suffix}`, kind: 'health' });
  const charity = await newOrganisation(t, { name: `Hope for Justice ${suffix}`, kind: 'ngo' });
  const elsewhere = await newOrganisation(t, { name: `Bradford Council ${suffix}`, kind: 'council', localAuthorityCode: 'E08000032' });
  const officer = await newUser(t, council.id, ['housing_officer', 'emergency_planner']);
  const op = await newOperation(t, officer, { status: 'active' });
  for (const [organisationId, attendance] of [
    [police.id, 'present'],
    [health.id, 'present'],
    [charity.id, 'on_call'],
  ]) {
    await t.http
      .post(`/api/v1/operations/${op.id}/agencies`)
      .set(bearer(officer.token))
      .send({ organisationId, attendance, contactName: 'Duty desk', contactPhone: '0113 496 0000' })
      .expect(201);
  }
  return {
    council,
    police,
    health,
    charity,
    officer,
    policeLead: await newUser(t, police.id, ['operation_lead']),
    partner: await newUser(t, charity.id, ['partner']),
    outsider: await newUser(t, elsewhere.id, ['emergency_planner']),
    operationId: op.id,
    placement: { councilId: council.id, officer, operationId: op.id, operationCode: op.code },
  };
}

/** Registers a person through the API and, unless `outcome` is null, triages them. */
export async function newPathwayPerson(
  t: TestApp,
  w: PathwayWorld,
  fields: Record<string, unknown> = {},
  outcome: string | null = 'potential_victim',
): Promise<{ id: string; reference: string }> {
  const person = await t.http
    .post(`/api/v1/operations/${w.operationId}/people`)
    .set(bearer(w.officer.token))
    .send({ sex: 'female', ageCategory: 'adult', languages: ['ro'], interpreterNeeded: true, needs: {}, givenName: 'Ioana', familyName: 'Pathwaytest', ...fields })
    .expect(201);
  if (outcome) await t.http.post(`/api/v1/people/${person.body.id}/triage`).set(bearer(w.officer.token)).send({ outcome }).expect(200);
  return { id: person.body.id, reference: person.body.reference };
}

/** Everything the pathway writes, to prove a refused fact changed nothing. */
export async function pathwaySnapshot(t: TestApp) {
  const { rows } = await t.db.query(`
    select (select count(*) from pathway_event)::int as history,
           (select count(*) from referral)::int as referrals,
           (select count(*) from decision)::int as decisions,
           (select md5(coalesce(string_agg(id || coalesce(found_at::text, '') || coalesce(bed_released_at::text, ''), ',' order by id), '')) from missing_episode) as missing,
           (select md5(coalesce(string_agg(id || state || due_at::text, ',' order by id), '')) from deadline) as deadlines,
           (select md5(coalesce(string_agg(id || stage || stage_since::text || coalesce(exit_outcome, ''), ',' order by id), '')) from person) as people,
           (select md5(coalesce(string_agg(id || status, ',' order by id), '')) from placement) as placements,
           (select count(*) from outbox_event)::int as events,
           (select count(*) from audit_event)::int as audits`);
  return rows[0];
}

export const iso = (ms = 0) => new Date(Date.now() + ms).toISOString();
