import { randomUUID } from 'node:crypto';
import { newOrganisation, newUser } from './support/factories';
import {
  newOperation,
  newOperationWorld,
  newVenue,
  OperationWorld,
  operationsSnapshot,
  personBody,
  registerPerson,
  triagePerson,
} from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

// Argon2 hashing for a dozen users and many HTTP round trips: more than jest's default 5 s per hook.
jest.setTimeout(120_000);

describe('operations and reception centres', () => {
  let t: TestApp;
  let w: OperationWorld;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newOperationWorld(t);
  });
  afterAll(() => t.close());

  describe('the reported operation, end to end', () => {
    // A planned operation at a site housing up to 20 suspected labour-exploitation victims: a venue booked
    // for up to five nights; on the day 11 people de-briefed, 6 potential victims, 3 suspects arrested.
    let operationId: string;
    let venueId: string;
    const people: Array<{ id: string; reference: string }> = [];

    it('a planner plans the operation', async () => {
      const res = await t.http
        .post('/api/v1/operations')
        .set(bearer(w.planner.token))
        .set('Idempotency-Key', 'plan-raven')
        .send({
          name: 'Operation Raven',
          leadOrganisationId: w.council.id,
          localAuthorityCode: 'E08000035',
          plannedStart: '2025-06-10T05:00:00+01:00',
          expectedPeople: 20,
          exploitationSite: { lat: 53.81, lng: -1.52 },
        })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        code: 'RAV',
        name: 'Operation Raven',
        status: 'planning',
        leadOrganisationId: w.council.id,
        leadOrganisationName: expect.stringContaining('Leeds City Council'),
        expectedPeople: 20,
        exploitationSite: { lat: 53.81, lng: -1.52 },
      });
      operationId = res.body.id;
    });

    it('before a venue is booked the readiness view shows nothing in place', async () => {
      const res = await t.http.get(`/api/v1/operations/${operationId}/readiness`).set(bearer(w.planner.token)).expect(200);
      expect(res.body).toMatchObject({ ready: false, expectedPeople: 20, receptionCentres: 0 });
      expect(res.body.items.every((i: { ok: boolean }) => !i.ok)).toBe(true);
    });

    it('books a venue for five nights and the venue covers the plan', async () => {
      venueId = (await newVenue(t, { organisationId: w.council.id, name: 'Civic Hall reception centre', beds: 20 })).id;
      const res = await t.http
        .post(`/api/v1/operations/${operationId}/reception-centres`)
        .set(bearer(w.planner.token))
        .set('Idempotency-Key', 'book-civic-hall')
        .send({ siteId: venueId, opensAt: '2025-06-10T05:00:00+01:00', closesAt: '2025-06-15T12:00:00+01:00' })
        .expect(201);
      expect(res.body).toMatchObject({
        siteId: venueId,
        siteName: 'Civic Hall reception centre',
        siteType: 'reception_centre',
        nights: 5,
        rooms: { interview: 3, abe_suite: 1, communal: 1, dormitory: 2, welfare: 2, staff: 1 },
        beds: { total: 20, available: 20, occupied: 0 },
      });
      expect(res.body.address).toBeUndefined();

      const readiness = await t.http.get(`/api/v1/operations/${operationId}/readiness`).set(bearer(w.planner.token)).expect(200);
      expect(readiness.body.ready).toBe(true);
      expect(readiness.body.items).toEqual([
        expect.objectContaining({ item: 'interview_rooms', needed: 4, available: 4, ok: true }),
        expect.objectContaining({ item: 'sleeping_capacity', needed: 20, available: 20, ok: true }),
        expect.objectContaining({ item: 'communal_area', needed: 1, available: 1, ok: true }),
        expect.objectContaining({ item: 'toilets_showers', needed: 1, available: 2, ok: true }),
        expect.objectContaining({ item: 'staff_room', needed: 1, available: 1, ok: true }),
      ]);
    });

    it('lines up the agencies: police and health present, Red Cross and victim support on call', async () => {
      const victimSupport = await newOrganisation(t, { name: `Victim Support ${randomUUID().slice(0, 6)}`, kind: 'ngo' });
      const roster = [
        { organisationId: w.police.id, attendance: 'present', contactName: 'DS Priya Shah', contactPhone: '0113 496 0001' },
        { organisationId: w.health.id, attendance: 'present', contactName: 'Nurse Tom Reid', contactPhone: '0113 496 0002' },
        { organisationId: w.redCross.id, attendance: 'on_call', contactName: 'Amira Khan', contactPhone: '+44 7700 900003' },
        { organisationId: victimSupport.id, attendance: 'on_call', contactName: 'Duty worker', contactPhone: '0808 168 9111' },
      ];
      for (const entry of roster) {
        await t.http.post(`/api/v1/operations/${operationId}/agencies`).set(bearer(w.planner.token)).send(entry).expect(201);
      }
      const res = await t.http.get(`/api/v1/operations/${operationId}/agencies`).set(bearer(w.planner.token)).expect(200);
      expect(res.body).toMatchObject({ present: 2, onCall: 2 });
      expect(res.body.items.map((a: { attendance: string }) => a.attendance)).toEqual(['present', 'present', 'on_call', 'on_call']);
      expect(res.body.items[0]).toMatchObject({ contactName: expect.any(String), contactPhone: expect.any(String), organisationName: expect.any(String) });
    });

    it('goes live on the day', async () => {
      const res = await t.http.patch(`/api/v1/operations/${operationId}`).set(bearer(w.planner.token)).send({ status: 'active' }).expect(200);
      expect(res.body).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    });

    it('registers the 11 people de-briefed, each with the next reference', async () => {
      for (let i = 1; i <= 11; i++) {
        const res = await t.http
          .post(`/api/v1/operations/${operationId}/people`)
          .set(bearer(w.housingOfficer.token))
          .set('Idempotency-Key', `raven-intake-${i}`)
          .send(personBody({ ageCategory: i === 6 ? 'age_disputed' : 'adult', givenName: `Given${i}`, familyName: `Family${i}` }))
          .expect(201);
        people.push(res.body);
      }
      expect(people.map((p) => p.reference)).toEqual(Array.from({ length: 11 }, (_, i) => `RAV-${String(i + 1).padStart(3, '0')}`));
    });

    it('triages 6 potential victims, 3 suspects and 2 witnesses', async () => {
      const outcomes = [...Array(6).fill('potential_victim'), ...Array(3).fill('suspect'), ...Array(2).fill('witness')];
      for (const [i, outcome] of outcomes.entries()) {
        const triaged = await triagePerson(t, w.policeLead, people[i].id, outcome);
        expect(triaged).toMatchObject({ triageOutcome: outcome, triagedBy: w.policeLead.id, triagedAt: expect.any(String) });
      }
      const child = await t.http.get(`/api/v1/people/${people[5].id}`).set(bearer(w.planner.token)).expect(200);
      expect(child.body).toMatchObject({ stage: 'children_services', childrenServicesReferred: true, awaitingBedSince: expect.any(String) });
      const suspect = await t.http.get(`/api/v1/people/${people[6].id}`).set(bearer(w.planner.token)).expect(200);
      expect(suspect.body).toMatchObject({ stage: 'encountered', keepApart: true, awaitingBedSince: null });
    });

    it('the summary shows it', async () => {
      const res = await t.http.get(`/api/v1/operations/${operationId}/summary`).set(bearer(w.planner.token)).expect(200);
      const { rows } = await t.db.query(`select max(seq)::int as seq from outbox_event`);
      expect(res.body).toMatchObject({
        operationId,
        code: 'RAV',
        status: 'active',
        expectedPeople: 20,
        seq: rows[0].seq,
        people: { total: 11, children: 1, ageDisputed: 1, adults: 10, keepApart: 3 },
        byTriageOutcome: { potential_victim: 6, suspect: 3, witness: 2, not_victim: 0, untriaged: 0 },
        byStage: { encountered: 5, pre_nrm: 5, children_services: 1, missing: 0 },
        children: 1,
        awaitingBed: { count: 6, longestWaitMinutes: expect.any(Number) },
        bedsInUse: 0,
        beds: { total: 20, available: 20, occupied: 0 },
        agencies: { present: 2, onCall: 2 },
        missing: 0,
        nextDeadlines: [],
      });
      expect(res.body.awaitingBed.people.map((p: { reference: string }) => p.reference)).toEqual(people.slice(0, 6).map((p) => p.reference));
    });

    it('every change is in the outbox with the operation and area, and no names or dates of birth', async () => {
      const { rows } = await t.db.query(
        `select type, count(*)::int as n, bool_and(local_authority_code = 'E08000035') as area
         from outbox_event where operation_id = $1 group by type order by type`,
        [operationId],
      );
      expect(rows).toEqual([
        { type: 'agency.updated', n: 4, area: true },
        // triage starts the pre-NRM accommodation deadline of each adult potential victim (the pathway's)
        { type: 'deadline.created', n: 5, area: true },
        { type: 'operation.created', n: 1, area: true },
        { type: 'operation.updated', n: 2, area: true },
        { type: 'person.registered', n: 11, area: true },
        { type: 'person.stage_changed', n: 6, area: true },
        { type: 'person.triaged', n: 11, area: true },
      ]);
      const all = await t.db.query(`select data::text as data from outbox_event where operation_id = $1`, [operationId]);
      for (const { data } of all.rows) {
        expect(data).not.toMatch(/Given\d|Family\d|dateOfBirth|DS Priya|0113/);
      }
    });

    it('every write is in the audit trail', async () => {
      const { rows } = await t.db.query(
        `select action, count(*)::int as n from audit_event
         where (entity_type = 'operation' and entity_id = $1)
            or (entity_type = 'person' and entity_id = any($2::text[]))
         group by action order by action`,
        [operationId, people.map((p) => p.id)],
      );
      expect(rows).toEqual([
        { action: 'add_agency', n: 4 },
        { action: 'book_reception_centre', n: 1 },
        { action: 'change_status', n: 1 },
        { action: 'create', n: 1 },
        { action: 'register', n: 11 },
        { action: 'triage', n: 11 },
      ]);
    });

    it('a partner on the roster sees the narrow view: counts and references, no names, no exploitation site', async () => {
      const op = await t.http.get(`/api/v1/operations/${operationId}`).set(bearer(w.partner.token)).expect(200);
      expect(op.body.exploitationSite).toBeUndefined();
      await t.http.get(`/api/v1/operations/${operationId}/summary`).set(bearer(w.partner.token)).expect(200);
      const list = await t.http.get(`/api/v1/operations/${operationId}/people`).set(bearer(w.partner.token)).expect(200);
      expect(list.body.items).toHaveLength(11);
      expect(Object.keys(list.body.items[0]).sort()).toEqual(
        ['id', 'operationId', 'reference', 'ageCategory', 'stage', 'stageSince', 'triageOutcome', 'interpreterNeeded', 'languages', 'awaitingBedSince', 'mergedIntoPersonId'].sort(),
      );
      await t.http.get(`/api/v1/people/${people[0].id}/identity`).set(bearer(w.partner.token)).expect(403);
      await t.http.get(`/api/v1/operations/${operationId}/people?includeIdentity=true`).set(bearer(w.partner.token)).expect(403);
      await t.http.post(`/api/v1/operations/${operationId}/people`).set(bearer(w.partner.token)).send(personBody()).expect(403);
    });

    it('an organisation with no part in the operation is told it does not exist', async () => {
      for (const path of ['', '/summary', '/people', '/agencies', '/reception-centres', '/readiness', '/stations', '/groups']) {
        await t.http.get(`/api/v1/operations/${operationId}${path}`).set(bearer(w.outsiderPlanner.token)).expect(404);
      }
      await t.http.get(`/api/v1/people/${people[0].id}`).set(bearer(w.outsiderPlanner.token)).expect(404);
      await t.http.post(`/api/v1/people/${people[0].id}/triage`).set(bearer(w.outsiderPlanner.token)).send({ outcome: 'witness' }).expect(404);
      const list = await t.http.get('/api/v1/operations').set(bearer(w.outsiderPlanner.token)).expect(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(operationId);
      const policeList = await t.http.get('/api/v1/operations').set(bearer(w.policeLead.token)).expect(200);
      expect(policeList.body.items.map((o: { id: string }) => o.id)).toContain(operationId);
    });

    it('stands down (no more registrations) and closes once the centre beds are empty', async () => {
      await t.http.patch(`/api/v1/operations/${operationId}`).set(bearer(w.planner.token)).send({ status: 'stood_down' }).expect(200);
      const before = await operationsSnapshot(t);
      const res = await t.http.post(`/api/v1/operations/${operationId}/people`).set(bearer(w.housingOfficer.token)).send(personBody()).expect(409);
      expect(res.body.code).toBe('OPERATION_STOOD_DOWN');
      expect(await operationsSnapshot(t)).toEqual(before);
      // people already registered can still be seen through the stations while the centre winds down
      await triagePerson(t, w.policeLead, people[10].id, 'not_victim');
      const closed = await t.http.patch(`/api/v1/operations/${operationId}`).set(bearer(w.planner.token)).send({ status: 'closed' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    });
  });

  describe('planning rules', () => {
    it('derives a free code when the first choice is taken, and refuses a chosen code in use', async () => {
      const a = await newOperation(t, w.planner, { name: 'Operation Kestrel' });
      const b = await newOperation(t, w.planner, { name: 'Operation Kestrel Two' });
      expect(a.code).toBe('KES');
      expect(b.code).toBe('KEST');
      const before = await operationsSnapshot(t);
      const res = await t.http
        .post('/api/v1/operations')
        .set(bearer(w.planner.token))
        .send({ name: 'Other', code: 'KES', leadOrganisationId: w.council.id, localAuthorityCode: 'E08000035', plannedStart: '2025-06-10T05:00:00Z', expectedPeople: 3 })
        .expect(409);
      expect(res.body.code).toBe('CODE_TAKEN');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it.each([
      ['planning', 'stood_down'],
      ['planning', 'closed'],
      ['active', 'planning'],
      ['active', 'closed'],
    ])('refuses %s -> %s with 409 and changes nothing', async (from, to) => {
      const op = await newOperation(t, w.planner, { status: from as 'planning' | 'active' });
      const before = await operationsSnapshot(t);
      const res = await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: to }).expect(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('a closed operation cannot change at all', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'stood_down' }).expect(200);
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'closed' }).expect(200);
      const before = await operationsSnapshot(t);
      for (const body of [{ status: 'active' }, { name: 'Renamed' }, { expectedPeople: 3 }]) {
        const res = await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send(body).expect(409);
        expect(res.body.code).toBe('OPERATION_CLOSED');
      }
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('cannot close while people still hold the reception centre\'s own beds', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const venue = await newVenue(t, { organisationId: w.council.id, beds: 3 });
      await t.http
        .post(`/api/v1/operations/${op.id}/reception-centres`)
        .set(bearer(w.planner.token))
        .send({ siteId: venue.id, opensAt: '2030-01-01T08:00:00Z', closesAt: '2030-01-03T08:00:00Z' })
        .expect(201);
      // Someone from this operation spends the first night in the centre's own beds.
      const person = await registerPerson(t, w.planner, op.id, { sex: 'female' });
      await triagePerson(t, w.planner, person.id, 'potential_victim');
      const placed = await t.http
        .post('/api/v1/placements')
        .set(bearer(w.planner.token))
        .send({ personId: person.id, bedId: venue.bedIds[0], from: '2030-01-01T20:00:00Z', kind: 'placement' })
        .expect(201);
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'stood_down' }).expect(200);
      const before = await operationsSnapshot(t);
      const res = await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'closed' }).expect(409);
      expect(res.body).toMatchObject({ code: 'PEOPLE_STILL_IN_CENTRE', message: expect.stringContaining('1 bed') });
      expect(await operationsSnapshot(t)).toEqual(before);
      await t.http
        .post(`/api/v1/placements/${placed.body.id}/end`)
        .set(bearer(w.planner.token))
        .send({ at: '2030-01-02T10:00:00Z', reason: 'moved_on' })
        .expect(200);
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'closed' }).expect(200);
    });

    it('updates the plan and says which fields changed in the event', async () => {
      const op = await newOperation(t, w.planner);
      const res = await t.http
        .patch(`/api/v1/operations/${op.id}`)
        .set(bearer(w.planner.token))
        .send({ expectedPeople: 14, exploitationSite: null })
        .expect(200);
      expect(res.body).toMatchObject({ expectedPeople: 14, exploitationSite: null });
      const { rows } = await t.db.query(`select data from outbox_event where operation_id = $1 and type = 'operation.updated'`, [op.id]);
      expect(rows[0].data.fields).toEqual(['expectedPeople', 'exploitationSite']);
    });

    it.each([
      ['an unknown field', { colour: 'red' }, 400],
      ['a missing lead organisation', { leadOrganisationId: undefined }, 400],
      ['a lowercase code', { code: 'rav' }, 400],
      ['a malformed area code', { localAuthorityCode: 'Leeds' }, 400],
      ['a negative expected number', { expectedPeople: -1 }, 400],
      ['an exploitation site off the globe', { exploitationSite: { lat: 123, lng: 0 } }, 400],
      ['a planned start that is not a date', { plannedStart: 'tomorrow' }, 400],
      ['an unknown lead organisation', { leadOrganisationId: '00000000-0000-4000-8000-000000000000' }, 422],
    ])('an admin planning with %s gets %s and nothing is written', async (_, fields, status) => {
      const before = await operationsSnapshot(t);
      const res = await t.http
        .post('/api/v1/operations')
        .set(bearer(t.adminToken))
        .send({ name: 'Operation Bad', leadOrganisationId: w.council.id, localAuthorityCode: 'E08000035', plannedStart: '2025-06-10T05:00:00Z', expectedPeople: 5, ...fields })
        .expect(status);
      if (status === 422) expect(res.body.code).toBe('UNKNOWN_ORGANISATION');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('a planner cannot plan an operation led by another organisation (403), a housing officer cannot plan at all', async () => {
      const before = await operationsSnapshot(t);
      const body = { name: 'Operation X', localAuthorityCode: 'E08000035', plannedStart: '2025-06-10T05:00:00Z', expectedPeople: 5 };
      await t.http.post('/api/v1/operations').set(bearer(w.planner.token)).send({ ...body, leadOrganisationId: w.outsider.id }).expect(403);
      await t.http.post('/api/v1/operations').set(bearer(w.housingOfficer.token)).send({ ...body, leadOrganisationId: w.council.id }).expect(403);
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('only the lead organisation\'s planners change the operation; a rostered police lead cannot', async () => {
      const op = await newOperation(t, w.planner);
      await t.http
        .post(`/api/v1/operations/${op.id}/agencies`)
        .set(bearer(w.planner.token))
        .send({ organisationId: w.police.id, attendance: 'present', contactName: 'DS Shah', contactPhone: '0113 496 0001' })
        .expect(201);
      const before = await operationsSnapshot(t);
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.policeLead.token)).send({ status: 'active' }).expect(403);
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.outsiderPlanner.token)).send({ status: 'active' }).expect(404);
      expect(await operationsSnapshot(t)).toEqual(before);
      await t.http.get(`/api/v1/operations/${op.id}`).set(bearer(w.policeLead.token)).expect(200);
    });

    it('lists the operations a user may see, newest first, page by page', async () => {
      const org = await newOrganisation(t);
      const planner = await newUser(t, org.id, ['emergency_planner']);
      const created = [];
      for (let i = 0; i < 3; i++) created.push(await newOperation(t, planner));
      const first = await t.http.get('/api/v1/operations?limit=2').set(bearer(planner.token)).expect(200);
      expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([created[2].id, created[1].id]);
      const second = await t.http.get(`/api/v1/operations?limit=2&cursor=${first.body.nextCursor}`).set(bearer(planner.token)).expect(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: created[0].id })], nextCursor: null });
      const planning = await t.http.get('/api/v1/operations?status=active').set(bearer(planner.token)).expect(200);
      expect(planning.body.items).toEqual([]);
    });
  });

  describe('booking the venue', () => {
    const window = { opensAt: '2031-03-01T08:00:00Z', closesAt: '2031-03-04T08:00:00Z' };

    it.each([
      ['a hostel', { type: 'hostel' }, 422, 'NOT_A_RECEPTION_VENUE'],
      ['a window closing before it opens', { closesAt: '2031-02-28T08:00:00Z' }, 422, 'INVALID_WINDOW'],
      ['a window of a year', { closesAt: '2032-03-01T08:00:00Z' }, 422, 'WINDOW_TOO_LONG'],
      ['a venue available only from the 2nd', { availableFrom: '2031-03-02T00:00:00Z' }, 422, 'OUTSIDE_SITE_AVAILABILITY'],
      ['an unknown site', { unknownSite: true }, 422, 'UNKNOWN_SITE'],
      ['a malformed date', { opensAt: 'Monday' }, 400, 'VALIDATION_FAILED'],
    ])('refuses %s (%s %s) and books nothing', async (_, spec, status, code) => {
      const op = await newOperation(t, w.planner);
      const { type, availableFrom, unknownSite, ...times } = spec as Record<string, string | boolean | undefined>;
      const venue = await newVenue(t, { organisationId: w.council.id, type: type as string | undefined, availableFrom: availableFrom as string | undefined, beds: 1 });
      const before = await operationsSnapshot(t);
      const res = await t.http
        .post(`/api/v1/operations/${op.id}/reception-centres`)
        .set(bearer(w.planner.token))
        .send({ siteId: unknownSite ? randomUUID() : venue.id, ...window, ...times })
        .expect(status);
      expect(res.body.code).toBe(code);
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('a respite centre arranged before a raid can host the centre', async () => {
      const op = await newOperation(t, w.planner);
      const venue = await newVenue(t, { organisationId: w.council.id, type: 'respite_centre', beds: 14 });
      await t.http.post(`/api/v1/operations/${op.id}/reception-centres`).set(bearer(w.planner.token)).send({ siteId: venue.id, ...window }).expect(201);
    });

    it('one venue cannot be booked by two operations for overlapping windows (409), but can back to back', async () => {
      const venue = await newVenue(t, { organisationId: w.council.id, beds: 2 });
      const a = await newOperation(t, w.planner);
      const b = await newOperation(t, w.planner);
      await t.http.post(`/api/v1/operations/${a.id}/reception-centres`).set(bearer(w.planner.token)).send({ siteId: venue.id, ...window }).expect(201);
      const before = await operationsSnapshot(t);
      const res = await t.http
        .post(`/api/v1/operations/${b.id}/reception-centres`)
        .set(bearer(w.planner.token))
        .send({ siteId: venue.id, opensAt: '2031-03-03T08:00:00Z', closesAt: '2031-03-05T08:00:00Z' })
        .expect(409);
      expect(res.body.code).toBe('VENUE_BOOKED');
      expect(await operationsSnapshot(t)).toEqual(before);
      await t.http
        .post(`/api/v1/operations/${b.id}/reception-centres`)
        .set(bearer(w.planner.token))
        .send({ siteId: venue.id, opensAt: window.closesAt, closesAt: '2031-03-06T08:00:00Z' })
        .expect(201);
    });

    it('a stood-down operation books no venue (409)', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'stood_down' }).expect(200);
      const venue = await newVenue(t, { organisationId: w.council.id, beds: 1 });
      const res = await t.http.post(`/api/v1/operations/${op.id}/reception-centres`).set(bearer(w.planner.token)).send({ siteId: venue.id, ...window }).expect(409);
      expect(res.body.code).toBe('OPERATION_NOT_OPEN');
    });

    it('readiness counts only usable beds and names what is missing', async () => {
      const op = await newOperation(t, w.planner, { expectedPeople: 12 });
      const venue = await newVenue(t, { organisationId: w.council.id, rooms: { interview: 1, dormitory: 1 }, beds: 12 });
      for (const bedId of venue.bedIds.slice(0, 2)) {
        await t.http.patch(`/api/v1/beds/${bedId}`).set(bearer(t.adminToken)).send({ status: 'out_of_service', reason: 'repair' }).expect(200);
      }
      await t.http.post(`/api/v1/operations/${op.id}/reception-centres`).set(bearer(w.planner.token)).send({ siteId: venue.id, ...{ opensAt: '2033-01-01T08:00:00Z', closesAt: '2033-01-02T08:00:00Z' } }).expect(201);
      const res = await t.http.get(`/api/v1/operations/${op.id}/readiness`).set(bearer(w.partner.token)).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const readiness = await t.http.get(`/api/v1/operations/${op.id}/readiness`).set(bearer(w.planner.token)).expect(200);
      expect(readiness.body.ready).toBe(false);
      expect(readiness.body.items.filter((i: { ok: boolean }) => !i.ok).map((i: { item: string; needed: number; available: number }) => [i.item, i.needed, i.available])).toEqual([
        ['interview_rooms', 3, 1],
        ['sleeping_capacity', 12, 10],
        ['communal_area', 1, 0],
        ['toilets_showers', 1, 0],
        ['staff_room', 1, 0],
      ]);
    });
  });

  describe('agency roster', () => {
    it.each([
      ['an unknown organisation', { organisationId: '00000000-0000-4000-8000-000000000000' }, 422, 'UNKNOWN_ORGANISATION'],
      ['an unknown attendance', { attendance: 'maybe' }, 400, 'VALIDATION_FAILED'],
      ['a phone number with letters', { contactPhone: 'call me' }, 400, 'VALIDATION_FAILED'],
      ['leaving before arriving', { onSiteFrom: '2025-06-10T10:00:00Z', onSiteUntil: '2025-06-10T09:00:00Z' }, 422, 'INVALID_WINDOW'],
    ])('refuses %s and adds nothing', async (_, fields, status, code) => {
      const op = await newOperation(t, w.planner);
      const before = await operationsSnapshot(t);
      const res = await t.http
        .post(`/api/v1/operations/${op.id}/agencies`)
        .set(bearer(w.planner.token))
        .send({ organisationId: w.health.id, attendance: 'present', contactName: 'Nurse Reid', contactPhone: '0113 496 0002', ...fields })
        .expect(status);
      expect(res.body.code).toBe(code);
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('an organisation is on the roster once (409); its entry is changed instead', async () => {
      const op = await newOperation(t, w.planner);
      const entry = { organisationId: w.health.id, attendance: 'on_call', contactName: 'Nurse Reid', contactPhone: '0113 496 0002' };
      const added = await t.http.post(`/api/v1/operations/${op.id}/agencies`).set(bearer(w.planner.token)).send(entry).expect(201);
      const before = await operationsSnapshot(t);
      const res = await t.http.post(`/api/v1/operations/${op.id}/agencies`).set(bearer(w.planner.token)).send(entry).expect(409);
      expect(res.body.code).toBe('ALREADY_ON_ROSTER');
      expect(await operationsSnapshot(t)).toEqual(before);
      const changed = await t.http
        .patch(`/api/v1/operations/${op.id}/agencies/${added.body.id}`)
        .set(bearer(w.planner.token))
        .send({ attendance: 'present', onSiteFrom: '2025-06-10T06:00:00Z' })
        .expect(200);
      expect(changed.body).toMatchObject({ attendance: 'present', contactName: 'Nurse Reid', onSiteFrom: '2025-06-10T06:00:00.000Z' });
      const { rows } = await t.db.query(`select data from outbox_event where operation_id = $1 and type = 'agency.updated' order by seq`, [op.id]);
      expect(rows.map((r) => [r.data.change, r.data.attendance])).toEqual([
        ['added', 'on_call'],
        ['updated', 'present'],
      ]);
    });

    it('joining the roster makes the operation visible to the agency', async () => {
      const op = await newOperation(t, w.planner);
      await t.http.get(`/api/v1/operations/${op.id}`).set(bearer(w.partner.token)).expect(404);
      await t.http
        .post(`/api/v1/operations/${op.id}/agencies`)
        .set(bearer(w.planner.token))
        .send({ organisationId: w.redCross.id, attendance: 'on_call', contactName: 'Amira Khan', contactPhone: '07700 900003' })
        .expect(201);
      await t.http.get(`/api/v1/operations/${op.id}`).set(bearer(w.partner.token)).expect(200);
    });
  });

  describe('summary under concurrent registrations', () => {
    it('each summary read while 24 people are registered in parallel agrees with its own seq', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const registrations = Array.from({ length: 24 }, () =>
        t.http.post(`/api/v1/operations/${op.id}/people`).set(bearer(w.housingOfficer.token)).send(personBody()),
      );
      const summaries = Array.from({ length: 8 }, () => t.http.get(`/api/v1/operations/${op.id}/summary`).set(bearer(w.planner.token)));
      const [registered, read] = await Promise.all([Promise.all(registrations), Promise.all(summaries)]);
      expect(registered.map((r) => r.status)).toEqual(Array(24).fill(201));
      for (const summary of read) {
        expect(summary.status).toBe(200);
        const { rows } = await t.db.query(
          `select count(*)::int as n from outbox_event where operation_id = $1 and type = 'person.registered' and seq <= $2`,
          [op.id, summary.body.seq],
        );
        expect(summary.body.people.total).toBe(rows[0].n);
        expect(summary.body.byTriageOutcome.untriaged).toBe(summary.body.people.total);
        expect(summary.body.byStage.encountered).toBe(summary.body.people.total);
      }
      const final = await t.http.get(`/api/v1/operations/${op.id}/summary`).set(bearer(w.planner.token)).expect(200);
      expect(final.body.people.total).toBe(24);
    });
  });
});
