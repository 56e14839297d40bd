import { iso, newPathwayPerson, newPathwayWorld, PathwayWorld } from './support/pathway-factories';
import { newSiteWithBeds } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe("a person's case as a hand-over summary", () => {
  let t: TestApp;
  let w: PathwayWorld;
  let person: { id: string; reference: string };
  let siteName: string;
  const handover = (query = '', token = w.officer.token) => t.http.get(`/api/v1/people/${person.id}/handover${query}`).set(bearer(token));
  const identityReads = async () =>
    Number((await t.db.query(`select count(*) from audit_event where action = 'read_personal_data' and entity_id = $1`, [person.id])).rows[0].count);

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
    person = await newPathwayPerson(t, w, { givenName: 'Ana', familyName: 'Handover', dateOfBirth: '1990-04-02' });
    siteName = `Harbour House ${person.reference}`;
    const site = await newSiteWithBeds(t, w.placement, 1, { name: siteName });
    await t.http.post('/api/v1/placements').set(bearer(w.officer.token)).send({ personId: person.id, bedId: site.bedIds[0], from: iso(-60_000), kind: 'placement' }).expect(201);
    await t.http
      .post(`/api/v1/people/${person.id}/referrals`)
      .set(bearer(w.officer.token))
      .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
      .expect(201);
  });
  afterAll(() => t.close());

  it('carries the stage, the next deadline with its rule, the timeline and the current placement, without names unless asked', async () => {
    const before = await identityReads();
    const res = await handover().expect(200);
    expect(res.body).toMatchObject({
      personId: person.id,
      reference: person.reference,
      operation: { id: w.operationId },
      identity: null,
      personalData: 'not_requested',
      timeline: { stage: 'awaiting_rg', route: 'adult', nextDeadline: { kind: 'rg_decision_expected', rule: 'rg_decision_target' } },
      currentPlacement: { kind: 'placement', status: 'active', siteName, current: true },
      viewer: { narrow: false, mayRecord: true, maySeeIdentity: true },
    });
    expect(res.body.timeline.history.map((h: { type: string }) => h.type)).toEqual(['triage', 'referral']);
    expect(res.body.timeline.history[1].recordedBy).toBe(w.officer.id);
    expect(res.body.staffNames[w.officer.id]).toMatch(/^Test housing_officer emergency_planner \(Leeds City Council/);
    expect(JSON.stringify(res.body)).not.toContain('Handover');
    expect(await identityReads()).toBe(before);
  });

  it('with includeIdentity, a role that may see personal data gets names and date of birth, and the read is audited', async () => {
    const before = await identityReads();
    const res = await handover('?includeIdentity=true').expect(200);
    expect(res.body).toMatchObject({ personalData: 'shown', identity: { givenName: 'Ana', familyName: 'Handover', dateOfBirth: '1990-04-02' } });
    expect(await identityReads()).toBe(before + 1);
    const [row] = (await t.db.query(`select actor_user_id, details from audit_event where action = 'read_personal_data' and entity_id = $1 order by id desc limit 1`, [person.id])).rows;
    expect(row.actor_user_id).toBe(w.officer.id);
  });

  it("a rostered police lead asking for identity has it withheld (not refused), and nothing is read", async () => {
    const before = await identityReads();
    const res = await handover('?includeIdentity=true', w.policeLead.token).expect(200);
    expect(res.body).toMatchObject({ personalData: 'withheld', identity: null, viewer: { maySeeIdentity: false } });
    expect(JSON.stringify(res.body)).not.toContain('Handover');
    expect(await identityReads()).toBe(before);
  });

  it('a partner sees the narrow view: no names, no site, no member of staff', async () => {
    const res = await handover('?includeIdentity=true', w.partner.token).expect(200);
    expect(res.body).toMatchObject({ personalData: 'withheld', identity: null, viewer: { narrow: true, mayRecord: false, maySeeIdentity: false } });
    expect(res.body.currentPlacement).toMatchObject({ kind: 'placement', status: 'active', current: true });
    expect(res.body.currentPlacement.siteName).toBeUndefined();
    expect(res.body.timeline.history[0].recordedBy).toBeUndefined();
    expect(res.body.staffNames).toEqual({});
    expect(res.body.person.triageNotes).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(siteName);
  });

  it('an outsider is told the person does not exist; a bad id is 400', async () => {
    await handover('', w.outsider.token).expect(404);
    await t.http.get('/api/v1/people/not-a-uuid/handover').set(bearer(w.officer.token)).expect(400);
    await t.http.get(`/api/v1/people/${person.id}/handover?includeIdentity=maybe`).set(bearer(w.officer.token)).expect(400);
  });
});
