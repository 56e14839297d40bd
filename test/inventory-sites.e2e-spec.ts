import { addDays } from 'date-fns';
import { newOrganisation, newUser, TestUser } from './support/factories';
import { newBed, newSite, siteBody } from './support/inventory-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';


const LEEDS = 'E08000035';
const BRADFORD = 'E08000032';

describe('accommodation inventory: sites', () => {
  let t: TestApp;
  let leeds: { id: string };
  let bradford: { id: string };
  let ngo: { id: string };
  let police: { id: string };
  const users: Record<string, TestUser> = {};

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(`select count(*) from ${sql}`, params)).rows[0].count);
  /** Everything a refused write must leave untouched. */
  const snapshot = async () => ({
    sites: await count('site'),
    rooms: await count('room'),
    beds: await count('bed'),
    outbox: await count('outbox_event'),
    audit: await count(`audit_event where action not in ('login', 'login_failed')`),
  });

  beforeAll(async () => {
    t = await startTestApp();
    leeds = await newOrganisation(t, { kind: 'council', localAuthorityCode: LEEDS });
    bradford = await newOrganisation(t, { kind: 'council', localAuthorityCode: BRADFORD });
    ngo = await newOrganisation(t, { kind: 'ngo' });
    police = await newOrganisation(t, { kind: 'police' });
    users.leedsOfficer = await newUser(t, leeds.id, ['housing_officer']);
    users.leedsPlanner = await newUser(t, leeds.id, ['emergency_planner']);
    users.leedsLead = await newUser(t, leeds.id, ['operation_lead']);
    users.leedsPartner = await newUser(t, leeds.id, ['partner']);
    users.bradfordOfficer = await newUser(t, bradford.id, ['housing_officer']);
    users.policeLead = await newUser(t, police.id, ['operation_lead']);
    users.ngoPartner = await newUser(t, ngo.id, ['partner']);
  });
  afterAll(() => t.close());

  describe('adding a site', () => {
    it('lets a housing officer add a site for their council, audited and announced without the address', async () => {
      const body = siteBody(leeds.id, { name: 'Harehills Place of Safety', type: 'place_of_safety' });
      const res = await t.http.post('/api/v1/sites').set(bearer(users.leedsOfficer.token)).send(body).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        organisationId: leeds.id,
        name: 'Harehills Place of Safety',
        type: 'place_of_safety',
        localAuthorityCode: LEEDS,
        address: body.address,
        location: { lat: 53.8008, lng: -1.5491 },
        availableFrom: null,
        availableUntil: null,
        attributes: { ...body.attributes },
        readiness: 'ready',
        isDemo: false,
        bedCounts: { available: 0, reserved: 0, occupied: 0, out_of_service: 0, closed: 0, total: 0 },
      });
      const audit = await t.db.query(`select action, actor_user_id from audit_event where entity_type = 'site' and entity_id = $1 order by id`, [res.body.id]);
      expect(audit.rows).toEqual([
        { action: 'create', actor_user_id: users.leedsOfficer.id },
        { action: 'read_address', actor_user_id: users.leedsOfficer.id },
      ]);
      const events = await t.db.query(`select type, site_id, local_authority_code, organisation_id, data from outbox_event where site_id = $1`, [res.body.id]);
      expect(events.rows).toEqual([
        {
          type: 'site.created',
          site_id: res.body.id,
          local_authority_code: LEEDS,
          organisation_id: leeds.id,
          data: expect.objectContaining({ siteId: res.body.id, type: 'place_of_safety', readiness: 'ready' }),
        },
      ]);
      expect(JSON.stringify(events.rows[0].data)).not.toMatch(/Example Road|Harehills/);
    });

    it('adds a void property as not ready, with its four checks outstanding', async () => {
      const site = await newSite(t, users.leedsOfficer.token, leeds.id, { type: 'void_property', attributes: { selfContained: true } });
      expect(site.readiness).toBe('not_ready');
      expect(await count(`void_readiness_item where site_id = $1 and completed_at is null`, [site.id])).toBe(4);
    });

    it('lets an emergency planner add a site, but not see its address back', async () => {
      const res = await t.http.post('/api/v1/sites').set(bearer(users.leedsPlanner.token)).send(siteBody(leeds.id, { type: 'reception_centre' })).expect(201);
      expect(res.body.address).toBeNull();
      expect(res.body.location).toBeNull();
      expect(await count(`audit_event where action = 'read_address' and entity_id = $1`, [res.body.id])).toBe(0);
    });

    it('fills in left-out attributes with safe defaults', async () => {
      const res = await t.http
        .post('/api/v1/sites')
        .set(bearer(users.leedsOfficer.token))
        .send({ name: 'Bare B&B', type: 'bed_and_breakfast', organisationId: leeds.id, localAuthorityCode: LEEDS, address: '2 Example Road', nightlyCostPence: 4500 })
        .expect(201);
      expect(res.body).toMatchObject({
        location: null,
        nightlyCostPence: 4500,
        attributes: {
          singleSex: null,
          acceptsChildren: false,
          acceptsFamilies: false,
          wheelchairAccessible: false,
          selfContained: false,
          dormitory: false,
          staffedHours: 'none',
          traumaInformed: false,
          acceptsNoRecourseToPublicFunds: false,
          languages: [],
        },
      });
    });

    it('keeps an availability window (a booked venue)', async () => {
      const res = await t.http
        .post('/api/v1/sites')
        .set(bearer(users.leedsOfficer.token))
        .send(siteBody(leeds.id, { type: 'reception_centre', availableFrom: '2026-03-01T12:00:00Z', availableUntil: '2026-03-06T12:00:00+00:00' }))
        .expect(201);
      expect(res.body).toMatchObject({ availableFrom: '2026-03-01T12:00:00.000Z', availableUntil: '2026-03-06T12:00:00.000Z' });
    });

    it.each([
      ['leedsLead', 'an operation lead'],
      ['leedsPartner', 'a partner'],
    ])('refuses %s (%s) with 403 and writes nothing', async (who) => {
      const before = await snapshot();
      const res = await t.http.post('/api/v1/sites').set(bearer(users[who].token)).send(siteBody(leeds.id)).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it("refuses a housing officer adding a site for another council (403), writing nothing", async () => {
      const before = await snapshot();
      await t.http.post('/api/v1/sites').set(bearer(users.bradfordOfficer.token)).send(siteBody(leeds.id)).expect(403);
      expect(await snapshot()).toEqual(before);
    });

    it('lets an admin add a site for any organisation, but not for one that does not exist (422)', async () => {
      await t.http.post('/api/v1/sites').set(bearer(t.adminToken)).send(siteBody(bradford.id, { localAuthorityCode: BRADFORD })).expect(201);
      const before = await snapshot();
      const res = await t.http.post('/api/v1/sites').set(bearer(t.adminToken)).send(siteBody('00000000-0000-4000-8000-000000000000')).expect(422);
      expect(res.body.code).toBe('UNKNOWN_ORGANISATION');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a second site of the same name in one organisation (409), whatever the case; another council may use it', async () => {
      await newSite(t, users.leedsOfficer.token, leeds.id, { name: 'Armley Lodge' });
      const before = await snapshot();
      const res = await t.http.post('/api/v1/sites').set(bearer(users.leedsOfficer.token)).send(siteBody(leeds.id, { name: 'ARMLEY LODGE' })).expect(409);
      expect(res.body.code).toBe('ALREADY_EXISTS');
      expect(await snapshot()).toEqual(before);
      await newSite(t, users.bradfordOfficer.token, bradford.id, { name: 'Armley Lodge', localAuthorityCode: BRADFORD });
    });

    it('replays a retried create with the same Idempotency-Key, creating one site', async () => {
      const body = siteBody(leeds.id, { name: 'Retried Hostel' });
      const first = await t.http.post('/api/v1/sites').set(bearer(users.leedsOfficer.token)).set('Idempotency-Key', 'site-retry-1').send(body).expect(201);
      const again = await t.http.post('/api/v1/sites').set(bearer(users.leedsOfficer.token)).set('Idempotency-Key', 'site-retry-1').send(body).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers['idempotent-replay']).toBe('true');
      expect(await count(`site where name = 'Retried Hostel'`)).toBe(1);
    });

    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an unknown type', { type: 'castle' }, /type must be one of/],
      ['a latitude of 91', { location: { lat: 91, lng: 0 } }, /lat must not be greater than 90/],
      ['a longitude of -181', { location: { lat: 53, lng: -181 } }, /lng must not be less than -180/],
      ['a location without a longitude', { location: { lat: 53 } }, /lng/],
      ['coordinates as text', { location: { lat: '53.8', lng: '-1.5' } }, /lat must be a number/],
      ['a window ending before it starts', { availableFrom: '2026-03-06T00:00:00Z', availableUntil: '2026-03-01T00:00:00Z' }, /availableUntil must be after availableFrom/],
      ['a window of no length', { availableFrom: '2026-03-06T00:00:00Z', availableUntil: '2026-03-06T00:00:00Z' }, /availableUntil must be after availableFrom/],
      ['a date without an offset', { availableFrom: '2026-03-06T00:00:00' }, /with an offset/],
      ['a date that does not exist', { availableFrom: '2026-02-30T00:00:00Z' }, /availableFrom/],
      ['a dormitory that is also self-contained', { attributes: { dormitory: true, selfContained: true } }, /both dormitory and selfContained/],
      ['a council name for the area code', { localAuthorityCode: 'Leeds' }, /ONS code/],
      ['a blank name', { name: '   ' }, /name must not be blank/],
      ['no address', { address: undefined }, /address/],
      ['an unknown field', { colour: 'red' }, /property colour should not exist/],
      ['an unknown attribute', { attributes: { hasGarden: true } }, /property hasGarden should not exist/],
      ['single sex "other"', { attributes: { singleSex: 'other' } }, /singleSex must be one of/],
      ['staffed "sometimes"', { attributes: { staffedHours: 'sometimes' } }, /staffedHours must be one of/],
      ['languages as a string', { attributes: { languages: 'Polish' } }, /languages must be an array/],
      ['a null flag', { attributes: { acceptsChildren: null } }, /acceptsChildren must be a boolean/],
      ['a negative nightly cost', { nightlyCostPence: -100 }, /nightlyCostPence must not be less than 0/],
      ['an organisation id that is not a UUID', { organisationId: 'leeds' }, /organisationId must be a UUID/],
    ];
    it.each(bad)('rejects %s with a clear 400, writing nothing', async (_, change, message) => {
      const before = await snapshot();
      const body: Record<string, unknown> = { ...siteBody(leeds.id), ...change };
      if ('attributes' in change) body.attributes = { ...siteBody(leeds.id).attributes, ...(change.attributes as object) };
      const res = await t.http.post('/api/v1/sites').set(bearer(users.leedsOfficer.token)).send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('changing a site', () => {
    it('lets the owning housing officer change attributes and window, audited and announced', async () => {
      const site = await newSite(t, users.leedsOfficer.token, leeds.id);
      const res = await t.http
        .patch(`/api/v1/sites/${site.id}`)
        .set(bearer(users.leedsOfficer.token))
        .send({ attributes: { singleSex: 'female', languages: ['Romanian'] }, availableUntil: '2030-01-01T00:00:00Z', location: null })
        .expect(200);
      expect(res.body).toMatchObject({
        attributes: { singleSex: 'female', languages: ['Romanian'], wheelchairAccessible: true },
        availableUntil: '2030-01-01T00:00:00.000Z',
        location: null,
      });
      const audit = await t.db.query(`select details from audit_event where action = 'update' and entity_id = $1`, [site.id]);
      expect(audit.rows[0].details.changed.sort()).toEqual(['availableUntil', 'languages', 'latitude', 'longitude', 'singleSex']);
      const events = await t.db.query(`select type, local_authority_code from outbox_event where site_id = $1 order by seq`, [site.id]);
      expect(events.rows.map((e) => e.type)).toEqual(['site.created', 'site.updated']);
    });

    it('lets the owning emergency planner change it too', async () => {
      const site = await newSite(t, users.leedsOfficer.token, leeds.id);
      await t.http.patch(`/api/v1/sites/${site.id}`).set(bearer(users.leedsPlanner.token)).send({ attributes: { staffedHours: 'office' } }).expect(200);
    });

    it('turning a site into a void property makes it not ready until its checks are done', async () => {
      const site = await newSite(t, users.leedsOfficer.token, leeds.id);
      const res = await t.http.patch(`/api/v1/sites/${site.id}`).set(bearer(users.leedsOfficer.token)).send({ type: 'void_property' }).expect(200);
      expect(res.body.readiness).toBe('not_ready');
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      ['both dormitory and self-contained', { attributes: { selfContained: true } }, /both dormitory and selfContained/],
      ['a window end before the stored start', { availableUntil: '2026-01-01T00:00:00Z' }, /availableUntil must be after availableFrom/],
      ['a change of owner', { organisationId: '00000000-0000-4000-8000-000000000000' }, /organisationId should not exist/],
      ['readiness set by hand', { readiness: 'ready' }, /readiness should not exist/],
      ['a null type', { type: null }, /type must be one of/],
    ])('rejects %s with 400 and changes nothing', async (_, body, message) => {
      const site = await newSite(t, users.leedsOfficer.token, leeds.id, {
        attributes: { ...siteBody(leeds.id).attributes, dormitory: true },
        availableFrom: '2026-03-01T00:00:00Z',
      });
      const before = await snapshot();
      const stored = (await t.db.query(`select * from site where id = $1`, [site.id])).rows[0];
      const res = await t.http.patch(`/api/v1/sites/${site.id}`).set(bearer(users.leedsOfficer.token)).send(body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect((await t.db.query(`select * from site where id = $1`, [site.id])).rows[0]).toEqual(stored);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses renaming a site to a name its organisation already uses (409)', async () => {
      await newSite(t, users.leedsOfficer.token, leeds.id, { name: 'Taken Name' });
      const site = await newSite(t, users.leedsOfficer.token, leeds.id);
      const res = await t.http.patch(`/api/v1/sites/${site.id}`).set(bearer(users.leedsOfficer.token)).send({ name: 'taken name' }).expect(409);
      expect(res.body.code).toBe('ALREADY_EXISTS');
    });

    it("refuses a neighbouring council's officer (403: they can find it but not change it) and hides it from an outside partner (404)", async () => {
      const site = await newSite(t, users.leedsOfficer.token, leeds.id);
      const before = await snapshot();
      await t.http.patch(`/api/v1/sites/${site.id}`).set(bearer(users.bradfordOfficer.token)).send({ name: 'Mine now' }).expect(403);
      await t.http.patch(`/api/v1/sites/${site.id}`).set(bearer(users.leedsLead.token)).send({ name: 'Mine now' }).expect(403);
      await t.http.get(`/api/v1/sites/${site.id}`).set(bearer(users.ngoPartner.token)).expect(404);
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 for a site that does not exist and 400 for an id that is not a UUID', async () => {
      await t.http.patch('/api/v1/sites/00000000-0000-4000-8000-000000000000').set(bearer(users.leedsOfficer.token)).send({ name: 'x' }).expect(404);
      await t.http.get('/api/v1/sites/not-a-uuid').set(bearer(users.leedsOfficer.token)).expect(400);
    });
  });

  describe('address protection', () => {
    let site: { id: string; address: string | null };
    beforeAll(async () => {
      site = await newSite(t, users.leedsOfficer.token, leeds.id, { name: 'Confidential Safe House', type: 'safe_house', address: '99 Secret Lane, Leeds' });
    });

    it.each<[string, 'address' | 'hidden' | 'not found']>([
      ['leedsOfficer', 'address'],
      ['admin', 'address'],
      ['leedsPlanner', 'hidden'],
      ['leedsLead', 'hidden'],
      ['leedsPartner', 'hidden'],
      ['bradfordOfficer', 'hidden'],
      ['policeLead', 'hidden'],
      ['ngoPartner', 'not found'],
    ])('%s gets: %s (and only address reads are audited)', async (who, expected) => {
      const user = who === 'admin' ? { token: t.adminToken } : users[who];
      const auditBefore = await count(`audit_event where action = 'read_address' and entity_id = $1`, [site.id]);
      if (expected === 'not found') {
        await t.http.get(`/api/v1/sites/${site.id}`).set(bearer(user.token)).expect(404);
        const list = await t.http.get(`/api/v1/sites?limit=500`).set(bearer(user.token)).expect(200);
        expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(site.id);
      } else {
        const one = await t.http.get(`/api/v1/sites/${site.id}`).set(bearer(user.token)).expect(200);
        const list = await t.http.get(`/api/v1/sites?organisationId=${leeds.id}&type=safe_house`).set(bearer(user.token)).expect(200);
        const listed = list.body.items.find((s: { id: string }) => s.id === site.id);
        for (const view of [one.body, listed]) {
          expect(view.name).toBe('Confidential Safe House');
          if (expected === 'address') {
            expect(view.address).toBe('99 Secret Lane, Leeds');
            expect(view.location).toEqual({ lat: 53.8008, lng: -1.5491 });
          } else {
            expect(view.address).toBeNull();
            expect(view.location).toBeNull();
          }
        }
        expect(JSON.stringify(list.body)).toEqual(expected === 'address' ? expect.stringContaining('Secret Lane') : expect.not.stringContaining('Secret Lane'));
      }
      const auditAfter = await count(`audit_event where action = 'read_address' and entity_id = $1`, [site.id]);
      expect(auditAfter - auditBefore).toBe(expected === 'address' ? 2 : 0);
    });

    it('records who read the address, from where, with the request id', async () => {
      // The request id is always the server's own (a client's x-request-id is only echoed beside it).
      const res = await t.http.get(`/api/v1/sites/${site.id}`).set(bearer(users.leedsOfficer.token)).set('x-request-id', 'read-check-1').expect(200);
      const { rows } = await t.db.query(`select actor_user_id, actor_organisation_id, details from audit_event where request_id = $1`, [res.headers['x-request-id']]);
      expect(rows).toEqual([{ actor_user_id: users.leedsOfficer.id, actor_organisation_id: leeds.id, details: { via: 'get' } }]);
    });
  });

  describe('search', () => {
    let org: { id: string };
    let officer: TestUser;
    const ids: Record<string, string> = {};
    const now = new Date();
    const iso = (d: Date) => d.toISOString();
    const search = async (query: string, token = officer.token) => {
      const res = await t.http.get(`/api/v1/sites?organisationId=${org.id}&${query}`).set(bearer(token)).expect(200);
      return res.body.items.map((s: { name: string }) => s.name).sort();
    };

    beforeAll(async () => {
      org = await newOrganisation(t, { kind: 'council', localAuthorityCode: LEEDS });
      officer = await newUser(t, org.id, ['housing_officer']);
      const attrs = siteBody(org.id).attributes;
      const make = async (name: string, fields: Record<string, unknown>, beds: number) => {
        const site = await newSite(t, officer.token, org.id, { name, ...fields });
        ids[name] = site.id;
        for (let i = 0; i < beds; i++) await newBed(t, officer.token, site.id, { label: `B${i + 1}` });
      };
      await make('A hostel', { type: 'hostel', attributes: { ...attrs, dormitory: true } }, 3);
      await make('B refuge', { type: 'refuge', localAuthorityCode: BRADFORD, attributes: { ...attrs, singleSex: 'female', wheelchairAccessible: false, languages: ['Urdu'] } }, 1);
      await make('C void', { type: 'void_property', attributes: { ...attrs, selfContained: true } }, 2);
      await make('D booked venue', { type: 'respite_centre', availableFrom: iso(addDays(now, 10)), availableUntil: iso(addDays(now, 20)) }, 2);
      await make('E empty flat', { type: 'self_contained_flat', attributes: { ...attrs, selfContained: true } }, 0);
      const refugeBed = (await t.db.query(`select id from bed where site_id = $1`, [ids['B refuge']])).rows[0].id;
      await t.http.patch(`/api/v1/beds/${refugeBed}`).set(bearer(officer.token)).send({ status: 'out_of_service', reason: 'repair' }).expect(200);
      const hostelBed = (await t.db.query(`select id from bed where site_id = $1 and label = 'B2'`, [ids['A hostel']])).rows[0].id;
      await t.http.patch(`/api/v1/beds/${hostelBed}`).set(bearer(officer.token)).send({ status: 'closed' }).expect(200);
    });

    it('filters by type (one or several) and area', async () => {
      expect(await search('type=hostel')).toEqual(['A hostel']);
      expect(await search('type=hostel,refuge')).toEqual(['A hostel', 'B refuge']);
      expect(await search('type=hostel&type=void_property')).toEqual(['A hostel', 'C void']);
      expect(await search(`localAuthorityCode=${BRADFORD}`)).toEqual(['B refuge']);
      expect(await search(`localAuthorityCode=${LEEDS},${BRADFORD}`)).toHaveLength(5);
    });

    it('finds sites with a bed available now: ready, in their window, with an available bed', async () => {
      expect(await search('hasAvailableBed=true')).toEqual(['A hostel']);
      expect(await search('hasAvailableBed=false')).toEqual(['B refuge', 'C void', 'D booked venue', 'E empty flat']);
    });

    it('finds sites with a bed available over a future period', async () => {
      const period = `availableFrom=${iso(addDays(now, 12))}&availableUntil=${iso(addDays(now, 15))}`;
      expect(await search(`hasAvailableBed=true&${period}`)).toEqual(['A hostel', 'D booked venue']);
      const tooLong = `availableFrom=${iso(addDays(now, 12))}&availableUntil=${iso(addDays(now, 25))}`;
      expect(await search(`hasAvailableBed=true&${tooLong}`)).toEqual(['A hostel']);
      expect(await search(period)).toEqual(['A hostel', 'B refuge', 'C void', 'D booked venue', 'E empty flat']);
      expect(await search(`availableFrom=${iso(addDays(now, 1))}&availableUntil=${iso(addDays(now, 3))}`)).not.toContain('D booked venue');
    });

    it("reads empty parameters as left out, as in the contract's template ?type=&localAuthorityCode=&hasAvailableBed=true", async () => {
      expect(await search('type=&localAuthorityCode=&hasAvailableBed=true')).toEqual(['A hostel']);
      expect(await search('type=&singleSex=&language=&acceptsChildren=')).toHaveLength(5);
    });

    it('filters by suitability attributes', async () => {
      expect(await search('singleSex=female')).toEqual(['B refuge']);
      expect(await search('singleSex=mixed')).toHaveLength(4);
      expect(await search('wheelchairAccessible=false')).toEqual(['B refuge']);
      expect(await search('selfContained=true')).toEqual(['C void', 'E empty flat']);
      expect(await search('dormitory=true&wheelchairAccessible=true')).toEqual(['A hostel']);
      expect(await search('language=urdu')).toEqual(['B refuge']);
      expect(await search('readiness=not_ready')).toEqual(['C void']);
      expect(await search('staffedHours=24h&type=hostel')).toEqual(['A hostel']);
    });

    it('counts beds by state per site', async () => {
      const res = await t.http.get(`/api/v1/sites?organisationId=${org.id}`).set(bearer(officer.token)).expect(200);
      const byName = Object.fromEntries(res.body.items.map((s: { name: string; bedCounts: unknown }) => [s.name, s.bedCounts]));
      expect(byName['A hostel']).toEqual({ available: 2, reserved: 0, occupied: 0, out_of_service: 0, closed: 1, total: 3 });
      expect(byName['B refuge']).toEqual({ available: 0, reserved: 0, occupied: 0, out_of_service: 1, closed: 0, total: 1 });
      expect(byName['E empty flat'].total).toBe(0);
    });

    it('pages with a cursor, in name order, without repeats or gaps', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await t.http
          .get(`/api/v1/sites?organisationId=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(officer.token))
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((s: { name: string }) => s.name));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(['A hostel', 'B refuge', 'C void', 'D booked venue', 'E empty flat']);
    });

    it("shows a neighbouring council's sites to a housing officer (cross-boundary), but a partner only their own", async () => {
      expect(await search('type=hostel', users.bradfordOfficer.token)).toEqual(['A hostel']);
      expect(await search('type=hostel', users.policeLead.token)).toEqual(['A hostel']);
      expect(await search('', users.ngoPartner.token)).toEqual([]);
      const ngoSite = await newSite(t, t.adminToken, ngo.id, { name: 'NGO safe house', type: 'safe_house' });
      const partnerList = await t.http.get('/api/v1/sites?limit=500').set(bearer(users.ngoPartner.token)).expect(200);
      expect(partnerList.body.items.map((s: { id: string }) => s.id)).toEqual([ngoSite.id]);
    });

    it.each([
      ['type=castle', /each type must be one of/],
      ['localAuthorityCode=Leeds', /ONS code/],
      ['hasAvailableBed=maybe', /hasAvailableBed must be true or false/],
      ['availableFrom=tomorrow', /availableFrom/],
      [`availableFrom=${new Date('2026-03-05T00:00:00Z').toISOString()}&availableUntil=${new Date('2026-03-01T00:00:00Z').toISOString()}`, /availableUntil must be after/],
      ['limit=0', /limit must not be less than 1/],
      ['limit=501', /limit must not be greater than 500/],
      ['singleSex=other', /singleSex must be one of/],
      ['colour=red', /property colour should not exist/],
    ])('rejects ?%s with 400', async (query, message) => {
      const res = await t.http.get(`/api/v1/sites?${query}`).set(bearer(officer.token)).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    });

    it('requires a token', async () => {
      await t.http.get('/api/v1/sites').expect(401);
    });
  });
});
