import { randomUUID } from 'node:crypto';
import {
  newOperation,
  newOperationWorld,
  OperationWorld,
  operationsSnapshot,
  personBody,
  registerPerson,
  triagePerson,
} from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

// Argon2 hashing for the test users and many HTTP round trips: more than jest's default 5 s per hook.
jest.setTimeout(120_000);

describe('people at the reception centre', () => {
  let t: TestApp;
  let w: OperationWorld;
  let operationId: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newOperationWorld(t);
    const op = await newOperation(t, w.planner, { status: 'active' });
    operationId = op.id;
    code = op.code;
    await t.http
      .post(`/api/v1/operations/${operationId}/agencies`)
      .set(bearer(w.planner.token))
      .send({ organisationId: w.police.id, attendance: 'present', contactName: 'DS Shah', contactPhone: '0113 496 0001' })
      .expect(201);
    await t.http
      .post(`/api/v1/operations/${operationId}/agencies`)
      .set(bearer(w.planner.token))
      .send({ organisationId: w.redCross.id, attendance: 'on_call', contactName: 'Amira Khan', contactPhone: '07700 900003' })
      .expect(201);
  });
  afterAll(() => t.close());

  const register = (fields: Record<string, unknown> = {}, key?: string) => {
    const req = t.http.post(`/api/v1/operations/${operationId}/people`).set(bearer(w.housingOfficer.token));
    if (key) req.set('Idempotency-Key', key);
    return req.send(personBody(fields));
  };

  describe('registration', () => {
    it('returns the reference and the operational record, never storing names on it', async () => {
      const res = await register({ givenName: 'Ion', familyName: 'Popescu', dateOfBirth: '1990-04-21', aliases: ['Johnny'], nationality: 'Romanian', needs: { medical: true, dependants: 0 } }).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        reference: expect.stringMatching(new RegExp(`^${code}-\\d{3}$`)),
        stage: 'encountered',
        ageCategory: 'adult',
        nationality: 'Romanian',
        needs: { medical: true, dependants: 0 },
        childrenServicesReferred: false,
        triageOutcome: null,
      });
      expect(res.body.givenName).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toMatch(/Popescu|1990-04-21/);
      const { rows } = await t.db.query(`select given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') as dob, aliases from person_identity where person_id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ given_name: 'Ion', family_name: 'Popescu', dob: '1990-04-21', aliases: ['Johnny'] });
      const events = await t.db.query(`select data::text as data from outbox_event where data->>'personId' = $1`, [res.body.id]);
      expect(events.rows.map((r) => r.data).join()).not.toMatch(/Popescu|Ion|1990/);
    });

    it('marks a child and an age-disputed person for children\'s services at once', async () => {
      for (const ageCategory of ['child', 'age_disputed']) {
        const res = await register({ ageCategory }).expect(201);
        expect(res.body).toMatchObject({ ageCategory, childrenServicesReferred: true, stage: 'encountered' });
      }
    });

    it('gives each new person their station checklist', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId, { interpreterNeeded: true });
      const res = await t.http.get(`/api/v1/people/${person.id}/stations`).set(bearer(w.partner.token)).expect(200);
      expect(res.body.map((s: { station: string; status: string }) => [s.station, s.status])).toEqual([
        ['interpreter', 'queued'],
        ['police_debrief', 'queued'],
        ['health_check', 'queued'],
        ['welfare', 'queued'],
      ]);
    });

    it('a rostered agency (the police) registers people too; a partner cannot', async () => {
      await t.http.post(`/api/v1/operations/${operationId}/people`).set(bearer(w.policeLead.token)).send(personBody()).expect(201);
      await t.http.post(`/api/v1/operations/${operationId}/people`).set(bearer(w.partner.token)).send(personBody()).expect(403);
    });

    it.each([
      ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 422, 'DATE_OF_BIRTH_IN_FUTURE'],
      ['an adult with a date of birth under 18', { dateOfBirth: `${new Date().getUTCFullYear() - 10}-01-01` }, 422, 'ADULT_UNDER_18'],
      ['a child whose date of birth says 40', { ageCategory: 'child', dateOfBirth: `${new Date().getUTCFullYear() - 40}-01-01` }, 422, 'CHILD_AGED_18_OR_OVER'],
      ['31 February', { dateOfBirth: '1990-02-31' }, 400, 'INVALID_DATE_OF_BIRTH'],
      ['a date of birth with a time', { dateOfBirth: '1990-02-01T00:00:00Z' }, 400, 'VALIDATION_FAILED'],
      ['an unknown age category', { ageCategory: 'teen' }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { eyeColour: 'brown' }, 400, 'VALIDATION_FAILED'],
      ['an unknown need', { needs: { pets: 2 } }, 400, 'VALIDATION_FAILED'],
      ['a negative number of dependants', { needs: { dependants: -1 } }, 400, 'VALIDATION_FAILED'],
      ['languages that are not a list', { languages: 'ro' }, 400, 'VALIDATION_FAILED'],
      ['an unknown group', { groupId: randomUUID() }, 422, 'UNKNOWN_GROUP'],
    ])('refuses %s (%s %s) and registers nobody, using up no reference', async (_, fields, status, errorCode) => {
      const before = await operationsSnapshot(t);
      const res = await register(fields).expect(status);
      expect(res.body.code).toBe(errorCode);
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('refuses registration for a closed or stood-down operation (409)', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'stood_down' }).expect(200);
      let before = await operationsSnapshot(t);
      let res = await t.http.post(`/api/v1/operations/${op.id}/people`).set(bearer(w.planner.token)).send(personBody()).expect(409);
      expect(res.body.code).toBe('OPERATION_STOOD_DOWN');
      expect(await operationsSnapshot(t)).toEqual(before);
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.planner.token)).send({ status: 'closed' }).expect(200);
      before = await operationsSnapshot(t);
      res = await t.http.post(`/api/v1/operations/${op.id}/people`).set(bearer(w.planner.token)).send(personBody()).expect(409);
      expect(res.body.code).toBe('OPERATION_CLOSED');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('an unknown operation is 404 and writes nothing', async () => {
      const before = await operationsSnapshot(t);
      await t.http.post(`/api/v1/operations/${randomUUID()}/people`).set(bearer(w.planner.token)).send(personBody()).expect(404);
      expect(await operationsSnapshot(t)).toEqual(before);
    });
  });

  describe('retries and concurrency', () => {
    it('a retried registration with the same Idempotency-Key returns the first person and creates nobody', async () => {
      const first = await register({ sex: 'female' }, 'intake-tablet-3-0001').expect(201);
      const before = await operationsSnapshot(t);
      const again = await register({ sex: 'female' }, 'intake-tablet-3-0001').expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replay']).toBe('true');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('the same key with a different body is refused (422) and creates nobody', async () => {
      await register({ sex: 'female' }, 'intake-tablet-3-0002').expect(201);
      const before = await operationsSnapshot(t);
      const res = await register({ sex: 'male' }, 'intake-tablet-3-0002').expect(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('30 registrations at once get 30 consecutive references, none shared', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          t.http
            .post(`/api/v1/operations/${op.id}/people`)
            .set(bearer(i % 2 ? w.housingOfficer.token : w.planner.token))
            .send(personBody()),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
      const references = results.map((r) => r.body.reference).sort();
      expect(references).toEqual(Array.from({ length: 30 }, (_, i) => `${op.code}-${String(i + 1).padStart(3, '0')}`));
      const { rows } = await t.db.query(`select next_person_seq from operation where id = $1`, [op.id]);
      expect(rows[0].next_person_seq).toBe(31);
    });

    it('the same retry sent five times at once creates exactly one person', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.http.post(`/api/v1/operations/${op.id}/people`).set(bearer(w.planner.token)).set('Idempotency-Key', 'flaky-wifi-1').send(personBody()),
        ),
      );
      // Concurrent duplicates are either replayed or told the first is still in progress (409): never created twice.
      expect(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
      const { rows } = await t.db.query(`select count(*)::int as n from person where operation_id = $1`, [op.id]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('personal data', () => {
    let person: { id: string; reference: string };
    beforeAll(async () => {
      person = await registerPerson(t, w.housingOfficer, operationId, { givenName: 'Maria', familyName: 'Claimed', dateOfBirth: '1995-07-01' });
    });

    const readAudits = async (personId: string) =>
      Number((await t.db.query(`select count(*) from audit_event where action = 'read_personal_data' and entity_id = $1`, [personId])).rows[0].count);

    it('the lead council\'s housing officer reads it, and the read is audited', async () => {
      const before = await readAudits(person.id);
      const res = await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.housingOfficer.token)).expect(200);
      expect(res.body).toEqual({ personId: person.id, reference: person.reference, givenName: 'Maria', familyName: 'Claimed', dateOfBirth: '1995-07-01', aliases: [] });
      expect(await readAudits(person.id)).toBe(before + 1);
      const { rows } = await t.db.query(
        `select actor_user_id, request_id from audit_event where action = 'read_personal_data' and entity_id = $1 order by id desc limit 1`,
        [person.id],
      );
      expect(rows[0]).toEqual({ actor_user_id: w.housingOfficer.id, request_id: expect.any(String) });
    });

    it('a rostered police lead and a partner may not read it (403), an outsider is told it does not exist', async () => {
      const before = await readAudits(person.id);
      await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.policeLead.token)).expect(403);
      await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.partner.token)).expect(403);
      await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.outsiderPlanner.token)).expect(404);
      await t.http.get(`/api/v1/people/${person.id}?includeIdentity=true`).set(bearer(w.policeLead.token)).expect(403);
      expect(await readAudits(person.id)).toBe(before);
    });

    it('the police see the operational record without triage notes', async () => {
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.policeLead.token)).send({ outcome: 'witness', notes: 'Saw the van driver' }).expect(200);
      const police = await t.http.get(`/api/v1/people/${person.id}`).set(bearer(w.policeLead.token)).expect(200);
      expect(police.body.triageNotes).toBeUndefined();
      const council = await t.http.get(`/api/v1/people/${person.id}`).set(bearer(w.planner.token)).expect(200);
      expect(council.body.triageNotes).toBe('Saw the van driver');
    });

    it('a list with identities audits one read per person returned', async () => {
      const res = await t.http.get(`/api/v1/operations/${operationId}/people?includeIdentity=true&limit=3`).set(bearer(w.planner.token)).expect(200);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.items[0].identity).toEqual(expect.objectContaining({ aliases: expect.any(Array) }));
      const { rows } = await t.db.query(
        `select count(*)::int as n from audit_event where action = 'read_personal_data' and entity_id = any($1::text[]) and actor_user_id = $2`,
        [res.body.items.map((p: { id: string }) => p.id), w.planner.id],
      );
      expect(rows[0].n).toBe(3);
    });

    it('a claimed name is corrected later and kept as an alias', async () => {
      const res = await t.http
        .patch(`/api/v1/people/${person.id}/identity`)
        .set(bearer(w.housingOfficer.token))
        .send({ familyName: 'Ionescu' })
        .expect(200);
      expect(res.body).toMatchObject({ givenName: 'Maria', familyName: 'Ionescu', aliases: ['Maria Claimed'] });
      const { rows } = await t.db.query(`select details from audit_event where action = 'update_personal_data' and entity_id = $1`, [person.id]);
      expect(rows).toEqual([{ details: { fields: ['familyName', 'aliases'] } }]);
    });

    it.each([
      ['a date of birth making the adult 16', { dateOfBirth: `${new Date().getUTCFullYear() - 16}-01-01` }, 422],
      ['a date of birth in the future', { dateOfBirth: '2999-12-31' }, 422],
      ['an unknown field', { nickname: 'M' }, 400],
    ])('refuses a correction with %s and changes nothing', async (_, body, status) => {
      const before = await operationsSnapshot(t);
      await t.http.patch(`/api/v1/people/${person.id}/identity`).set(bearer(w.housingOfficer.token)).send(body).expect(status);
      expect(await operationsSnapshot(t)).toEqual(before);
    });
  });

  describe('triage', () => {
    it('an adult potential victim enters pre-NRM, waits for a bed, and gets the first-responder and housing stations', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId, { interpreterNeeded: false });
      await t.http.patch(`/api/v1/people/${person.id}/stations/police_debrief`).set(bearer(w.policeLead.token)).send({ status: 'done' }).expect(200);
      const res = await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.policeLead.token)).send({ outcome: 'potential_victim' }).expect(200);
      expect(res.body).toMatchObject({ triageOutcome: 'potential_victim', stage: 'pre_nrm', awaitingBedSince: expect.any(String), keepApart: false });
      const stations = await t.http.get(`/api/v1/people/${person.id}/stations`).set(bearer(w.planner.token)).expect(200);
      expect(stations.body.map((s: { station: string; status: string }) => [s.station, s.status])).toEqual([
        ['police_debrief', 'done'],
        ['health_check', 'queued'],
        ['first_responder', 'queued'],
        ['housing_needs', 'queued'],
        ['welfare', 'queued'],
      ]);
      const { rows } = await t.db.query(`select type, data from outbox_event where data->>'personId' = $1 and type like 'person.%' order by seq`, [person.id]);
      expect(rows.map((r) => r.type)).toEqual(['person.registered', 'person.triaged', 'person.stage_changed']);
      expect(rows[2].data).toMatchObject({ from: 'encountered', to: 'pre_nrm', reference: person.reference });
    });

    it('a child potential victim goes to children\'s services, with no housing-needs station', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId, { ageCategory: 'child', interpreterNeeded: false });
      const res = await triagePerson(t, w.policeLead, person.id, 'potential_victim');
      expect(res).toMatchObject({ stage: 'children_services', childrenServicesReferred: true, awaitingBedSince: expect.any(String) });
      const stations = await t.http.get(`/api/v1/people/${person.id}/stations`).set(bearer(w.planner.token)).expect(200);
      expect(stations.body.map((s: { station: string }) => s.station)).not.toContain('housing_needs');
    });

    it('a suspect is remembered to be kept apart, loses queued welfare stations and waits for no bed', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId, { interpreterNeeded: false });
      await t.http.patch(`/api/v1/people/${person.id}/stations/health_check`).set(bearer(w.planner.token)).send({ status: 'in_progress' }).expect(200);
      const res = await triagePerson(t, w.policeLead, person.id, 'suspect');
      expect(res).toMatchObject({ stage: 'encountered', keepApart: true, awaitingBedSince: null });
      const { rows } = await t.db.query(`select station, status from station_task where person_id = $1 order by station`, [person.id]);
      expect(rows).toEqual([
        { station: 'health_check', status: 'in_progress' },
        { station: 'police_debrief', status: 'queued' },
      ]);
    });

    it('a flagged possible controller is kept apart whatever the outcome', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId, { possibleController: true });
      expect(await triagePerson(t, w.policeLead, person.id, 'witness')).toMatchObject({ keepApart: true });
    });

    it('a correction from witness to potential victim moves the person on; the same decision twice does not restart the wait', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId);
      await triagePerson(t, w.policeLead, person.id, 'witness');
      const first = await triagePerson(t, w.policeLead, person.id, 'potential_victim');
      const again = await triagePerson(t, w.policeLead, person.id, 'potential_victim');
      expect(again.awaitingBedSince).toBe(first.awaitingBedSince);
      expect(again.stageSince).toBe(first.stageSince);
    });

    it('once the NRM pathway has moved someone on, triage cannot (409), and nothing changes', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId);
      await triagePerson(t, w.policeLead, person.id, 'potential_victim');
      await t.db.query(`update person set stage = 'awaiting_rg' where id = $1`, [person.id]);
      const before = await operationsSnapshot(t);
      const res = await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.policeLead.token)).send({ outcome: 'witness' }).expect(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it.each([
      ['an unknown outcome', { outcome: 'victim' }, 400],
      ['no outcome', {}, 400],
      ['an unknown field', { outcome: 'witness', by: 'me' }, 400],
    ])('refuses %s and changes nothing', async (_, body, status) => {
      const person = await registerPerson(t, w.housingOfficer, operationId);
      const before = await operationsSnapshot(t);
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.policeLead.token)).send(body).expect(status);
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('a partner cannot triage (403)', async () => {
      const person = await registerPerson(t, w.housingOfficer, operationId);
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.partner.token)).send({ outcome: 'witness' }).expect(403);
    });
  });

  describe('stations', () => {
    it('moves a person through a station and shows the queue with waiting times', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const a = await registerPerson(t, w.planner, op.id, { interpreterNeeded: false });
      const b = await registerPerson(t, w.planner, op.id, { interpreterNeeded: false });
      await t.db.query(`update station_task set queued_at = now() - interval '95 minutes' where person_id = $1`, [a.id]);
      const moved = await t.http.patch(`/api/v1/people/${b.id}/stations/police_debrief`).set(bearer(w.planner.token)).send({ status: 'in_progress' }).expect(200);
      expect(moved.body.find((s: { station: string }) => s.station === 'police_debrief')).toMatchObject({ status: 'in_progress', updatedBy: w.planner.id, startedAt: expect.any(String) });
      const board = await t.http.get(`/api/v1/operations/${op.id}/stations`).set(bearer(w.planner.token)).expect(200);
      const debrief = board.body.find((s: { station: string }) => s.station === 'police_debrief');
      expect(debrief).toMatchObject({
        queued: [expect.objectContaining({ reference: a.reference, waitingMinutes: 95 })],
        inProgress: [expect.objectContaining({ reference: b.reference })],
        done: 0,
        longestWaitMinutes: 95,
      });
      await t.http.patch(`/api/v1/people/${b.id}/stations/police_debrief`).set(bearer(w.planner.token)).send({ status: 'done' }).expect(200);
      const summary = await t.http.get(`/api/v1/operations/${op.id}/summary`).set(bearer(w.planner.token)).expect(200);
      expect(summary.body.stations.find((s: { station: string }) => s.station === 'police_debrief')).toEqual({
        station: 'police_debrief',
        queued: 1,
        inProgress: 0,
        done: 1,
        longestWaitMinutes: 95,
      });
      const { rows } = await t.db.query(`select data from outbox_event where type = 'station.updated' and data->>'personId' = $1 order by seq`, [b.id]);
      expect(rows.map((r) => [r.data.from, r.data.to])).toEqual([
        ['queued', 'in_progress'],
        ['in_progress', 'done'],
      ]);
    });

    it.each([
      ['reopening a finished station', 'done', 'queued', 409, 'ILLEGAL_TRANSITION'],
      ['a station not on the checklist', 'queued', 'housing_needs', 422, 'STATION_NOT_APPLICABLE'],
      ['a station that does not exist', 'queued', 'karaoke', 404, 'NOT_FOUND'],
      ['an unknown status', 'queued', 'bogus-status', 400, 'VALIDATION_FAILED'],
    ])('refuses %s and changes nothing', async (_, setup, target, status, errorCode) => {
      const person = await registerPerson(t, w.planner, operationId, { interpreterNeeded: false });
      if (setup === 'done') await t.http.patch(`/api/v1/people/${person.id}/stations/welfare`).set(bearer(w.planner.token)).send({ status: 'done' }).expect(200);
      const [station, body] = target === 'bogus-status' ? ['welfare', { status: 'finished' }] : setup === 'done' ? ['welfare', { status: target }] : [target, { status: 'done' }];
      const before = await operationsSnapshot(t);
      const res = await t.http.patch(`/api/v1/people/${person.id}/stations/${station}`).set(bearer(w.planner.token)).send(body).expect(status);
      expect(res.body.code).toBe(errorCode);
      expect(await operationsSnapshot(t)).toEqual(before);
    });
  });

  describe('groups and flags', () => {
    it('links a family at registration and later, and lists members by reference', async () => {
      const group = await t.http.post(`/api/v1/operations/${operationId}/groups`).set(bearer(w.planner.token)).send({ kind: 'family', label: 'Family A' }).expect(201);
      const mother = await registerPerson(t, w.planner, operationId, { sex: 'female', groupId: group.body.id, needs: { dependants: 1 } });
      const child = await registerPerson(t, w.planner, operationId, { ageCategory: 'child' });
      const linked = await t.http.patch(`/api/v1/people/${child.id}`).set(bearer(w.planner.token)).send({ groupId: group.body.id }).expect(200);
      expect(linked.body.groupId).toBe(group.body.id);
      const groups = await t.http.get(`/api/v1/operations/${operationId}/groups`).set(bearer(w.partner.token)).expect(200);
      expect(groups.body.find((g: { id: string }) => g.id === group.body.id)).toMatchObject({ kind: 'family', label: 'Family A', members: [mother.reference, child.reference] });
      await t.http.post(`/api/v1/operations/${operationId}/groups`).set(bearer(w.planner.token)).send({ kind: 'family', label: 'family a' }).expect(409);
    });

    it('cannot link a person to another operation\'s group (422)', async () => {
      const other = await newOperation(t, w.planner, { status: 'active' });
      const group = await t.http.post(`/api/v1/operations/${other.id}/groups`).set(bearer(w.planner.token)).send({ kind: 'travelled_together', label: 'Van 1' }).expect(201);
      const person = await registerPerson(t, w.planner, operationId);
      const before = await operationsSnapshot(t);
      const res = await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(w.planner.token)).send({ groupId: group.body.id }).expect(422);
      expect(res.body.code).toBe('UNKNOWN_GROUP');
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('flagging a possible controller later keeps them apart and tells the live picture', async () => {
      const person = await registerPerson(t, w.planner, operationId);
      const res = await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(w.policeLead.token)).send({ possibleController: true }).expect(200);
      expect(res.body.keepApart).toBe(true);
      const { rows } = await t.db.query(`select data from outbox_event where type = 'person.updated' and data->>'personId' = $1`, [person.id]);
      expect(rows[0].data).toMatchObject({ fields: ['possibleController'], keepApart: true });
    });

    it('an age assessment that finds an age-disputed potential victim an adult moves them to pre-NRM', async () => {
      const person = await registerPerson(t, w.planner, operationId, { ageCategory: 'age_disputed' });
      await triagePerson(t, w.policeLead, person.id, 'potential_victim');
      const res = await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(w.planner.token)).send({ ageCategory: 'adult' }).expect(200);
      expect(res.body).toMatchObject({ ageCategory: 'adult', stage: 'pre_nrm', childrenServicesReferred: true });
      const stations = await t.http.get(`/api/v1/people/${person.id}/stations`).set(bearer(w.planner.token)).expect(200);
      expect(stations.body.map((s: { station: string }) => s.station)).toContain('housing_needs');
      const { rows } = await t.db.query(`select data from outbox_event where type = 'person.stage_changed' and data->>'personId' = $1 order by seq`, [person.id]);
      expect(rows.map((r) => [r.data.from, r.data.to, r.data.cause])).toEqual([
        ['encountered', 'children_services', 'triage'],
        ['children_services', 'pre_nrm', 'age_category'],
      ]);
    });

    it('refuses to record as adult someone whose date of birth says 15 (422), changing nothing', async () => {
      const person = await registerPerson(t, w.planner, operationId, { ageCategory: 'child', dateOfBirth: `${new Date().getUTCFullYear() - 15}-01-01` });
      const before = await operationsSnapshot(t);
      const res = await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(w.planner.token)).send({ ageCategory: 'adult' }).expect(422);
      expect(res.body.code).toBe('ADULT_UNDER_18');
      expect(await operationsSnapshot(t)).toEqual(before);
    });
  });

  describe('merging two registrations of one person', () => {
    it('keeps both histories, carries triage and progress over, retires the duplicate\'s reference', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const kept = await registerPerson(t, w.planner, op.id, { givenName: 'Ana', familyName: 'Pop', interpreterNeeded: false, languages: ['ro'] });
      const duplicate = await registerPerson(t, w.planner, op.id, { givenName: 'Ana', familyName: 'Popescu', interpreterNeeded: true, languages: ['hu'], needs: { wheelchair: true } });
      await t.http.patch(`/api/v1/people/${duplicate.id}/stations/police_debrief`).set(bearer(w.planner.token)).send({ status: 'done' }).expect(200);
      await triagePerson(t, w.planner, duplicate.id, 'potential_victim');

      const res = await t.http.post(`/api/v1/people/${kept.id}/merge`).set(bearer(w.planner.token)).send({ duplicatePersonId: duplicate.id }).expect(200);
      expect(res.body).toMatchObject({
        id: kept.id,
        reference: kept.reference,
        triageOutcome: 'potential_victim',
        stage: 'pre_nrm',
        awaitingBedSince: expect.any(String),
        interpreterNeeded: true,
        languages: ['ro', 'hu'],
        needs: { wheelchair: true },
      });
      const identity = await t.http.get(`/api/v1/people/${kept.id}/identity`).set(bearer(w.planner.token)).expect(200);
      expect(identity.body).toMatchObject({ givenName: 'Ana', familyName: 'Pop', aliases: ['Ana Popescu'] });
      const stations = await t.http.get(`/api/v1/people/${kept.id}/stations`).set(bearer(w.planner.token)).expect(200);
      expect(stations.body.find((s: { station: string }) => s.station === 'police_debrief').status).toBe('done');
      expect(stations.body.map((s: { station: string }) => s.station)).toEqual(
        expect.arrayContaining(['interpreter', 'first_responder', 'housing_needs']),
      );

      const dup = await t.http.get(`/api/v1/people/${duplicate.id}`).set(bearer(w.planner.token)).expect(200);
      expect(dup.body).toMatchObject({ mergedIntoPersonId: kept.id, triageOutcome: 'potential_victim', reference: duplicate.reference });
      const dupIdentity = await t.db.query(`select family_name from person_identity where person_id = $1`, [duplicate.id]);
      expect(dupIdentity.rows[0].family_name).toBe('Popescu');

      const summary = await t.http.get(`/api/v1/operations/${op.id}/summary`).set(bearer(w.planner.token)).expect(200);
      expect(summary.body).toMatchObject({ people: { total: 1 }, byTriageOutcome: { potential_victim: 1 }, awaitingBed: { count: 1 } });
      const list = await t.http.get(`/api/v1/operations/${op.id}/people`).set(bearer(w.planner.token)).expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([kept.id]);
      const withMerged = await t.http.get(`/api/v1/operations/${op.id}/people?includeMerged=true`).set(bearer(w.planner.token)).expect(200);
      expect(withMerged.body.items).toHaveLength(2);

      const next = await registerPerson(t, w.planner, op.id);
      expect(next.reference).toBe(`${op.code}-003`);

      const audit = await t.db.query(`select action, entity_id from audit_event where action in ('merge','merged_into') order by id`);
      expect(audit.rows.slice(-2)).toEqual([
        { action: 'merge', entity_id: kept.id },
        { action: 'merged_into', entity_id: duplicate.id },
      ]);
      const events = await t.db.query(`select data::text as data from outbox_event where type = 'person.merged' and operation_id = $1`, [op.id]);
      expect(events.rows).toHaveLength(1);
      expect(events.rows[0].data).not.toMatch(/Ana|Pop/);

      const triageMerged = await t.http.post(`/api/v1/people/${duplicate.id}/triage`).set(bearer(w.planner.token)).send({ outcome: 'witness' }).expect(409);
      expect(triageMerged.body).toMatchObject({ code: 'PERSON_MERGED', details: { mergedIntoPersonId: kept.id } });
    });

    it('disagreeing about age makes the merged person age disputed (a child until assessed)', async () => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const kept = await registerPerson(t, w.planner, op.id, { ageCategory: 'adult' });
      const duplicate = await registerPerson(t, w.planner, op.id, { ageCategory: 'child' });
      await triagePerson(t, w.planner, kept.id, 'potential_victim');
      const res = await t.http.post(`/api/v1/people/${kept.id}/merge`).set(bearer(w.planner.token)).send({ duplicatePersonId: duplicate.id }).expect(200);
      expect(res.body).toMatchObject({ ageCategory: 'age_disputed', stage: 'children_services', childrenServicesReferred: true });
    });

    it.each([
      ['triaged differently', 'conflict', 409, 'TRIAGE_CONFLICT'],
      ['into itself', 'self', 409, 'SAME_PERSON'],
      ['with someone from another operation', 'other-operation', 404, 'NOT_FOUND'],
      ['with a record already merged', 'already-merged', 409, 'ALREADY_MERGED'],
    ])('refuses merging records %s, changing nothing', async (_, kind, status, errorCode) => {
      const op = await newOperation(t, w.planner, { status: 'active' });
      const kept = await registerPerson(t, w.planner, op.id);
      let duplicateId: string;
      if (kind === 'self') duplicateId = kept.id;
      else if (kind === 'other-operation') duplicateId = (await registerPerson(t, w.planner, operationId)).id;
      else {
        duplicateId = (await registerPerson(t, w.planner, op.id)).id;
        if (kind === 'conflict') {
          await triagePerson(t, w.planner, kept.id, 'witness');
          await triagePerson(t, w.planner, duplicateId, 'suspect');
        } else {
          const third = await registerPerson(t, w.planner, op.id);
          await t.http.post(`/api/v1/people/${third.id}/merge`).set(bearer(w.planner.token)).send({ duplicatePersonId: duplicateId }).expect(200);
        }
      }
      const before = await operationsSnapshot(t);
      const res = await t.http.post(`/api/v1/people/${kept.id}/merge`).set(bearer(w.planner.token)).send({ duplicatePersonId: duplicateId }).expect(status);
      expect(res.body.code).toBe(errorCode);
      expect(await operationsSnapshot(t)).toEqual(before);
    });

    it('the police, who may not see names, may not merge (403)', async () => {
      const a = await registerPerson(t, w.planner, operationId);
      const b = await registerPerson(t, w.planner, operationId);
      await t.http.post(`/api/v1/people/${a.id}/merge`).set(bearer(w.policeLead.token)).send({ duplicatePersonId: b.id }).expect(403);
    });
  });
});
