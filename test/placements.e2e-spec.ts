import { newOrganisation, newUser } from './support/factories';
import { PlacementsService } from '../apps/api/src/placements/placements.service';
import { AREA, newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

const inOneHour = () => new Date(Date.now() + 3600_000).toISOString();
const now = () => new Date().toISOString();

describe('placements', () => {
  let t: TestApp;
  let world: PlacementWorld;
  beforeAll(async () => {
    t = await startTestApp();
    world = await newPlacementWorld(t);
  });
  afterAll(() => t.close());

  const place = (body: Record<string, unknown>, token = world.officer.token) =>
    t.http.post('/api/v1/placements').set(bearer(token)).send(body);
  const bedStatus = async (bedId: string) => (await t.db.query(`select status, out_of_service_reason from bed where id = $1`, [bedId])).rows[0];
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(`select count(*) from ${sql}`, params)).rows[0].count);

  it('places a person in a bed, marks the bed occupied and records events and audit', async () => {
    const { bedIds, siteId } = await newSiteWithBeds(t, world, 2);
    const person = await newTriagedPerson(t, world);
    const res = await place({ personId: person.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    expect(res.body).toMatchObject({ personId: person.id, bedId: bedIds[0], siteId, status: 'active', kind: 'placement', until: null });
    expect((await bedStatus(bedIds[0])).status).toBe('occupied');
    const events = await t.db.query(`select type, data from outbox_event where data->>'placementId' = $1 or (type = 'bed.status_changed' and data->>'bedId' = $2) order by seq`, [res.body.id, bedIds[0]]);
    expect(events.rows.map((e) => e.type)).toEqual(expect.arrayContaining(['placement.created', 'bed.status_changed']));
    expect(JSON.stringify(events.rows)).not.toMatch(/Test Street/);
    expect(await count(`audit_event where entity_type = 'placement' and entity_id = $1`, [res.body.id])).toBe(1);
    const waiting = await t.db.query(`select awaiting_bed_since from person where id = $1`, [person.id]);
    expect(waiting.rows[0].awaiting_bed_since).toBeNull();
  });

  it('refuses a second person in a held bed with 409 BED_TAKEN and changes nothing', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const b = await newTriagedPerson(t, world);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), until: inOneHour(), kind: 'reservation' }).expect(201);
    const before = await count('placement');
    const res = await place({ personId: b.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(409);
    expect(res.body.code).toBe('BED_TAKEN');
    expect(await count('placement')).toBe(before);
  });

  it('lets the same bed be booked for a later, non-overlapping period', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const b = await newTriagedPerson(t, world);
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), until: tomorrow.toISOString(), kind: 'placement' }).expect(201);
    await place({ personId: b.id, bedId: bedIds[0], from: tomorrow.toISOString(), kind: 'placement' }).expect(201);
  });

  it('refuses to put one person in two beds at once (409)', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 2);
    const a = await newTriagedPerson(t, world);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    const res = await place({ personId: a.id, bedId: bedIds[1], from: now(), kind: 'placement' }).expect(409);
    expect(res.body.code).toBe('PERSON_ALREADY_PLACED');
  });

  it('gives exactly one of 50 simultaneous requests for one bed; 49 get 409', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const people = [];
    for (let i = 0; i < 50; i++) people.push(await newTriagedPerson(t, world));
    const from = now();
    const results = await Promise.all(people.map((p) => place({ personId: p.id, bedId: bedIds[0], from, kind: 'placement' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'BED_TAKEN')).toBe(true);
    expect(await count(`placement where bed_id = $1`, [bedIds[0]])).toBe(1);
  });

  it('keeps beds and people free of overlaps under 20 racing workers with retries', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 6);
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await newTriagedPerson(t, world));
    const base = Date.now() + 48 * 3600_000;
    const hour = 3600_000;
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    await Promise.all(
      people.map(async (p) => {
        for (let attempt = 0; attempt < 8; attempt++) {
          const start = base + Math.floor(random() * 10) * hour;
          const bedId = bedIds[Math.floor(random() * bedIds.length)];
          const res = await place({ personId: p.id, bedId, from: new Date(start).toISOString(), until: new Date(start + (1 + Math.floor(random() * 4)) * hour).toISOString(), kind: 'placement' });
          if (res.status !== 201 && res.status !== 409) throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
          await new Promise((r) => setTimeout(r, random() * 20));
        }
      }),
    );
    const overlaps = await t.db.query(
      `select count(*)::int as n from placement a join placement b on a.id < b.id
       where (a.bed_id = b.bed_id or a.person_id = b.person_id) and a.period && b.period
         and a.status in ('reserved','active','ended') and b.status in ('reserved','active','ended')`,
    );
    expect(overlaps.rows[0].n).toBe(0);
    expect(await count(`placement where bed_id = any($1)`, [bedIds])).toBeGreaterThan(5);
  });

  it('confirms a reservation into a placement', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const r = await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'reservation' }).expect(201);
    expect(r.body.status).toBe('reserved');
    expect(new Date(r.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3.9 * 3600_000);
    expect((await bedStatus(bedIds[0])).status).toBe('reserved');
    const c = await t.http.post(`/api/v1/placements/${r.body.id}/confirm`).set(bearer(world.officer.token)).expect(200);
    expect(c.body).toMatchObject({ status: 'active', kind: 'placement', expiresAt: null });
    expect((await bedStatus(bedIds[0])).status).toBe('occupied');
    await t.http.post(`/api/v1/placements/${r.body.id}/confirm`).set(bearer(world.officer.token)).expect(409);
  });

  it('expires a lapsed reservation and gives the bed back', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const r = await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'reservation' }).expect(201);
    await t.db.query(`update placement set expires_at = now() - interval '1 minute' where id = $1`, [r.body.id]);
    const expired = await t.app.get(PlacementsService).expireReservations();
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await bedStatus(bedIds[0])).status).toBe('available');
    const again = await t.http.get(`/api/v1/placements/${r.body.id}`).set(bearer(world.officer.token)).expect(200);
    expect(again.body.status).toBe('expired');
    const b = await newTriagedPerson(t, world);
    await place({ personId: b.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
  });

  it('ends a placement: the bed goes out of service for cleaning until marked ready', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const p = await place({ personId: a.id, bedId: bedIds[0], from: new Date(Date.now() - 3600_000).toISOString(), kind: 'placement' }).expect(201);
    const ended = await t.http
      .post(`/api/v1/placements/${p.body.id}/end`)
      .set(bearer(world.officer.token))
      .send({ at: now(), reason: 'moved_on', moveOnDestination: 'Council flat, Bradford' })
      .expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'moved_on', moveOnDestination: 'Council flat, Bradford' });
    expect(await bedStatus(bedIds[0])).toEqual({ status: 'out_of_service', out_of_service_reason: 'cleaning' });
    await t.http.post(`/api/v1/placements/${p.body.id}/end`).set(bearer(world.officer.token)).send({ at: now(), reason: 'moved_on' }).expect(409);
    await t.http.patch(`/api/v1/beds/${bedIds[0]}`).set(bearer(world.officer.token)).send({ status: 'available' }).expect(200);
    expect((await bedStatus(bedIds[0])).status).toBe('available');
  });

  it('refuses to close or take out of service a bed someone is placed in (409)', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    await t.http.patch(`/api/v1/beds/${bedIds[0]}`).set(bearer(world.officer.token)).send({ status: 'closed' }).expect(409);
    expect((await bedStatus(bedIds[0])).status).toBe('occupied');
  });

  it('transfers atomically: old placement ends, new one starts at the same instant', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 2);
    const a = await newTriagedPerson(t, world);
    const p = await place({ personId: a.id, bedId: bedIds[0], from: new Date(Date.now() - 3600_000).toISOString(), kind: 'placement' }).expect(201);
    const at = now();
    const moved = await t.http.post(`/api/v1/placements/${p.body.id}/transfer`).set(bearer(world.officer.token)).send({ bedId: bedIds[1], at }).expect(200);
    expect(moved.body).toMatchObject({ bedId: bedIds[1], status: 'active', transferredFromId: p.body.id });
    expect(new Date(moved.body.from).toISOString()).toBe(at);
    const old = await t.http.get(`/api/v1/placements/${p.body.id}`).set(bearer(world.officer.token)).expect(200);
    expect(old.body).toMatchObject({ status: 'ended', endReason: 'transferred' });
    expect(new Date(old.body.until).toISOString()).toBe(at);
  });

  it('leaves the person in exactly one bed when a transfer fails half-way', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 2);
    const a = await newTriagedPerson(t, world);
    const p = await place({ personId: a.id, bedId: bedIds[0], from: new Date(Date.now() - 3600_000).toISOString(), kind: 'placement' }).expect(201);
    // Inject a database error after the old placement has been ended, inside the same transaction.
    await t.db.query(`
      create function fail_transfer() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`);
    await t.db.query(`create trigger fail_transfer before insert on placement for each row when (new.transferred_from_id is not null) execute function fail_transfer()`);
    try {
      const res = await t.http.post(`/api/v1/placements/${p.body.id}/transfer`).set(bearer(world.officer.token)).send({ bedId: bedIds[1], at: now() }).expect(500);
      expect(JSON.stringify(res.body)).not.toMatch(/injected|placement|insert/i);
    } finally {
      await t.db.query(`drop trigger fail_transfer on placement; drop function fail_transfer()`);
    }
    const live = await t.db.query(`select bed_id, status from placement where person_id = $1 and status in ('reserved','active')`, [a.id]);
    expect(live.rows).toEqual([{ bed_id: bedIds[0], status: 'active' }]);
    expect((await bedStatus(bedIds[0])).status).toBe('occupied');
    expect((await bedStatus(bedIds[1])).status).toBe('available');
  });

  it('places a group all or nothing', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 3);
    const [a, b, c, intruder] = [await newTriagedPerson(t, world), await newTriagedPerson(t, world), await newTriagedPerson(t, world), await newTriagedPerson(t, world)];
    await place({ personId: intruder.id, bedId: bedIds[2], from: now(), kind: 'placement' }).expect(201);
    const before = await count('placement');
    const refused = await t.http
      .post('/api/v1/placements/group')
      .set(bearer(world.officer.token))
      .send({ members: [{ personId: a.id, bedId: bedIds[0] }, { personId: b.id, bedId: bedIds[1] }, { personId: c.id, bedId: bedIds[2] }], from: now(), kind: 'placement' })
      .expect(409);
    expect(refused.body.code).toBe('BED_TAKEN');
    expect(await count('placement')).toBe(before);
    expect((await bedStatus(bedIds[0])).status).toBe('available');
    const ok = await t.http
      .post('/api/v1/placements/group')
      .set(bearer(world.officer.token))
      .send({ members: [{ personId: a.id, bedId: bedIds[0] }, { personId: b.id, bedId: bedIds[1] }], from: now(), kind: 'placement' })
      .expect(201);
    expect(ok.body.placements).toHaveLength(2);
    expect(new Set(ok.body.placements.map((p: { groupPlacementId: string }) => p.groupPlacementId)).size).toBe(1);
  });

  it('records arrival, and a non-arrival frees the bed', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 2);
    const a = await newTriagedPerson(t, world);
    const b = await newTriagedPerson(t, world);
    const pa = await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement', expectedArrivalAt: inOneHour() }).expect(201);
    const arrived = await t.http.post(`/api/v1/placements/${pa.body.id}/arrival`).set(bearer(world.officer.token)).send({ arrivedAt: now() }).expect(200);
    expect(arrived.body.arrivedAt).not.toBeNull();
    const pb = await place({ personId: b.id, bedId: bedIds[1], from: now(), kind: 'placement' }).expect(201);
    const none = await t.http.post(`/api/v1/placements/${pb.body.id}/arrival`).set(bearer(world.officer.token)).send({ nonArrivalReason: 'Declined transport at the centre' }).expect(200);
    expect(none.body).toMatchObject({ status: 'ended', endReason: 'non_arrival', nonArrivalReason: 'Declined transport at the centre' });
    expect((await bedStatus(bedIds[1])).status).toBe('available');
    await t.http.post(`/api/v1/placements/${pb.body.id}/arrival`).set(bearer(world.officer.token)).send({}).expect(400);
  });

  it('carries the nightly cost of spot-purchased beds', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1, { type: 'bed_and_breakfast', nightlyCostPence: 6500 });
    const a = await newTriagedPerson(t, world);
    const res = await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    expect(res.body.nightlyCostPence).toBe(6500);
  });

  it.each([
    ['an unknown field', (p: string, b: string) => ({ personId: p, bedId: b, from: new Date().toISOString(), kind: 'placement', colour: 'red' }), 400],
    ['until before from', (p: string, b: string) => ({ personId: p, bedId: b, from: new Date().toISOString(), until: new Date(Date.now() - 1000).toISOString(), kind: 'placement' }), 400],
    ['a malformed date', (p: string, b: string) => ({ personId: p, bedId: b, from: 'tonight', kind: 'placement' }), 400],
    ['an unknown kind', (p: string, b: string) => ({ personId: p, bedId: b, from: new Date().toISOString(), kind: 'sofa' }), 400],
    ['a bed that does not exist', (p: string) => ({ personId: p, bedId: '00000000-0000-4000-8000-000000000000', from: new Date().toISOString(), kind: 'placement' }), 404],
  ])('refuses %s and writes nothing', async (_, body, status) => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const before = await count('placement');
    await place(body(a.id, bedIds[0])).expect(status);
    expect(await count('placement')).toBe(before);
    expect((await bedStatus(bedIds[0])).status).toBe('available');
  });

  it('replays a retried placement with the same Idempotency-Key', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const body = { personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' };
    const first = await place(body).set('Idempotency-Key', `place-${a.id}`).expect(201);
    const again = await place(body).set('Idempotency-Key', `place-${a.id}`).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(`placement where person_id = $1`, [a.id])).toBe(1);
  });

  it("hides another council's placements (404)", async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const a = await newTriagedPerson(t, world);
    const p = await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    const other = await newPlacementWorld(t);
    await t.http.get(`/api/v1/placements/${p.body.id}`).set(bearer(other.officer.token)).expect(404);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }, other.officer.token).expect(404);
  });

  it('reports occupancy per site by bed status, with the seq it reflects', async () => {
    const { siteId, bedIds } = await newSiteWithBeds(t, world, 3);
    const a = await newTriagedPerson(t, world);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    const res = await t.http.get(`/api/v1/occupancy?localAuthorityCode=${AREA}`).set(bearer(world.officer.token)).expect(200);
    expect(res.body.seq).toEqual(expect.any(Number));
    const site = res.body.sites.find((s: { siteId: string }) => s.siteId === siteId);
    expect(site).toMatchObject({ total: 3, counts: { available: 2, occupied: 1, reserved: 0, out_of_service: 0, closed: 0 } });
    await t.http.get('/api/v1/occupancy').set(bearer(world.officer.token)).expect(400);
    const partner = await newUser(t, (await newOrganisation(t, { kind: 'ngo' })).id, ['partner']);
    const narrow = await t.http.get(`/api/v1/occupancy?localAuthorityCode=${AREA}`).set(bearer(partner.token)).expect(200);
    expect(narrow.body.sites).toEqual([]);
  });

  it("offers the reception centre's own beds to its operation and shows who is still there in the summary", async () => {
    const centre = await newSiteWithBeds(t, world, 2, { type: 'reception_centre', name: 'Community hall' });
    const closesAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    await t.http
      .post(`/api/v1/operations/${world.operationId}/reception-centres`)
      .set(bearer(world.officer.token))
      .send({ siteId: centre.siteId, opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt })
      .expect(201);
    const a = await newTriagedPerson(t, world);
    const placed = await place({ personId: a.id, bedId: centre.bedIds[0], from: now(), kind: 'placement' }).expect(201);
    const summary = await t.http.get(`/api/v1/operations/${world.operationId}/summary`).set(bearer(world.officer.token)).expect(200);
    expect(summary.body.stillInCentre).toEqual([
      expect.objectContaining({ personId: a.id, reference: a.reference, bedLabel: 'B1', pastCentreWindow: false }),
    ]);
    expect(new Date(summary.body.stillInCentre[0].centreClosesAt).toISOString()).toBe(closesAt);
    expect(summary.body.funnel.placed).toBeGreaterThanOrEqual(1);
    expect(summary.body.funnel.registered).toBeGreaterThanOrEqual(summary.body.funnel.triaged);
    // Another operation's people are not offered this centre's beds.
    const other = await newPlacementWorld(t);
    const stranger = await newTriagedPerson(t, other);
    const res = await t.http.post('/api/v1/placements').set(bearer(other.officer.token)).send({ personId: stranger.id, bedId: centre.bedIds[1], from: now(), kind: 'placement' });
    // (another council's bed, and no cross-boundary agreement between the two: refused before the rules)
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('NO_AGREEMENT');
    await t.http.post(`/api/v1/placements/${placed.body.id}/end`).set(bearer(world.officer.token)).send({ at: now(), reason: 'moved_on' }).expect(200);
    const after = await t.http.get(`/api/v1/operations/${world.operationId}/summary`).set(bearer(world.officer.token)).expect(200);
    expect(after.body.stillInCentre).toEqual([]);
  });
});
