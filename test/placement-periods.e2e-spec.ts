import { newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

const HOUR = 3600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * The periods bed-options and placing read site by site (placement_site_period_idx): an ended placement
 * keeps its truncated period, so a placement ended at a later hour still holds its bed until then.
 */
describe('placement periods', () => {
  let t: TestApp;
  let world: PlacementWorld;
  beforeAll(async () => {
    t = await startTestApp();
    world = await newPlacementWorld(t);
  });
  afterAll(() => t.close());

  const place = (body: Record<string, unknown>) => t.http.post('/api/v1/placements').set(bearer(world.officer.token)).send(body);
  const options = async (personId: string, from: string) =>
    (await t.http.get(`/api/v1/people/${personId}/bed-options?limit=100&from=${encodeURIComponent(from)}`).set(bearer(world.officer.token)).expect(200)).body;
  const placements = async (bedId: string) => Number((await t.db.query(`select count(*) from placement where bed_id = $1`, [bedId])).rows[0].count);

  it('keeps a bed held until the hour its placement was ended at, for bed options and for placing', async () => {
    const { siteId, bedIds } = await newSiteWithBeds(t, world, 1, { location: { lat: 54.6, lng: -1.2 } });
    const leaving = await newTriagedPerson(t, world);
    const placed = await place({ personId: leaving.id, bedId: bedIds[0], from: at(-HOUR), kind: 'placement' }).expect(201);
    const endsAt = at(48 * HOUR);
    await t.http.post(`/api/v1/placements/${placed.body.id}/end`).set(bearer(world.officer.token)).send({ at: endsAt, reason: 'moved_on' }).expect(200);

    const next = await newTriagedPerson(t, world);
    const before = await options(next.id, at(24 * HOUR));
    expect(before.items.map((o: { bedId: string }) => o.bedId)).not.toContain(bedIds[0]);
    expect(before.excluded.find((e: { siteId: string }) => e.siteId === siteId)?.rules.map((r: { code: string }) => r.code)).toContain('NO_FREE_BED');
    const refused = await place({ personId: next.id, bedId: bedIds[0], from: at(24 * HOUR), kind: 'placement' }).expect(409);
    expect(refused.body.code).toBe('BED_TAKEN');
    expect(await placements(bedIds[0])).toBe(1);

    const after = await options(next.id, endsAt);
    expect(after.items.map((o: { bedId: string }) => o.bedId)).toContain(bedIds[0]);
    await place({ personId: next.id, bedId: bedIds[0], from: endsAt, kind: 'placement' }).expect(201);
    expect(await placements(bedIds[0])).toBe(2);
  });

  it('tells a bed clash from a person clash when the constraint refuses a booking made meanwhile', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 2, { location: { lat: 54.6, lng: -1.25 } });
    const a = await newTriagedPerson(t, world);
    const b = await newTriagedPerson(t, world);
    const from = at(0);
    // Both requests race for both beds: whatever the interleaving, nobody is double-booked and every
    // refusal names the right clash.
    const results = await Promise.all([
      place({ personId: a.id, bedId: bedIds[0], from, kind: 'placement' }),
      place({ personId: a.id, bedId: bedIds[1], from, kind: 'placement' }),
      place({ personId: b.id, bedId: bedIds[0], from, kind: 'placement' }),
      place({ personId: b.id, bedId: bedIds[1], from, kind: 'placement' }),
    ]);
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(['BED_TAKEN', 'PERSON_ALREADY_PLACED']).toContain(r.body.code);
    }
    const rows = (await t.db.query(`select person_id, bed_id from placement where bed_id = any($1)`, [bedIds])).rows;
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.bed_id)).size).toBe(rows.length);
  });
});
