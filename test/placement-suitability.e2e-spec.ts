import { newUser } from './support/factories';
import { newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

const now = () => new Date().toISOString();

describe('placement suitability and bed options', () => {
  let t: TestApp;
  let world: PlacementWorld;
  beforeAll(async () => {
    t = await startTestApp();
    world = await newPlacementWorld(t);
  });
  afterAll(() => t.close());

  const place = (body: Record<string, unknown>, token = world.officer.token) =>
    t.http.post('/api/v1/placements').set(bearer(token)).send(body);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(`select count(*) from ${sql}`, params)).rows[0].count);

  it('never places a child in an adult hostel, even with an override (422)', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1, { type: 'hostel', attributes: { acceptsChildren: false } });
    const child = await newTriagedPerson(t, world, { ageCategory: 'child', sex: 'male' });
    const admin = t.adminToken;
    const before = await count('placement');
    const res = await place({ personId: child.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(422);
    expect(res.body.code).toBe('UNSUITABLE_PLACEMENT');
    expect(res.body.details).toEqual([expect.objectContaining({ code: 'CHILD_IN_ADULT_SITE', overridable: false })]);
    await place({ personId: child.id, bedId: bedIds[0], from: now(), kind: 'placement', override: { reason: 'Nowhere else tonight at all' } }, admin).expect(422);
    expect(await count('placement')).toBe(before);
  });

  it('treats an age-disputed person as a child', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1, { type: 'hostel' });
    const disputed = await newTriagedPerson(t, world, { ageCategory: 'age_disputed', sex: 'female' });
    const res = await place({ personId: disputed.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(422);
    expect(res.body.details.map((d: { code: string }) => d.code)).toContain('CHILD_IN_ADULT_SITE');
  });

  it('never places a victim in the same site as a suspect from the same operation', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 2);
    const suspect = await newTriagedPerson(t, world, { sex: 'male' }, 'suspect');
    // Suspects are never placed in victim accommodation; record one already there (e.g. an earlier
    // triage changed) directly, to prove the rule looks at who is in the site.
    await t.db.query(
      `insert into placement (person_id, bed_id, site_id, operation_id, kind, status, period)
       select $1, b.id, b.site_id, $3, 'placement', 'active', tstzrange(now() - interval '1 hour', null) from bed b where b.id = $2`,
      [suspect.id, bedIds[0], world.operationId],
    );
    const victim = await newTriagedPerson(t, world);
    const res = await place({ personId: victim.id, bedId: bedIds[1], from: now(), kind: 'placement' }).expect(422);
    expect(res.body.details.map((d: { code: string }) => d.code)).toContain('SUSPECT_IN_SITE');
    const options = await t.http.get(`/api/v1/people/${victim.id}/bed-options`).set(bearer(world.officer.token)).expect(200);
    const siteOfSuspect = (await t.db.query(`select site_id from bed where id = $1`, [bedIds[0]])).rows[0].site_id;
    expect(options.body.items.map((o: { siteId: string }) => o.siteId)).not.toContain(siteOfSuspect);
    const excluded = options.body.excluded.find((e: { siteId: string }) => e.siteId === siteOfSuspect);
    expect(excluded.rules.map((r: { code: string }) => r.code)).toContain('SUSPECT_IN_SITE');
  });

  it('refuses a suspect a bed anywhere', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1);
    const suspect = await newTriagedPerson(t, world, { sex: 'male' }, 'suspect');
    const res = await place({ personId: suspect.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(422);
    expect(res.body.details.map((d: { code: string }) => d.code)).toContain('SUSPECT_NOT_PLACEABLE');
  });

  it('lets an operation lead override an overridable rule with a reason, and audits it', async () => {
    const { bedIds } = await newSiteWithBeds(t, world, 1, { attributes: { singleSex: 'female' } });
    const man = await newTriagedPerson(t, world, { sex: 'male' });
    const refused = await place({ personId: man.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ code: 'SINGLE_SEX_MISMATCH' })]);
    // A housing officer may not override this rule, even with a reason.
    await place({ personId: man.id, bedId: bedIds[0], from: now(), kind: 'placement', override: { reason: 'Only bed left in the area tonight' } }).expect(422);
    const lead = await newUser(t, world.councilId, ['operation_lead']);
    const ok = await place({ personId: man.id, bedId: bedIds[0], from: now(), kind: 'placement', override: { reason: 'Only bed left in the area tonight' } }, lead.token).expect(201);
    expect(ok.body).toMatchObject({ overriddenRules: ['SINGLE_SEX_MISMATCH'], overrideReason: 'Only bed left in the area tonight' });
    const audit = await t.db.query(`select details from audit_event where entity_type = 'placement' and entity_id = $1`, [ok.body.id]);
    expect(audit.rows[0].details).toMatchObject({ overriddenRules: ['SINGLE_SEX_MISMATCH'], overrideReason: 'Only bed left in the area tonight' });
  });

  it('ranks suitable beds with scores and reasons, and says why other sites are ruled out', async () => {
    const near = await newSiteWithBeds(t, world, 2, { name: 'Near the farm', location: { lat: 53.801, lng: -1.551 } });
    const far = await newSiteWithBeds(t, world, 2, { name: 'Far away flat', type: 'self_contained_flat', location: { lat: 54.2, lng: -1.0 }, attributes: { selfContained: true } });
    const stairs = await newSiteWithBeds(t, world, 2, { name: 'Upstairs hostel', type: 'hostel', attributes: { wheelchairAccessible: false } });
    const person = await newTriagedPerson(t, world, { needs: { wheelchair: true } });
    const res = await t.http.get(`/api/v1/people/${person.id}/bed-options?limit=50`).set(bearer(world.officer.token)).expect(200);
    const siteIds = res.body.items.map((o: { siteId: string }) => o.siteId);
    expect(siteIds).toContain(far.siteId);
    expect(siteIds).not.toContain(near.siteId);
    expect(siteIds).not.toContain(stairs.siteId);
    const first = res.body.items.find((o: { siteId: string }) => o.siteId === far.siteId);
    expect(first).toMatchObject({ bedId: expect.any(String), score: expect.any(Number), reasons: expect.any(Array) });
    for (let i = 1; i < res.body.items.length; i++) expect(res.body.items[i - 1].score).toBeGreaterThanOrEqual(res.body.items[i].score);
    const reasonsFor = (siteId: string) => res.body.excluded.find((e: { siteId: string }) => e.siteId === siteId)?.rules.map((r: { code: string }) => r.code);
    expect(reasonsFor(near.siteId)).toContain('TOO_CLOSE_TO_EXPLOITATION');
    expect(reasonsFor(stairs.siteId)).toContain('NOT_WHEELCHAIR_ACCESSIBLE');
    expect(JSON.stringify(res.body)).not.toMatch(/Test Street/);
  });

  it('offers only beds free for the whole period asked for', async () => {
    const { siteId, bedIds } = await newSiteWithBeds(t, world, 1, { location: { lat: 54.5, lng: -1.3 } });
    const a = await newTriagedPerson(t, world);
    await place({ personId: a.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
    const b = await newTriagedPerson(t, world);
    const res = await t.http.get(`/api/v1/people/${b.id}/bed-options?limit=100`).set(bearer(world.officer.token)).expect(200);
    expect(res.body.items.map((o: { bedId: string }) => o.bedId)).not.toContain(bedIds[0]);
    expect(res.body.excluded.find((e: { siteId: string }) => e.siteId === siteId)?.rules.map((r: { code: string }) => r.code)).toContain('NO_FREE_BED');
  });

  it('refuses bad bed-option queries and hides other councils’ people', async () => {
    const person = await newTriagedPerson(t, world);
    await t.http.get(`/api/v1/people/${person.id}/bed-options?from=tonight`).set(bearer(world.officer.token)).expect(400);
    await t.http.get(`/api/v1/people/${person.id}/bed-options?limit=0`).set(bearer(world.officer.token)).expect(400);
    const stranger = await newPlacementWorld(t);
    await t.http.get(`/api/v1/people/${person.id}/bed-options`).set(bearer(stranger.officer.token)).expect(404);
  });

  it('never lets a flagged controller and a victim of the same operation both into one site, even at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const { siteId, bedIds } = await newSiteWithBeds(t, world, 2);
      const controller = await newTriagedPerson(t, world, { sex: 'female', possibleController: true });
      const victim = await newTriagedPerson(t, world);
      const results = await Promise.all([
        place({ personId: controller.id, bedId: bedIds[0], from: now(), kind: 'placement' }),
        place({ personId: victim.id, bedId: bedIds[1], from: now(), kind: 'placement' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(await count(`placement where site_id = $1`, [siteId])).toBe(1);
    }
  });
});
