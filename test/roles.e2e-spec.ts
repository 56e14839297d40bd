import { newUser, TestUser } from './support/factories';
import { iso, newPathwayPerson, newPathwayWorld, PathwayWorld } from './support/pathway-factories';
import { personBody } from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** The reception centre's desk and the case worker: what each role does, and what it is refused. */
describe('reception officers and case workers', () => {
  let t: TestApp;
  let w: PathwayWorld;
  let reception: TestUser;
  let caseWorker: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
    reception = await newUser(t, w.council.id, ['reception_officer']);
    caseWorker = await newUser(t, w.council.id, ['case_worker']);
  });
  afterAll(() => t.close());

  it('a reception officer registers, triages, moves stations, records missing and found, and reads names', async () => {
    const person = await t.http
      .post(`/api/v1/operations/${w.operationId}/people`)
      .set(bearer(reception.token))
      .send(personBody({ givenName: 'Andrei', familyName: 'Desk' }))
      .expect(201);
    await t.http.post(`/api/v1/people/${person.body.id}/triage`).set(bearer(reception.token)).send({ outcome: 'potential_victim' }).expect(200);
    await t.http.patch(`/api/v1/people/${person.body.id}/stations/interpreter`).set(bearer(reception.token)).send({ status: 'in_progress' }).expect(200);
    await t.http.post(`/api/v1/people/${person.body.id}/missing`).set(bearer(reception.token)).send({ reportedAt: iso() }).expect(201);
    await t.http.post(`/api/v1/people/${person.body.id}/found`).set(bearer(reception.token)).send({ foundAt: iso(1000) }).expect(200);
    const identity = await t.http.get(`/api/v1/people/${person.body.id}/identity`).set(bearer(reception.token)).expect(200);
    expect(identity.body.givenName).toBe('Andrei');
  });

  it('a reception officer does not record NRM referrals or place people', async () => {
    const person = await newPathwayPerson(t, w);
    await t.http
      .post(`/api/v1/people/${person.id}/referrals`)
      .set(bearer(reception.token))
      .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
      .expect(403);
    await t.http.get(`/api/v1/people/${person.id}/bed-options`).set(bearer(reception.token)).expect(403);
  });

  it('a case worker records pathway facts and reads the case, but does not register or triage', async () => {
    const person = await newPathwayPerson(t, w);
    await t.http
      .post(`/api/v1/people/${person.id}/referrals`)
      .set(bearer(caseWorker.token))
      .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
      .expect(201);
    const timeline = await t.http.get(`/api/v1/people/${person.id}/timeline`).set(bearer(caseWorker.token)).expect(200);
    expect(timeline.body.stage).toBe('awaiting_rg');
    await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(caseWorker.token)).expect(200);
    await t.http.post(`/api/v1/operations/${w.operationId}/people`).set(bearer(caseWorker.token)).send(personBody()).expect(403);
    await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(caseWorker.token)).send({ outcome: 'witness' }).expect(403);
  });

  it('the database refuses a role it does not know', async () => {
    await expect(t.db.query(`update app_user set roles = array['receptionist'] where id = $1`, [reception.id])).rejects.toThrow(/app_user_roles_check/);
  });
});
