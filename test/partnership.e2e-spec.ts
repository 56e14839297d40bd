import { randomUUID } from 'node:crypto';
import { newOrganisation, newUser, TestUser } from './support/factories';
import { DEFAULT_SITE_ATTRIBUTES } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const LEEDS = 'E08000035';
const BRADFORD = 'E08000032';
const now = () => new Date().toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/**
 * The partnership of issue #13: a police-led operation hosted by a council, beds of a neighbouring council
 * under a cross-boundary agreement, and data shared under a data-sharing agreement.
 */
describe('host councils, cross-boundary and data-sharing agreements', () => {
  let t: TestApp;
  let police: { id: string };
  let leeds: { id: string };
  let bradford: { id: string };
  let charity: { id: string };
  let policeLead: TestUser;
  let leedsPlanner: TestUser;
  let leedsOfficer: TestUser;
  let bradfordPlanner: TestUser;
  let bradfordOfficer: TestUser;
  let charityPartner: TestUser;
  let operationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const s = randomUUID().slice(0, 6);
    police = await newOrganisation(t, { name: `West Yorkshire Police ${s}`, kind: 'police' });
    leeds = await newOrganisation(t, { name: `Leeds ${s}`, kind: 'council', localAuthorityCode: LEEDS });
    bradford = await newOrganisation(t, { name: `Bradford ${s}`, kind: 'council', localAuthorityCode: BRADFORD });
    charity = await newOrganisation(t, { name: `Hope ${s}`, kind: 'ngo' });
    policeLead = await newUser(t, police.id, ['operation_lead']);
    leedsPlanner = await newUser(t, leeds.id, ['emergency_planner']);
    leedsOfficer = await newUser(t, leeds.id, ['housing_officer']);
    bradfordPlanner = await newUser(t, bradford.id, ['emergency_planner']);
    bradfordOfficer = await newUser(t, bradford.id, ['housing_officer']);
    charityPartner = await newUser(t, charity.id, ['partner']);
  });
  afterAll(() => t.close());

  const operationBody = (fields: Record<string, unknown> = {}) => ({
    name: `Operation ${randomUUID().slice(0, 6)}`,
    localAuthorityCode: LEEDS,
    plannedStart: now(),
    expectedPeople: 10,
    ...fields,
  });

  async function siteWithBeds(officer: TestUser, organisationId: string, area: string, beds = 2) {
    const site = await t.http
      .post('/api/v1/sites')
      .set(bearer(officer.token))
      .send({
        name: `Site ${randomUUID().slice(0, 8)}`,
        type: 'safe_house',
        organisationId,
        localAuthorityCode: area,
        address: '1 Example Street',
        location: { lat: 53.9, lng: -1.6 },
        attributes: DEFAULT_SITE_ATTRIBUTES,
      })
      .expect(201);
    const room = await t.http.post(`/api/v1/sites/${site.body.id}/rooms`).set(bearer(officer.token)).send({ name: 'Bedroom', kind: 'bedroom' }).expect(201);
    const bedIds: string[] = [];
    for (let i = 1; i <= beds; i++) {
      bedIds.push((await t.http.post(`/api/v1/sites/${site.body.id}/beds`).set(bearer(officer.token)).send({ roomId: room.body.id, label: `B${i}` }).expect(201)).body.id);
    }
    return { siteId: site.body.id as string, bedIds };
  }

  async function person(user: TestUser) {
    const p = await t.http
      .post(`/api/v1/operations/${operationId}/people`)
      .set(bearer(user.token))
      .send({ sex: 'female', ageCategory: 'adult', languages: ['en'], interpreterNeeded: false, needs: {}, givenName: 'Ana', familyName: 'Example' })
      .expect(201);
    await t.http.post(`/api/v1/people/${p.body.id}/triage`).set(bearer(user.token)).send({ outcome: 'potential_victim' }).expect(200);
    return p.body.id as string;
  }

  describe('a police-led operation hosted by a council', () => {
    it('a host council planner creates it; it lists its host councils', async () => {
      const res = await t.http
        .post('/api/v1/operations')
        .set(bearer(leedsPlanner.token))
        .send(operationBody({ leadOrganisationId: police.id, hostCouncilIds: [leeds.id] }))
        .expect(201);
      operationId = res.body.id;
      expect(res.body).toMatchObject({ leadOrganisationId: police.id, hostCouncilIds: [leeds.id] });
      const seen = await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(policeLead.token)).expect(200);
      expect(seen.body.hostCouncilIds).toEqual([leeds.id]);
    });

    it('the police lead moves its stages; the host council plans it but does not', async () => {
      await t.http.patch(`/api/v1/operations/${operationId}`).set(bearer(leedsPlanner.token)).send({ status: 'active' }).expect(403);
      await t.http.patch(`/api/v1/operations/${operationId}`).set(bearer(leedsPlanner.token)).send({ expectedPeople: 12 }).expect(200);
      await t.http.patch(`/api/v1/operations/${operationId}`).set(bearer(policeLead.token)).send({ status: 'active' }).expect(200);
    });

    it('refuses a planner creating one their organisation neither leads nor hosts, and a host that is not a council', async () => {
      await t.http.post('/api/v1/operations').set(bearer(bradfordPlanner.token)).send(operationBody({ leadOrganisationId: police.id, hostCouncilIds: [leeds.id] })).expect(403);
      const res = await t.http.post('/api/v1/operations').set(bearer(leedsPlanner.token)).send(operationBody({ leadOrganisationId: police.id, hostCouncilIds: [leeds.id, charity.id] })).expect(422);
      expect(res.body.code).toBe('NOT_A_COUNCIL');
      await t.http.post('/api/v1/operations').set(bearer(leedsPlanner.token)).send(operationBody({ leadOrganisationId: police.id, hostCouncilIds: ['nope'] })).expect(400);
    });

    it('an operation created with only leadOrganisationId by its own planner still works', async () => {
      const res = await t.http.post('/api/v1/operations').set(bearer(leedsPlanner.token)).send(operationBody({ leadOrganisationId: leeds.id })).expect(201);
      expect(res.body.hostCouncilIds).toEqual([]);
      await t.http.patch(`/api/v1/operations/${res.body.id}`).set(bearer(leedsPlanner.token)).send({ status: 'active' }).expect(200);
    });

    it('the host council sees names; an outside council sees nothing', async () => {
      const id = await person(leedsOfficer);
      await t.http.get(`/api/v1/people/${id}/identity`).set(bearer(leedsOfficer.token)).expect(200);
      await t.http.get(`/api/v1/people/${id}`).set(bearer(bradfordOfficer.token)).expect(404);
    });
  });

  describe('cross-boundary placements', () => {
    let bradfordSite: { siteId: string; bedIds: string[] };
    let personId: string;
    let placementId: string;

    beforeAll(async () => {
      bradfordSite = await siteWithBeds(bradfordOfficer, bradford.id, BRADFORD, 3);
      personId = await person(leedsOfficer);
    });

    const until = inDays(30);
    // Bed options for a period the placement would cover: an agreement covers a placement's whole period.
    const offeredSites = async () =>
      (await t.http.get(`/api/v1/people/${personId}/bed-options`).query({ localAuthorityCode: BRADFORD, until }).set(bearer(leedsOfficer.token)).expect(200)).body.items.map(
        (o: { siteId: string }) => o.siteId,
      );

    it('without an agreement, another council’s beds are neither offered nor placeable (403 NO_AGREEMENT)', async () => {
      expect(await offeredSites()).not.toContain(bradfordSite.siteId);
      const res = await t.http.post('/api/v1/placements').set(bearer(leedsOfficer.token)).send({ personId, bedId: bradfordSite.bedIds[0], from: now(), kind: 'placement' }).expect(403);
      expect(res.body.code).toBe('NO_AGREEMENT');
      expect((await t.db.query(`select count(*)::int as n from placement where person_id = $1`, [personId])).rows[0].n).toBe(0);
    });

    it('an agreement only a party’s planner may record; a bad one is refused', async () => {
      const body = { kind: 'cross_boundary', organisationIds: [leeds.id, bradford.id], from: inDays(-1), reference: 'MoU WY-2025-03' };
      await t.http.post('/api/v1/agreements').set(bearer(leedsOfficer.token)).send(body).expect(403);
      const outsider = await newUser(t, (await newOrganisation(t, { kind: 'council' })).id, ['emergency_planner']);
      await t.http.post('/api/v1/agreements').set(bearer(outsider.token)).send(body).expect(403);
      await t.http.post('/api/v1/agreements').set(bearer(leedsPlanner.token)).send({ ...body, until: inDays(-2) }).expect(400);
      await t.http.post('/api/v1/agreements').set(bearer(leedsPlanner.token)).send({ ...body, organisationIds: [leeds.id] }).expect(400);
      await t.http.post('/api/v1/agreements').set(bearer(leedsPlanner.token)).send({ ...body, kind: 'treaty' }).expect(400);
      const ngo = await t.http.post('/api/v1/agreements').set(bearer(leedsPlanner.token)).send({ ...body, organisationIds: [leeds.id, charity.id] }).expect(422);
      expect(ngo.body.code).toBe('NOT_A_COUNCIL');
      // scoped to a site type that is not this one: still not covered
      await t.http.post('/api/v1/agreements').set(bearer(leedsPlanner.token)).send({ ...body, scope: { siteTypes: ['hostel'] } }).expect(201);
      expect(await offeredSites()).not.toContain(bradfordSite.siteId);
      await t.http.post('/api/v1/placements').set(bearer(leedsOfficer.token)).send({ personId, bedId: bradfordSite.bedIds[0], from: now(), kind: 'placement' }).expect(403);
    });

    it('with one, the beds are offered and the placement goes through', async () => {
      const created = await t.http
        .post('/api/v1/agreements')
        .set(bearer(bradfordPlanner.token))
        .send({ kind: 'cross_boundary', organisationIds: [bradford.id, leeds.id], from: inDays(-1), until: inDays(60), reference: 'MoU WY-2025-04', scope: { siteTypes: ['safe_house'] } })
        .expect(201);
      expect(created.body).toMatchObject({ kind: 'cross_boundary', inForce: true, reference: 'MoU WY-2025-04' });
      const list = await t.http.get('/api/v1/agreements').set(bearer(leedsOfficer.token)).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
      expect((await t.http.get('/api/v1/agreements').set(bearer(policeLead.token)).expect(200)).body.items).toEqual([]);

      expect(await offeredSites()).toContain(bradfordSite.siteId);
      // without searching the area by name: the partner's area is searched too
      const all = await t.http.get(`/api/v1/people/${personId}/bed-options`).query({ until }).set(bearer(leedsOfficer.token)).expect(200);
      expect(all.body.areas).toEqual(expect.arrayContaining([LEEDS, BRADFORD]));
      // open-ended placement outlasts the agreement: not covered
      await t.http.post('/api/v1/placements').set(bearer(leedsOfficer.token)).send({ personId, bedId: bradfordSite.bedIds[0], from: now(), kind: 'placement' }).expect(403);
      const placed = await t.http
        .post('/api/v1/placements')
        .set(bearer(leedsOfficer.token))
        .send({ personId, bedId: bradfordSite.bedIds[0], from: now(), until, kind: 'placement' })
        .expect(201);
      placementId = placed.body.id;
    });

    it('the owning council sees, transfers and ends the placement in its beds', async () => {
      const seen = await t.http.get(`/api/v1/placements/${placementId}`).set(bearer(bradfordOfficer.token)).expect(200);
      expect(seen.body.siteId).toBe(bradfordSite.siteId);
      const moved = await t.http.post(`/api/v1/placements/${placementId}/transfer`).set(bearer(bradfordOfficer.token)).send({ bedId: bradfordSite.bedIds[1], at: now() }).expect(200);
      expect(moved.body.bedId).toBe(bradfordSite.bedIds[1]);
      // not into a bed that is not theirs
      const leedsSite = await siteWithBeds(leedsOfficer, leeds.id, LEEDS, 1);
      await t.http.post(`/api/v1/placements/${moved.body.id}/transfer`).set(bearer(bradfordOfficer.token)).send({ bedId: leedsSite.bedIds[0], at: now() }).expect(404);
      await t.http.post(`/api/v1/placements/${moved.body.id}/end`).set(bearer(bradfordOfficer.token)).send({ at: now(), reason: 'moved_on' }).expect(200);
      const bed = await t.http.get(`/api/v1/beds/${bradfordSite.bedIds[1]}`).set(bearer(bradfordOfficer.token)).expect(200);
      expect(bed.body.status).not.toBe('occupied');
      // the partner council never gets the person's names
      await t.http.get(`/api/v1/people/${personId}/identity`).set(bearer(bradfordOfficer.token)).expect(404);
    });
  });

  describe('data-sharing agreements', () => {
    it('shares the named classes for as long as the agreement and the operation last', async () => {
      // the charity is not on the roster: the operation is invisible to it
      await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(charityPartner.token)).expect(404);
      const res = await t.http
        .post('/api/v1/agreements')
        .set(bearer(t.adminToken))
        .send({ kind: 'data_sharing', organisationIds: [leeds.id, charity.id], from: inDays(-1), until: inDays(5), reference: 'DSA-2025-11', scope: { operationId, classes: ['counts', 'references'] } })
        .expect(201);
      expect(res.body.scope).toEqual({ operationId, classes: ['counts', 'references'] });
      const op = await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(charityPartner.token)).expect(200);
      expect(op.body.exploitationSite).toBeUndefined();
      const people = await t.http.get(`/api/v1/operations/${operationId}/people`).set(bearer(charityPartner.token)).expect(200);
      expect(people.body.items[0].reference).toBeDefined();
      expect(people.body.items[0].needs).toBeUndefined();
      await t.http.get(`/api/v1/people/${people.body.items[0].id}/identity`).set(bearer(charityPartner.token)).expect(403);

      // it ends with the agreement
      await t.db.query(`update agreement set valid_from = now() - interval '2 days', valid_until = now() - interval '1 second' where id = $1`, [res.body.id]);
      await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(charityPartner.token)).expect(404);
      // and with the operation
      await t.db.query(`update agreement set valid_until = null where id = $1`, [res.body.id]);
      await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(charityPartner.token)).expect(200);
      await t.db.query(`update operation set status = 'closed' where id = $1`, [operationId]);
      await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(charityPartner.token)).expect(404);
      await t.db.query(`update operation set status = 'active' where id = $1`, [operationId]);
    });

    it('a data-sharing agreement must name its classes', async () => {
      await t.http
        .post('/api/v1/agreements')
        .set(bearer(t.adminToken))
        .send({ kind: 'data_sharing', organisationIds: [leeds.id, charity.id], from: now(), reference: 'DSA-x' })
        .expect(400);
      await t.http
        .post('/api/v1/agreements')
        .set(bearer(t.adminToken))
        .send({ kind: 'data_sharing', organisationIds: [leeds.id, charity.id], from: now(), reference: 'DSA-x', scope: { classes: ['gossip'] } })
        .expect(400);
    });
  });
});
