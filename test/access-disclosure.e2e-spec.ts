import { randomUUID } from 'node:crypto';
import {
  addToRoster,
  BRADFORD,
  LEEDS,
  newReportingOperation,
  newReportingWorld,
  newSiteWithBeds,
  place,
  ReportingWorld,
} from './support/reporting-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * Hole 3 of issue #13: partners received where a victim went next and why rules were overridden; triage
 * notes were read without an audit row; the forecast and occupancy history ignored the caller's scope.
 */
describe('what partners and outsiders are told', () => {
  let t: TestApp;
  let w: ReportingWorld;
  let op: { id: string };
  let personId: string;
  let placementId: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newReportingWorld(t, randomUUID().slice(0, 6));
    op = await newReportingOperation(t, w.planner, { code: 'DIS', plannedStart: new Date(Date.now() - 86_400_000).toISOString() });
    await addToRoster(t, w.planner, op.id, w.partner.organisationId);
    const site = await newSiteWithBeds(t, w.planner, { name: 'Safe house', type: 'safe_house', address: '5 Example Place, Leeds', beds: 2 });
    const person = await t.http
      .post(`/api/v1/operations/${op.id}/people`)
      .set(bearer(w.planner.token))
      .send({ sex: 'female', ageCategory: 'adult', languages: ['ro'], interpreterNeeded: true, needs: {} })
      .expect(201);
    personId = person.body.id;
    await t.http
      .post(`/api/v1/people/${personId}/triage`)
      .set(bearer(w.planner.token))
      .send({ outcome: 'potential_victim', notes: 'Disclosed being moved between three houses; injured hand.' })
      .expect(200);
    placementId = await place(t, w.planner, personId, site.bedIds[0], new Date(Date.now() - 60_000).toISOString());
    await t.http
      .post(`/api/v1/placements/${placementId}/end`)
      .set(bearer(w.planner.token))
      .send({ at: new Date().toISOString(), reason: 'moved_on', moveOnDestination: 'Refuge in Sheffield, room 4' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('a partner reads a placement without its move-on destination or override reasons', async () => {
    const full = await t.http.get(`/api/v1/placements/${placementId}`).set(bearer(w.planner.token)).expect(200);
    expect(full.body.moveOnDestination).toBe('Refuge in Sheffield, room 4');
    const narrow = await t.http.get(`/api/v1/placements/${placementId}`).set(bearer(w.partner.token)).expect(200);
    expect(narrow.body.id).toBe(placementId);
    expect(narrow.body).not.toHaveProperty('moveOnDestination');
    expect(narrow.body).not.toHaveProperty('overrideReason');
    expect(narrow.body).not.toHaveProperty('overriddenRules');
  });

  it('every read of triage notes leaves an audit row', async () => {
    const before = await t.db.query(`select count(*)::int as n from audit_event where action = 'read_triage_notes' and entity_id = $1`, [personId]);
    const res = await t.http.get(`/api/v1/people/${personId}`).set(bearer(w.planner.token)).expect(200);
    expect(res.body.triageNotes).toMatch(/three houses/);
    const list = await t.http.get(`/api/v1/operations/${op.id}/people`).set(bearer(w.planner.token)).expect(200);
    expect(list.body.items.find((p: { id: string }) => p.id === personId).triageNotes).toMatch(/three houses/);
    const after = await t.db.query(`select count(*)::int as n from audit_event where action = 'read_triage_notes' and entity_id = $1`, [personId]);
    expect(after.rows[0].n - before.rows[0].n).toBe(2);
  });

  it('the forecast counts only people of operations the caller may see', async () => {
    const own = (await t.http.get(`/api/v1/forecast?localAuthorityCode=${LEEDS}&days=3`).set(bearer(w.planner.token)).expect(200)).body;
    expect(own.people).toBe(1);
    // a Bradford planner asking about Leeds learns nothing of Leeds' people
    const outsider = (await t.http.get(`/api/v1/forecast?localAuthorityCode=${LEEDS}&days=3`).set(bearer(w.outsiderPlanner.token)).expect(200)).body;
    expect(outsider.people).toBe(0);
    expect((await t.http.get(`/api/v1/forecast?localAuthorityCode=${BRADFORD}&days=3`).set(bearer(w.outsiderPlanner.token)).expect(200)).body.people).toBe(0);
  });

  it('occupancy history by area shows a partner only its own organisation’s sites, as the live occupancy does', async () => {
    const planner = (await t.http.get(`/api/v1/reports/occupancy-history?localAuthorityCode=${LEEDS}&days=2`).set(bearer(w.planner.token)).expect(200)).body;
    expect(planner.siteTypes).toContain('safe_house');
    const partner = (await t.http.get(`/api/v1/reports/occupancy-history?localAuthorityCode=${LEEDS}&days=2`).set(bearer(w.partner.token)).expect(200)).body;
    expect(partner.siteTypes).toEqual([]);
    expect(partner.days.every((d: { inService: number; occupied: number }) => d.inService === 0 && d.occupied === 0)).toBe(true);
  });
});
