import { newUser, TestUser } from './support/factories';
import { newPathwayPerson, newPathwayWorld, PathwayWorld } from './support/pathway-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * Hole 6 of issue #13: special-category reads by roles outside the usual path ask for a reason
 * ("break the glass"), and the reason is in the audit trail with the read.
 */
describe('break-glass reads of special-category data', () => {
  let t: TestApp;
  let w: PathwayWorld;
  let caseWorker: TestUser;
  let personId: string;
  const REASON = 'NRM referral needs the account given at triage';

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
    caseWorker = await newUser(t, w.council.id, ['case_worker']);
    personId = (await newPathwayPerson(t, w, {}, null)).id;
    await t.http.post(`/api/v1/people/${personId}/triage`).set(bearer(w.officer.token)).send({ outcome: 'potential_victim', notes: 'Works 16 hours a day; passport held by the boss.' }).expect(200);
  });
  afterAll(() => t.close());

  const audits = async (action: string) =>
    (await t.db.query(`select actor_user_id as "actorUserId", details from audit_event where action = $1 and entity_id = $2 order by id`, [action, personId])).rows;

  it('an admin reading names must give a reason, which is audited with the read', async () => {
    const refused = await t.http.get(`/api/v1/people/${personId}/identity`).set(bearer(t.adminToken)).expect(403);
    expect(refused.body.code).toBe('REASON_REQUIRED');
    await t.http.get(`/api/v1/people/${personId}/identity`).query({ reason: 'short' }).set(bearer(t.adminToken)).expect(403);
    await t.http.get(`/api/v1/people/${personId}?includeIdentity=true`).set(bearer(t.adminToken)).expect(403);
    const read = await t.http.get(`/api/v1/people/${personId}/identity`).query({ reason: 'Subject access request SAR-2025-014' }).set(bearer(t.adminToken)).expect(200);
    expect(read.body.givenName).toBe('Ioana');
    const rows = await audits('read_personal_data');
    expect(rows[rows.length - 1].details).toMatchObject({ breakGlass: true, reason: 'Subject access request SAR-2025-014' });
  });

  it('staff on the usual path read without a reason', async () => {
    await t.http.get(`/api/v1/people/${personId}/identity`).set(bearer(w.officer.token)).expect(200);
    await t.http.get(`/api/v1/people/${personId}/identity`).set(bearer(caseWorker.token)).expect(200);
    const rows = await audits('read_personal_data');
    expect(rows[rows.length - 1].details.breakGlass).toBeUndefined();
    const person = await t.http.get(`/api/v1/people/${personId}`).set(bearer(w.officer.token)).expect(200);
    expect(person.body.triageNotes).toMatch(/passport/);
  });

  it('a case worker gets triage notes only with a reason, audited', async () => {
    const withheld = await t.http.get(`/api/v1/people/${personId}`).set(bearer(caseWorker.token)).expect(200);
    expect(withheld.body.triageNotes).toBeUndefined();
    expect(withheld.body.triageNotesWithheld).toBe(true);
    const read = await t.http.get(`/api/v1/people/${personId}`).query({ reason: REASON }).set(bearer(caseWorker.token)).expect(200);
    expect(read.body.triageNotes).toMatch(/passport/);
    const rows = await audits('read_triage_notes');
    expect(rows[rows.length - 1]).toMatchObject({ actorUserId: caseWorker.id, details: expect.objectContaining({ breakGlass: true, reason: REASON }) });
  });
});
