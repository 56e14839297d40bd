import { newUser, TestUser } from './support/factories';
import { newPlacementWorld, newSiteWithBeds, newTriagedPerson, PlacementWorld } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Issue #11: each hole in the placement rules, reproduced through the API as a housing officer meets it
 * on the night. Each test failed on the code before the fix.
 */
const now = () => new Date().toISOString();
const codes = (details: Array<{ code: string }>) => details.map((d) => d.code);

describe('placement safeguarding without holes', () => {
  let t: TestApp;
  let world: PlacementWorld;
  let lead: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    world = await newPlacementWorld(t);
    lead = await newUser(t, world.councilId, ['operation_lead']);
  });
  afterAll(() => t.close());

  const place = (body: Record<string, unknown>, token = world.officer.token) => t.http.post('/api/v1/placements').set(bearer(token)).send(body);
  const placeGroup = (body: Record<string, unknown>, token = world.officer.token) =>
    t.http.post('/api/v1/placements/group').set(bearer(token)).send(body);
  const bedOptions = (personId: string, query = 'limit=100') =>
    t.http.get(`/api/v1/people/${personId}/bed-options?${query}`).set(bearer(world.officer.token)).expect(200);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(`select count(*) from ${sql}`, params)).rows[0].count);
  const excludedRules = (options: { body: { excluded: Array<{ siteId: string; rules: Array<{ code: string }> }> } }, siteId: string) =>
    options.body.excluded.find((e) => e.siteId === siteId)?.rules.map((r) => r.code) ?? [];
  const offeredSites = (options: { body: { items: Array<{ siteId: string }> } }) => options.body.items.map((o) => o.siteId);
  const newGroup = async (kind = 'family') =>
    (
      await t.http
        .post(`/api/v1/operations/${world.operationId}/groups`)
        .set(bearer(world.officer.token))
        .send({ kind, label: `Group ${Math.random().toString(36).slice(2, 8)}` })
        .expect(201)
    ).body.id as string;

  describe('hole 1: sharing a group never exempts anyone from the keep-apart rules', () => {
    it('refuses a group holding a potential victim and a possible controller of the same operation, with each member’s reasons', async () => {
      const groupId = await newGroup('travelled_together');
      const { siteId, bedIds } = await newSiteWithBeds(t, world, 2);
      const victim = await newTriagedPerson(t, world, { groupId });
      const controller = await newTriagedPerson(t, world, { groupId, possibleController: true });
      const before = await count('placement');
      const res = await placeGroup(
        { members: [{ personId: victim.id, bedId: bedIds[0] }, { personId: controller.id, bedId: bedIds[1] }], from: now(), kind: 'placement' },
        t.adminToken,
      ).expect(422);
      expect(res.body.code).toBe('UNSUITABLE_PLACEMENT');
      const byPerson = (id: string) => res.body.details.filter((d: { personId: string }) => d.personId === id);
      expect(codes(byPerson(victim.id))).toContain('SUSPECT_IN_SITE');
      expect(codes(byPerson(controller.id))).toContain('SUSPECT_IN_SITE');
      expect(await count('placement')).toBe(before);
      expect(await count('placement where site_id = $1', [siteId])).toBe(0);
    });

    it('refuses a witness placed in one group with a potential victim (NOT_VICTIM_WITH_VICTIMS), overridable only by a lead', async () => {
      const { bedIds } = await newSiteWithBeds(t, world, 2);
      const victim = await newTriagedPerson(t, world);
      const witness = await newTriagedPerson(t, world, {}, 'witness');
      const body = { members: [{ personId: victim.id, bedId: bedIds[0] }, { personId: witness.id, bedId: bedIds[1] }], from: now(), kind: 'placement' };
      const res = await placeGroup(body).expect(422);
      const mine = res.body.details.filter((d: { personId: string }) => d.personId === witness.id);
      expect(mine).toEqual([expect.objectContaining({ code: 'NOT_VICTIM_WITH_VICTIMS', overridable: false })]);
      await placeGroup({ ...body, override: { reason: 'Same household, police agree' } }).expect(422);
      const ok = await placeGroup({ ...body, override: { reason: 'Same household, police agree' } }, lead.token).expect(201);
      expect(ok.body.placements).toHaveLength(2);
    });

    it('bed options for a group member count the group’s own possible controller already placed at a site', async () => {
      const groupId = await newGroup('travelled_together');
      const { siteId, bedIds } = await newSiteWithBeds(t, world, 3);
      const controller = await newTriagedPerson(t, world, { groupId, possibleController: true, sex: 'male' });
      const victim = await newTriagedPerson(t, world, { groupId });
      await place({ personId: controller.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(201);
      const options = await bedOptions(victim.id);
      expect(offeredSites(options)).not.toContain(siteId);
      expect(excludedRules(options, siteId)).toContain('SUSPECT_IN_SITE');
      const res = await place({ personId: victim.id, bedId: bedIds[1], from: now(), kind: 'placement' }).expect(422);
      expect(codes(res.body.details)).toContain('SUSPECT_IN_SITE');
    });
  });

  describe('hole 1, bed options: a group that may not share a site', () => {
    it('ranks beds for the victim alone when their group holds a possible controller, and says so', async () => {
      const groupId = await newGroup('family');
      const single = await newSiteWithBeds(t, world, 1, { location: { lat: 55.1, lng: -1.7 }, attributes: { acceptsFamilies: false } });
      const victim = await newTriagedPerson(t, world, { groupId });
      await newTriagedPerson(t, world, { groupId, possibleController: true, sex: 'male' });
      const options = await bedOptions(victim.id);
      expect(options.body.group).toMatchObject({ code: 'GROUP_CANNOT_SHARE', reason: expect.any(String) });
      expect(offeredSites(options)).toContain(single.siteId);
      // A family that may share keeps its group rules: two beds together in a site that takes families.
      const familyId = await newGroup('family');
      const mother = await newTriagedPerson(t, world, { groupId: familyId });
      await newTriagedPerson(t, world, { groupId: familyId, ageCategory: 'adult' });
      const familyOptions = await bedOptions(mother.id);
      expect(familyOptions.body.group).toBeNull();
      expect(excludedRules(familyOptions, single.siteId)).toContain('FAMILY_NEEDS_BEDS');
    });
  });

  describe('hole 2: children recorded as dependants get every child rule', () => {
    it('refuses a man with `needs.dependants: 2` a men-only hostel that takes no children', async () => {
      const { bedIds } = await newSiteWithBeds(t, world, 3, { type: 'hostel', attributes: { singleSex: 'male', acceptsChildren: false, acceptsFamilies: true } });
      const father = await newTriagedPerson(t, world, { sex: 'male', needs: { dependants: 2 } });
      const res = await place({ personId: father.id, bedId: bedIds[0], from: now(), kind: 'placement' }).expect(422);
      expect(codes(res.body.details)).toEqual(expect.arrayContaining(['CHILD_IN_ADULT_SITE']));
      expect(res.body.details.find((d: { code: string }) => d.code === 'CHILD_IN_ADULT_SITE')).toMatchObject({ overridable: false });
    });

    it('describes dependants and applies the single-sex rule to them: a mother with a son in a women-only site', async () => {
      const site = await newSiteWithBeds(t, world, 3, { attributes: { singleSex: 'female', acceptsChildren: true, acceptsFamilies: true } });
      const mother = await newTriagedPerson(t, world, { sex: 'female', dependants: [{ ageCategory: 'child', age: 15, sex: 'male' }] });
      const person = await t.http.get(`/api/v1/people/${mother.id}`).set(bearer(world.officer.token)).expect(200);
      expect(person.body.dependants).toEqual([{ ageCategory: 'child', age: 15, sex: 'male' }]);
      const res = await place({ personId: mother.id, bedId: site.bedIds[0], from: now(), kind: 'placement' }).expect(422);
      expect(codes(res.body.details)).toEqual(['SINGLE_SEX_MISMATCH']);
      const options = await bedOptions(mother.id);
      expect(excludedRules(options, site.siteId)).toEqual(['SINGLE_SEX_MISMATCH']);
    });

    it('refuses dependants that contradict themselves, and a bad dependants list changes nothing', async () => {
      const before = await count('person');
      const body = { sex: 'female', ageCategory: 'adult', languages: ['en'], interpreterNeeded: false, needs: {} };
      const post = (fields: Record<string, unknown>) =>
        t.http.post(`/api/v1/operations/${world.operationId}/people`).set(bearer(world.officer.token)).send({ ...body, ...fields });
      await post({ dependants: [{ ageCategory: 'child', age: 30 }] }).expect(400);
      await post({ dependants: [{ ageCategory: 'baby' }] }).expect(400);
      await post({ dependants: 'two' }).expect(400);
      await post({ dependants: [{ ageCategory: 'child' }], needs: { dependants: 3 } }).expect(400);
      expect(await count('person')).toBe(before);
    });
  });

  describe('hole 3: a potential victim who is also a suspected offender', () => {
    it('records both, can be referred into the NRM, is kept apart from the operation’s victims, and a child is placed in children’s accommodation', async () => {
      const child = await t.http
        .post(`/api/v1/operations/${world.operationId}/people`)
        .set(bearer(world.officer.token))
        .send({ sex: 'male', ageCategory: 'child', languages: ['en'], interpreterNeeded: false, needs: {} })
        .expect(201);
      const triaged = await t.http
        .post(`/api/v1/people/${child.body.id}/triage`)
        .set(bearer(world.officer.token))
        .send({ outcome: 'potential_victim', suspectedOffender: true })
        .expect(200);
      expect(triaged.body).toMatchObject({ triageOutcome: 'potential_victim', suspectedOffender: true, keepApart: true, stage: 'children_services' });
      await t.http
        .post(`/api/v1/people/${child.body.id}/referrals`)
        .set(bearer(world.officer.token))
        .send({ kind: 'nrm', consent: false, submittedAt: now(), firstResponderOrganisationId: world.councilId })
        .expect(201);

      // Another victim of the operation is already at one children's site: that one is ruled out.
      const shared = await newSiteWithBeds(t, world, 2, { type: 'foster_placement', attributes: { acceptsChildren: true } });
      const otherChild = await newTriagedPerson(t, world, { ageCategory: 'child', sex: 'female' });
      await place({ personId: otherChild.id, bedId: shared.bedIds[0], from: now(), kind: 'placement' }).expect(201);
      const refused = await place({ personId: child.body.id, bedId: shared.bedIds[1], from: now(), kind: 'placement' }, t.adminToken).expect(422);
      expect(codes(refused.body.details)).toContain('SUSPECT_IN_SITE');

      const foster = await newSiteWithBeds(t, world, 1, { type: 'foster_placement', attributes: { acceptsChildren: true } });
      const options = await bedOptions(child.body.id);
      expect(offeredSites(options)).toContain(foster.siteId);
      expect(excludedRules(options, shared.siteId)).toContain('SUSPECT_IN_SITE');
      await place({ personId: child.body.id, bedId: foster.bedIds[0], from: now(), kind: 'placement' }).expect(201);

      // ...and the victims of the operation are kept away from where they are now.
      const victim = await newTriagedPerson(t, world, { ageCategory: 'child' });
      const next = await t.http
        .post(`/api/v1/sites/${foster.siteId}/beds`)
        .set(bearer(world.officer.token))
        .send({ label: 'B2' })
        .expect(201);
      const res = await place({ personId: victim.id, bedId: next.body.id, from: now(), kind: 'placement' }).expect(422);
      expect(codes(res.body.details)).toContain('SUSPECT_IN_SITE');
    });

    it('still never places an adult triaged only as a suspect', async () => {
      const { bedIds } = await newSiteWithBeds(t, world, 1);
      const suspect = await newTriagedPerson(t, world, { sex: 'male' }, 'suspect');
      const res = await place({ personId: suspect.id, bedId: bedIds[0], from: now(), kind: 'placement' }, t.adminToken).expect(422);
      expect(codes(res.body.details)).toContain('SUSPECT_NOT_PLACEABLE');
    });

    it("places a child triaged only as a suspect in children's accommodation, never in adult sites, kept apart", async () => {
      const foster = await newSiteWithBeds(t, world, 1, { type: 'foster_placement', attributes: { acceptsChildren: true } });
      const adultSite = await newSiteWithBeds(t, world, 1);
      const child = await newTriagedPerson(t, world, { ageCategory: 'child', sex: 'male' }, 'suspect');
      const refused = await place({ personId: child.id, bedId: adultSite.bedIds[0], from: now(), kind: 'placement' }, t.adminToken).expect(422);
      expect(codes(refused.body.details)).toEqual(['CHILD_IN_ADULT_SITE']);
      await place({ personId: child.id, bedId: foster.bedIds[0], from: now(), kind: 'placement' }).expect(201);
    });

    it('refuses suspectedOffender that is not a boolean', async () => {
      const person = await newTriagedPerson(t, world);
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(world.officer.token)).send({ outcome: 'potential_victim', suspectedOffender: 'yes' }).expect(400);
    });
  });

  describe('hole 4: no recourse to public funds', () => {
    it('records the status, refuses a site that does not accept NRPF unless a lead overrides with a reason, and warns in bed options', async () => {
      const site = await newSiteWithBeds(t, world, 2, { attributes: { acceptsNoRecourseToPublicFunds: false } });
      const person = await newTriagedPerson(t, world, { recourseToPublicFunds: 'no' });
      const shown = await t.http.get(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).expect(200);
      expect(shown.body.recourseToPublicFunds).toBe('no');
      const res = await place({ personId: person.id, bedId: site.bedIds[0], from: now(), kind: 'placement' }).expect(422);
      expect(res.body.details).toEqual([expect.objectContaining({ code: 'NO_RECOURSE_TO_PUBLIC_FUNDS', overridable: false })]);
      expect(excludedRules(await bedOptions(person.id), site.siteId)).toEqual(['NO_RECOURSE_TO_PUBLIC_FUNDS']);
      await place({ personId: person.id, bedId: site.bedIds[0], from: now(), kind: 'placement', override: { reason: 'Council funds this one night' } }).expect(422);
      const ok = await place(
        { personId: person.id, bedId: site.bedIds[0], from: now(), kind: 'placement', override: { reason: 'Council funds this one night' } },
        lead.token,
      ).expect(201);
      expect(ok.body.overriddenRules).toEqual(['NO_RECOURSE_TO_PUBLIC_FUNDS']);
    });

    it('an unknown status is offered with a visible warning; a bad status is 400 and changes nothing', async () => {
      const site = await newSiteWithBeds(t, world, 1, { attributes: { acceptsNoRecourseToPublicFunds: false } });
      const person = await newTriagedPerson(t, world);
      const options = await bedOptions(person.id);
      const option = options.body.items.find((o: { siteId: string }) => o.siteId === site.siteId);
      expect(option.warnings).toEqual([expect.objectContaining({ code: 'RECOURSE_UNKNOWN', reason: expect.stringMatching(/recourse to public funds/i) })]);
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).send({ recourseToPublicFunds: 'maybe' }).expect(400);
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).send({ recourseToPublicFunds: 'yes' }).expect(200);
      const after = await bedOptions(person.id);
      expect(after.body.items.find((o: { siteId: string }) => o.siteId === site.siteId).warnings).toEqual([]);
    });
  });

  describe('hole 5: the stay window uses the stage’s remaining days when no end is given', () => {
    it('refuses a hostel closing tomorrow for a pre-NRM stay of five working days, in placing and in bed options', async () => {
      const closing = new Date(Date.now() + 24 * 3600_000).toISOString();
      const site = await newSiteWithBeds(t, world, 1, { type: 'hostel' });
      await t.http.patch(`/api/v1/sites/${site.siteId}`).set(bearer(world.officer.token)).send({ availableUntil: closing }).expect(200);
      const person = await newTriagedPerson(t, world);
      const res = await place({ personId: person.id, bedId: site.bedIds[0], from: now(), kind: 'placement' }).expect(422);
      expect(codes(res.body.details)).toEqual(['WINDOW_TOO_SHORT']);
      const options = await bedOptions(person.id);
      expect(offeredSites(options)).not.toContain(site.siteId);
      expect(excludedRules(options, site.siteId)).toEqual(['WINDOW_TOO_SHORT']);
      // A stay that ends before the site does still fits it.
      const shortStay = new Date(Date.now() + 12 * 3600_000).toISOString();
      await place({ personId: person.id, bedId: site.bedIds[0], from: now(), until: shortStay, kind: 'placement' }).expect(201);
    });

    it('applies to a transfer too: moving an open-ended pre-NRM stay into a hostel closing tomorrow needs an override', async () => {
      const closing = new Date(Date.now() + 24 * 3600_000).toISOString();
      const first = await newSiteWithBeds(t, world, 1);
      const hostel = await newSiteWithBeds(t, world, 1, { type: 'hostel' });
      await t.http.patch(`/api/v1/sites/${hostel.siteId}`).set(bearer(world.officer.token)).send({ availableUntil: closing }).expect(200);
      const person = await newTriagedPerson(t, world);
      const placed = await place({ personId: person.id, bedId: first.bedIds[0], from: now(), kind: 'placement' }).expect(201);
      const transfer = (body: Record<string, unknown>) =>
        t.http.post(`/api/v1/placements/${placed.body.id}/transfer`).set(bearer(world.officer.token)).send({ bedId: hostel.bedIds[0], at: now(), ...body });
      const refused = await transfer({}).expect(422);
      expect(codes(refused.body.details)).toEqual(['WINDOW_TOO_SHORT']);
      expect(await count(`placement where person_id = $1 and status = 'active'`, [person.id])).toBe(1);
      // A housing officer may accept a bed that ends before the stage does, knowing a move will follow.
      const moved = await transfer({ override: { reason: 'Only bed tonight; moving on tomorrow' } }).expect(200);
      expect(moved.body.overriddenRules).toEqual(['WINDOW_TOO_SHORT']);
    });
  });

  describe('hole 6: places to keep away from, per person', () => {
    it('excludes sites inside a keep-away area and never puts the points in events', async () => {
      const home = { lat: 54.4, lng: -1.3 };
      const inside = await newSiteWithBeds(t, world, 1, { location: { lat: 54.42, lng: -1.3 } });
      const outside = await newSiteWithBeds(t, world, 1, { location: { lat: 54.9, lng: -1.3 } });
      const person = await newTriagedPerson(t, world, { keepAwayFrom: [{ ...home, radiusKm: 10 }] });
      const options = await bedOptions(person.id);
      expect(excludedRules(options, inside.siteId)).toEqual(['INSIDE_KEEP_AWAY_AREA']);
      expect(offeredSites(options)).toContain(outside.siteId);
      const res = await place({ personId: person.id, bedId: inside.bedIds[0], from: now(), kind: 'placement' }).expect(422);
      expect(codes(res.body.details)).toEqual(['INSIDE_KEEP_AWAY_AREA']);
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).send({ keepAwayFrom: [{ lat: 54.41, lng: -1.31, radiusKm: 3 }] }).expect(200);
      const events = await t.db.query(`select data::text as data from outbox_event where data->>'personId' = $1`, [person.id]);
      expect(events.rows.length).toBeGreaterThan(0);
      expect(events.rows.map((r) => r.data).join()).not.toMatch(/54\.4|radiusKm/);
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).send({ keepAwayFrom: [{ lat: 95, lng: 0, radiusKm: 1 }] }).expect(400);
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).send({ keepAwayFrom: [{ lat: 54, lng: 0, radiusKm: -1 }] }).expect(400);
    });
  });

  describe('every path: merging two registrations of one person', () => {
    it('keeps the suspected-offender flag, no recourse and every keep-away place of either record', async () => {
      const kept = await newTriagedPerson(t, world);
      const duplicate = await t.http
        .post(`/api/v1/operations/${world.operationId}/people`)
        .set(bearer(world.officer.token))
        .send({ sex: 'female', ageCategory: 'adult', languages: ['en'], interpreterNeeded: false, needs: {}, recourseToPublicFunds: 'no', keepAwayFrom: [{ lat: 54.2, lng: -1.4, radiusKm: 4 }] })
        .expect(201);
      await t.http.post(`/api/v1/people/${duplicate.body.id}/triage`).set(bearer(world.officer.token)).send({ outcome: 'potential_victim', suspectedOffender: true }).expect(200);
      await t.http.post(`/api/v1/people/${kept.id}/merge`).set(bearer(world.officer.token)).send({ duplicatePersonId: duplicate.body.id }).expect(200);
      const row = (await t.db.query(`select suspected_offender, keep_apart, recourse_to_public_funds, keep_away_from from person where id = $1`, [kept.id])).rows[0];
      expect(row).toEqual({ suspected_offender: true, keep_apart: true, recourse_to_public_funds: 'no', keep_away_from: [{ lat: 54.2, lng: -1.4, radiusKm: 4 }] });
    });
  });

  describe('hole 7: needs that decide whether a placement lasts', () => {
    it('takes pregnancy, pets, substance-misuse support and a single-sex wish, and ranks by them with a reason each', async () => {
      const plain = await newSiteWithBeds(t, world, 1, { location: { lat: 55.0, lng: -1.6 } });
      const fitting = await newSiteWithBeds(t, world, 1, {
        location: { lat: 55.0, lng: -1.6 },
        attributes: { singleSex: 'female', acceptsPets: true, substanceMisuseSupport: true },
      });
      const person = await newTriagedPerson(t, world, { needs: { pregnant: true, pets: true, substanceMisuseSupport: true, prefersSingleSex: true } });
      const options = await bedOptions(person.id);
      const a = options.body.items.find((o: { siteId: string }) => o.siteId === plain.siteId);
      const b = options.body.items.find((o: { siteId: string }) => o.siteId === fitting.siteId);
      expect(b.score).toBeGreaterThan(a.score);
      const preference = (o: { preferences: Array<{ code: string; credit: number | null }> }, code: string) => o.preferences.find((p) => p.code === code);
      expect(preference(b, 'pets')).toMatchObject({ credit: 1 });
      expect(preference(a, 'pets')).toMatchObject({ credit: 0 });
      expect(preference(b, 'substanceMisuseSupport')).toMatchObject({ credit: 1 });
      expect(preference(b, 'singleSexPreference')).toMatchObject({ credit: 1 });
      expect(preference(a, 'pregnancy')).toMatchObject({ credit: expect.any(Number) });
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(world.officer.token)).send({ needs: { pets: 'dog' } }).expect(400);
    });
  });

  describe('hole 8: bed options say which bed, where and why', () => {
    it('carries the bed label, room, site type and area on each option, and stable codes with plain words', async () => {
      const site = await newSiteWithBeds(t, world, 1, { name: 'Labelled refuge', type: 'refuge', location: { lat: 55.2, lng: -1.6 } });
      const person = await newTriagedPerson(t, world);
      const options = await bedOptions(person.id);
      const option = options.body.items.find((o: { siteId: string }) => o.siteId === site.siteId);
      expect(option).toMatchObject({
        bedId: site.bedIds[0],
        bedLabel: 'B1',
        roomName: 'Bedroom 1',
        roomId: expect.any(String),
        siteId: site.siteId,
        siteName: 'Labelled refuge',
        siteType: 'refuge',
        localAuthorityCode: 'E08000035',
        score: expect.any(Number),
        reasons: expect.arrayContaining([expect.any(String)]),
        preferences: expect.arrayContaining([expect.objectContaining({ code: 'distance', reason: expect.any(String) })]),
      });
      const unready = await newSiteWithBeds(t, world, 1, { type: 'hostel', attributes: { wheelchairAccessible: false } });
      const wheelchair = await newTriagedPerson(t, world, { needs: { wheelchair: true } });
      const excluded = (await bedOptions(wheelchair.id)).body.excluded.find((e: { siteId: string }) => e.siteId === unready.siteId);
      expect(excluded).toMatchObject({
        siteId: unready.siteId,
        siteType: 'hostel',
        localAuthorityCode: 'E08000035',
        reasons: [expect.any(String)],
        rules: [{ code: 'NOT_WHEELCHAIR_ACCESSIBLE', reason: expect.any(String), overridableBy: ['admin', 'operation_lead'] }],
      });
    });
  });
});
