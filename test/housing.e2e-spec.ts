import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newOrganisation, newUser, TestUser } from './support/factories';
import { newBed, newRoom, newSite } from './support/inventory-factories';
import { AREA, newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** The housing officer's jobs that sit behind the web pages: live counts, turnaround, costs, import, clashes. */
describe('housing officer', () => {
  let t: TestApp;
  let world: PlacementWorld;
  beforeAll(async () => {
    t = await startTestApp();
    world = await newPlacementWorld(t);
  });
  afterAll(() => t.close());

  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
  const now = () => new Date().toISOString();
  const place = (body: Record<string, unknown>, token = world.officer.token) => t.http.post('/api/v1/placements').set(bearer(token)).send(body);
  const bedStatus = async (bedId: string) =>
    (await t.db.query(`select status, out_of_service_reason as reason from bed where id = $1`, [bedId])).rows[0];
  const occupancyOf = async (siteId: string, token = world.officer.token) => {
    const res = await t.http.get(`/api/v1/occupancy?localAuthorityCode=${AREA}`).set(bearer(token)).expect(200);
    return res.body.sites.find((s: { siteId: string }) => s.siteId === siteId);
  };

  describe('a void property not ready', () => {
    it('is not counted as free in the live occupancy until its checklist is complete', async () => {
      const house = await newSite(t, world.officer.token, world.councilId, { type: 'void_property', name: `Void house ${randomUUID().slice(0, 6)}` });
      const room = await newRoom(t, world.officer.token, house.id, { kind: 'dormitory' });
      for (let i = 1; i <= 8; i++) await newBed(t, world.officer.token, house.id, { roomId: room.id, label: `V${i}` });

      const before = await occupancyOf(house.id);
      expect(before).toMatchObject({ readiness: 'not_ready', total: 8, counts: { available: 0, not_ready: 8 } });

      await t.http
        .patch(`/api/v1/sites/${house.id}/readiness`)
        .set(bearer(world.officer.token))
        .send({ utilitiesOn: true, furnished: true, safetyChecked: true, keysHeld: true })
        .expect(200);
      const after = await occupancyOf(house.id);
      expect(after).toMatchObject({ readiness: 'ready', total: 8, counts: { available: 8, not_ready: 0 } });
    });

    it('lists no free bed for it in the inventory either', async () => {
      const house = await newSite(t, world.officer.token, world.councilId, { type: 'void_property' });
      await newBed(t, world.officer.token, house.id, { label: 'F1' });
      const res = await t.http.get(`/api/v1/sites/${house.id}`).set(bearer(world.officer.token)).expect(200);
      expect(res.body).toMatchObject({ readiness: 'not_ready', placeableBeds: 0, bedCounts: { available: 1 } });
    });
  });

  describe('turnaround after a departure', () => {
    let provider: { id: string };
    let providerOfficer: TestUser;
    let stranger: TestUser;
    beforeAll(async () => {
      provider = await newOrganisation(t, { kind: 'ngo' });
      providerOfficer = await newUser(t, provider.id, ['housing_officer']);
      stranger = await newUser(t, (await newOrganisation(t, { kind: 'council', localAuthorityCode: 'E08000032' })).id, ['housing_officer']);
    });

    /** A provider's safe house bed that the world's council placed someone in, who has now left. */
    async function vacatedProviderBed() {
      const site = await newSite(t, providerOfficer.token, provider.id, { type: 'safe_house', location: { lat: 53.99, lng: -1.2 } });
      const bed = await newBed(t, providerOfficer.token, site.id, { label: 'P1' });
      const person = await newTriagedPerson(t, world);
      const p = await place({ personId: person.id, bedId: bed.id, from: hoursAgo(30), kind: 'placement' });
      if (p.status !== 201) throw new Error(JSON.stringify(p.body));
      await t.http.post(`/api/v1/placements/${p.body.id}/end`).set(bearer(world.officer.token)).send({ at: hoursAgo(2), reason: 'moved_on' }).expect(200);
      expect(await bedStatus(bed.id)).toEqual({ status: 'out_of_service', reason: 'cleaning' });
      return { site, bed };
    }

    it("lets the placing council's housing officer mark the provider's bed ready (it was 403 and the bed stayed out)", async () => {
      const { bed } = await vacatedProviderBed();
      await t.http.patch(`/api/v1/beds/${bed.id}`).set(bearer(stranger.token)).send({ status: 'available' }).expect(403);
      // Only "ready again": the placing council does not run the provider's beds otherwise.
      await t.http.patch(`/api/v1/beds/${bed.id}`).set(bearer(world.officer.token)).send({ status: 'closed' }).expect(403);
      await t.http.patch(`/api/v1/beds/${bed.id}`).set(bearer(world.officer.token)).send({ status: 'available' }).expect(200);
      expect(await bedStatus(bed.id)).toEqual({ status: 'available', reason: null });
    });

    it('shows beds waiting for cleaning with how long, to whoever may mark them ready', async () => {
      const { site, bed } = await vacatedProviderBed();
      const board = (token: string) => t.http.get('/api/v1/turnaround').set(bearer(token)).expect(200);
      const mine = (await board(world.officer.token)).body.items.find((i: { bedId: string }) => i.bedId === bed.id);
      expect(mine).toMatchObject({ bedId: bed.id, bedLabel: 'P1', siteId: site.id, siteName: site.name, canMarkReady: true });
      expect(mine.waitingMinutes).toBeGreaterThanOrEqual(115);
      expect(mine.waitingMinutes).toBeLessThan(130);
      expect((await board(providerOfficer.token)).body.items.map((i: { bedId: string }) => i.bedId)).toContain(bed.id);
      expect((await board(stranger.token)).body.items.map((i: { bedId: string }) => i.bedId)).not.toContain(bed.id);

      await t.http.patch(`/api/v1/beds/${bed.id}`).set(bearer(providerOfficer.token)).send({ status: 'available' }).expect(200);
      expect((await board(world.officer.token)).body.items.map((i: { bedId: string }) => i.bedId)).not.toContain(bed.id);
    });
  });

  describe('costs of spot-purchased beds', () => {
    it('gives the nightly cost per operation and per site, with totals', async () => {
      const op = await newPlacementWorld(t);
      const bnb = await newSiteWithBeds(t, op, 2, { type: 'bed_and_breakfast', nightlyCostPence: 4500, name: `B&B ${randomUUID().slice(0, 6)}` });
      const other = await newSiteWithBeds(t, op, 1, { type: 'bed_and_breakfast', nightlyCostPence: 3900, name: `Guest house ${randomUUID().slice(0, 6)}` });
      const free = await newSiteWithBeds(t, op, 1, { type: 'safe_house' });
      const people = [await newTriagedPerson(t, op), await newTriagedPerson(t, op), await newTriagedPerson(t, op), await newTriagedPerson(t, op)];
      await place({ personId: people[0].id, bedId: bnb.bedIds[0], from: hoursAgo(1), kind: 'placement' }, op.officer.token).expect(201);
      await place({ personId: people[1].id, bedId: bnb.bedIds[1], from: hoursAgo(1), kind: 'placement' }, op.officer.token).expect(201);
      await place({ personId: people[2].id, bedId: other.bedIds[0], from: hoursAgo(1), kind: 'placement' }, op.officer.token).expect(201);
      await place({ personId: people[3].id, bedId: free.bedIds[0], from: hoursAgo(1), kind: 'placement' }, op.officer.token).expect(201);

      const res = await t.http.get(`/api/v1/costs?operationId=${op.operationId}`).set(bearer(op.officer.token)).expect(200);
      expect(res.body.sites).toHaveLength(2);
      expect(res.body.sites).toEqual(expect.arrayContaining([
        expect.objectContaining({ siteId: bnb.siteId, operationId: op.operationId, placementsTonight: 2, nightlyCostPence: 4500, costTonightPence: 9000 }),
        expect.objectContaining({ siteId: other.siteId, operationId: op.operationId, placementsTonight: 1, nightlyCostPence: 3900, costTonightPence: 3900 }),
      ]));
      expect(res.body.operations).toEqual([expect.objectContaining({ operationId: op.operationId, placementsTonight: 3, costTonightPence: 12900 })]);
      expect(res.body.totals).toMatchObject({ placementsTonight: 3, costTonightPence: 12900 });

      const stranger = await newPlacementWorld(t);
      await t.http.get(`/api/v1/costs?operationId=${op.operationId}`).set(bearer(stranger.officer.token)).expect(404);
      await t.http.get(`/api/v1/costs`).set(bearer(op.officer.token)).expect(400);
    });
  });

  describe('CSV import preview', () => {
    const example = readFileSync(join(__dirname, '..', 'examples', 'sites-import.csv'), 'utf8');
    const post = (csv: string, token: string, path = '') =>
      t.http.post(`/api/v1/sites/import${path}`).set(bearer(token)).set('Content-Type', 'text/csv').send(csv);

    it('lists errors by line and the sites it will merge, writing nothing; then imports; a repeat changes nothing', async () => {
      const council = await newOrganisation(t, { kind: 'council' });
      const officer = await newUser(t, council.id, ['housing_officer']);
      const existing = await newSite(t, officer.token, council.id, { name: 'Kirkstall Guest House', type: 'bed_and_breakfast' });
      const lines = example.trimEnd().split('\n');
      const bad = [...lines.slice(0, 3), 'Broken Row House,castle,E08000035,"1 Example Road",,,,,,,,,,,,,,,,,,', ...lines.slice(3)].join('\n') + '\n';
      const count = async () => Number((await t.db.query(`select count(*) from bed b join site s on s.id = b.site_id where s.organisation_id = $1`, [council.id])).rows[0].count);

      const preview = await post(bad, officer.token, '/preview').expect(200);
      expect(preview.body.dryRun).toBe(true);
      expect(preview.body.rejected).toEqual([{ line: 4, errors: [expect.stringMatching(/site_type/)] }]);
      expect(preview.body.merging).toEqual(
        [{ siteId: existing.id, siteName: 'Kirkstall Guest House', lines: [8, 9, 10] }],
      );
      expect(preview.body.willCreate.beds).toBeGreaterThan(0);
      expect(await count()).toBe(0);

      const done = await post(bad, officer.token).expect(201);
      expect(done.body.beds.created).toBe(preview.body.willCreate.beds);
      expect(await count()).toBe(preview.body.willCreate.beds);
      const again = await post(bad, officer.token).expect(201);
      expect(again.body.created).toBe(0);
      expect(await count()).toBe(preview.body.willCreate.beds);
    });
  });

  describe('a clash on a bed', () => {
    it('says who holds the bed by reference and offers the next option', async () => {
      const { bedIds } = await newSiteWithBeds(t, world, 2);
      const a = await newTriagedPerson(t, world);
      const b = await newTriagedPerson(t, world);
      await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
      const res = await place({ personId: b.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(409);
      expect(res.body.code).toBe('BED_TAKEN');
      expect(res.body.message).toContain(a.reference);
      expect(res.body.details.heldBy).toMatchObject({ reference: a.reference });
      expect(res.body.details.nextOption).toMatchObject({ bedId: expect.any(String) });
      expect(res.body.details.nextOption.bedId).not.toBe(bedIds[0]);
    });

    it("does not name another organisation's person", async () => {
      const other = await newPlacementWorld(t);
      const { bedIds } = await newSiteWithBeds(t, world, 1);
      const mine = await newTriagedPerson(t, world);
      const theirs = await newTriagedPerson(t, other);
      // the other council may place into this council's beds under a cross-boundary agreement
      await t.http
        .post('/api/v1/agreements')
        .set(bearer(t.adminToken))
        .send({ kind: 'cross_boundary', organisationIds: [world.councilId, other.councilId], from: hoursAgo(24), reference: `MOU-${randomUUID().slice(0, 6)}` })
        .expect(201);
      await place({ personId: mine.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
      const res = await place({ personId: theirs.id, bedId: bedIds[0], from: now(), kind: 'placement' }, other.officer.token).expect(409);
      expect(res.body.code).toBe('BED_TAKEN');
      expect(JSON.stringify(res.body)).not.toContain(mine.reference);
      expect(res.body.details.heldBy).toMatchObject({ reference: null });
    });
  });

  it('gives each bed option a distance band in words, not the kilometres', async () => {
    await newSiteWithBeds(t, world, 1);
    const someone = await newTriagedPerson(t, world);
    const res = await t.http.get(`/api/v1/people/${someone.id}/bed-options`).set(bearer(world.officer.token)).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    // the test sites are about 31 km from the operation's place of exploitation
    expect(res.body.items[0]).toMatchObject({ distanceBand: '20 to 50 km' });
    expect(res.body.items[0]).not.toHaveProperty('distanceKm');
  });

  describe('a family placed together', () => {
    it('places a woman and her two children in one site in one call, a room together, all or none', async () => {
      // (a women-only refuge refuses the boy today: the single-sex rule has no age limit for children)
      const refuge = await newSiteWithBeds(t, world, 4, {
        type: 'self_contained_flat',
        attributes: { singleSex: null, acceptsChildren: true, acceptsFamilies: true, selfContained: true },
      });
      const group = await t.http.post(`/api/v1/operations/${world.operationId}/groups`).set(bearer(world.officer.token)).send({ kind: 'family', label: `Family ${randomUUID().slice(0, 4)}` }).expect(201);
      const mother = await newTriagedPerson(t, world, { groupId: group.body.id });
      const girl = await newTriagedPerson(t, world, { groupId: group.body.id, ageCategory: 'child', sex: 'female' });
      const boy = await newTriagedPerson(t, world, { groupId: group.body.id, ageCategory: 'child', sex: 'male' });

      const res = await t.http
        .post('/api/v1/placements/family')
        .set(bearer(world.officer.token))
        .send({ personId: mother.id, siteId: refuge.siteId, from: now(), kind: 'placement' });
      expect([res.status, res.body.message]).toEqual([201, undefined]);
      expect(res.body.placements.map((p: { personId: string }) => p.personId).sort()).toEqual([mother.id, girl.id, boy.id].sort());
      expect(new Set(res.body.placements.map((p: { siteId: string }) => p.siteId))).toEqual(new Set([refuge.siteId]));
      expect(new Set(res.body.placements.map((p: { groupPlacementId: string }) => p.groupPlacementId)).size).toBe(1);

      // only one bed left: a second family of three is refused and nothing is written
      const before = Number((await t.db.query(`select count(*) from placement where site_id = $1`, [refuge.siteId])).rows[0].count);
      const other = await t.http.post(`/api/v1/operations/${world.operationId}/groups`).set(bearer(world.officer.token)).send({ kind: 'family', label: `Family ${randomUUID().slice(0, 4)}` }).expect(201);
      const m2 = await newTriagedPerson(t, world, { groupId: other.body.id });
      await newTriagedPerson(t, world, { groupId: other.body.id, ageCategory: 'child', sex: 'female' });
      const refused = await t.http.post('/api/v1/placements/family').set(bearer(world.officer.token)).send({ personId: m2.id, siteId: refuge.siteId, from: now(), kind: 'placement' }).expect(409);
      expect(refused.body.code).toBe('NOT_ENOUGH_BEDS');
      expect(Number((await t.db.query(`select count(*) from placement where site_id = $1`, [refuge.siteId])).rows[0].count)).toBe(before);
    });
  });
});
