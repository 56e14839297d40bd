import { newUser } from './support/factories';
import { newPathwayPerson, newPathwayWorld, PathwayWorld } from './support/pathway-factories';
import { newSiteWithBeds } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('data protection: who viewed, subject access, retention and legal holds', () => {
  let t: TestApp;
  let w: PathwayWorld;
  beforeAll(async () => {
    // One day instead of six years, so the test can age an exit by backdating it two days.
    t = await startTestApp({ RETENTION_PERSONAL_DATA: 'P1D', RETENTION_IDEMPOTENCY_RECORDS: 'P1D', RETENTION_CRON: 'off' });
    w = await newPathwayWorld(t);
  });
  afterAll(() => t.close());

  const exit = (personId: string) =>
    t.http.post(`/api/v1/people/${personId}/exit`).set(bearer(w.officer.token)).send({ at: new Date().toISOString(), outcome: 'settled_accommodation' }).expect(201);
  const ageExit = (personId: string, days: number) =>
    t.db.query(`update person set exited_at = now() - make_interval(days => $2) where id = $1`, [personId, days]);
  const runRetention = async () => (await t.http.post('/api/v1/retention/runs').set(bearer(t.adminToken)).expect(201)).body;
  const identity = async (personId: string) =>
    (await t.db.query(`select given_name, family_name, date_of_birth, aliases from person_identity where person_id = $1`, [personId])).rows[0];

  describe('who viewed this record', () => {
    it('lists each read of the personal data, newest first, with who and which organisation', async () => {
      const person = await newPathwayPerson(t, w);
      await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.officer.token)).expect(200);
      const colleague = await newUser(t, w.council.id, ['housing_officer']);
      await t.http.get(`/api/v1/people/${person.id}?includeIdentity=true`).set(bearer(colleague.token)).expect(200);
      const res = await t.http.get(`/api/v1/people/${person.id}/viewed-by`).set(bearer(w.officer.token)).expect(200);
      expect(res.body.items.map((i: { userName: string }) => i.userName)).toEqual(['Test housing_officer', 'Test housing_officer emergency_planner']);
      expect(res.body.items[1]).toMatchObject({ action: 'read_personal_data', organisationName: expect.stringMatching(/^Leeds City Council/) });
    });

    it('is shown only to those who may see the personal data', async () => {
      const person = await newPathwayPerson(t, w);
      await t.http.get(`/api/v1/people/${person.id}/viewed-by`).set(bearer(w.policeLead.token)).expect(403); // an agency on the roster
      await t.http.get(`/api/v1/people/${person.id}/viewed-by`).set(bearer(w.partner.token)).expect(403);
      await t.http.get(`/api/v1/people/${person.id}/viewed-by`).set(bearer(w.outsider.token)).expect(404);
    });
  });

  describe('subject access export', () => {
    it('holds identity, pathway, placements and notes, who read the record, and redacts everyone else', async () => {
      const sister = await newPathwayPerson(t, w, { givenName: 'Mirela', familyName: 'Vasilescu' });
      const person = await newPathwayPerson(t, w, { givenName: 'Ioana', familyName: 'Vasilescu', dateOfBirth: '1994-03-02' }, null);
      await t.http
        .post(`/api/v1/people/${person.id}/triage`)
        .set(bearer(w.officer.token))
        .send({ outcome: 'potential_victim', notes: 'Arrived with her sister Mirela; a man called Dragos took their passports.' })
        .expect(200);
      const site = await newSiteWithBeds(t, w.placement, 1, { name: 'Harbour House', type: 'safe_house' });
      await t.http
        .post('/api/v1/placements')
        .set(bearer(w.officer.token))
        .send({ personId: person.id, bedId: site.bedIds[0], from: new Date().toISOString(), kind: 'placement' })
        .expect(201);
      await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.officer.token)).expect(200);
      expect(sister.id).toBeDefined();

      const res = await t.http.get(`/api/v1/people/${person.id}/subject-access-export`).set(bearer(w.officer.token)).expect(200);
      const sar = res.body;
      expect(sar.subject.reference).toBe(person.reference);
      expect(sar.identity[0]).toMatchObject({ given_name: 'Ioana', family_name: 'Vasilescu', date_of_birth: '1994-03-02' });
      expect(sar.pathway.events.length).toBeGreaterThan(0);
      expect(sar.placements).toHaveLength(1);
      expect(sar.placements[0].site).toEqual({ name: 'Harbour House', type: 'safe_house' });
      expect(sar.placements[0].siteAddress).toMatch(/^withheld/);
      // Her sister's given name is redacted; the family name they share is hers too and stays.
      expect(sar.notes).toEqual([{ source: 'triage', text: 'Arrived with her sister [name redacted]; a man called Dragos took their passports.' }]);
      // Staff appear by organisation only.
      expect(JSON.stringify(sar)).not.toContain(w.officer.id);
      expect(sar.records[0].registered_by).toMatch(/^Staff member, Leeds City Council/);
      expect(sar.readBy[0]).toEqual({ at: expect.any(String), action: 'read_personal_data', organisation: expect.stringMatching(/^Leeds City Council/) });
      expect(JSON.stringify(sar)).not.toContain('Mirela');
      expect(sar.otherRecords.station_task).toBeDefined();

      // Producing it is audited, and it counts as a read of the record.
      const audit = await t.db.query(`select actor_user_id from audit_event where action = 'subject_access_export' and entity_id = $1`, [person.id]);
      expect(audit.rows).toEqual([{ actor_user_id: w.officer.id }]);
      const again = await t.http.get(`/api/v1/people/${person.id}/subject-access-export`).set(bearer(t.adminToken)).expect(200);
      expect(again.body.readBy[0].action).toBe('subject_access_export');
    });

    it('withholds legal holds, which could tip off a live investigation', async () => {
      const person = await newPathwayPerson(t, w);
      await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ personId: person.id, reason: 'Operation Kestrel: live' }).expect(201);
      const sar = (await t.http.get(`/api/v1/people/${person.id}/subject-access-export`).set(bearer(t.adminToken)).expect(200)).body;
      expect(JSON.stringify(sar)).not.toContain('Kestrel');
      expect(sar.withheld.map((x: { records: string }) => x.records)).toContain('legal_hold');
    });

    it('is for an admin or the lead organisation\'s emergency planner only', async () => {
      const person = await newPathwayPerson(t, w);
      const housingOnly = await newUser(t, w.council.id, ['housing_officer']);
      await t.http.get(`/api/v1/people/${person.id}/subject-access-export`).set(bearer(housingOnly.token)).expect(403);
      await t.http.get(`/api/v1/people/${person.id}/subject-access-export`).set(bearer(w.policeLead.token)).expect(403);
      await t.http.get(`/api/v1/people/${person.id}/subject-access-export`).set(bearer(w.outsider.token)).expect(404);
      await t.http.get('/api/v1/people/not-a-uuid/subject-access-export').set(bearer(t.adminToken)).expect(400);
      const audits = await t.db.query(`select count(*)::int as n from audit_event where action = 'subject_access_export' and entity_id = $1`, [person.id]);
      expect(audits.rows[0].n).toBe(0);
    });
  });

  describe('retention', () => {
    it('anonymises an exited person once due, keeps a held one and one still within the period, and reports it', async () => {
      const due = await newPathwayPerson(t, w, { givenName: 'Elena', familyName: 'Dueforremoval', dateOfBirth: '1990-01-01' });
      const held = await newPathwayPerson(t, w, { givenName: 'Petra', familyName: 'Heldforpolice' });
      const recent = await newPathwayPerson(t, w, { givenName: 'Sofia', familyName: 'Recentexit' });
      for (const p of [due, held, recent]) await exit(p.id);
      await ageExit(due.id, 2);
      await ageExit(held.id, 2);
      await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ personId: held.id, reason: 'Live police investigation' }).expect(201);
      await t.db.query(`update person set triage_notes = 'Her cousin in Bradford arranged the job' where id = any($1::uuid[])`, [[due.id, held.id]]);
      const statsBefore = (await t.db.query(`select count(*)::int as n, count(*) filter (where stage = 'exited')::int as exited from person`)).rows[0];

      const report = await runRetention();
      expect(report.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reference: due.reference, outcome: 'anonymised' }),
          expect.objectContaining({ reference: held.reference, outcome: 'held' }),
        ]),
      );
      expect(report.items.map((i: { reference: string }) => i.reference)).not.toContain(recent.reference);
      expect(await identity(due.id)).toEqual({ given_name: null, family_name: null, date_of_birth: null, aliases: [] });
      expect(await identity(held.id)).toMatchObject({ given_name: 'Petra' });
      expect((await t.db.query(`select triage_notes from person where id = $1`, [held.id])).rows[0].triage_notes).toMatch(/cousin/);
      expect(await identity(recent.id)).toMatchObject({ given_name: 'Sofia' });
      const triage = await t.db.query(`select triage_notes, anonymised_at, stage, sex, age_category from person where id = $1`, [due.id]);
      expect(triage.rows[0]).toMatchObject({ triage_notes: null, anonymised_at: expect.any(Date), stage: 'exited', sex: 'female', age_category: 'adult' });
      // The statistics count the same people.
      expect((await t.db.query(`select count(*)::int as n, count(*) filter (where stage = 'exited')::int as exited from person`)).rows[0]).toEqual(statsBefore);

      // The report can be read again, and a second run changes nothing more.
      const again = (await t.http.get(`/api/v1/retention/runs/${report.id}`).set(bearer(t.adminToken)).expect(200)).body;
      expect(again).toMatchObject({ id: report.id, trigger: 'admin', startedByName: 'Administrator', peopleAnonymised: report.peopleAnonymised });
      const second = await runRetention();
      expect(second.items.filter((i: { outcome: string }) => i.outcome === 'anonymised')).toEqual([]);
      const runs = (await t.http.get('/api/v1/retention/runs').set(bearer(t.adminToken)).expect(200)).body;
      expect(runs.items.map((r: { id: string }) => r.id).slice(0, 2)).toEqual([second.id, report.id]);
    });

    it('a hold on an operation covers its people; released, they go at the next run', async () => {
      const world = await newPathwayWorld(t);
      const person = await newPathwayPerson(t, world, { givenName: 'Oana', familyName: 'Operationhold' });
      await t.http.post(`/api/v1/people/${person.id}/exit`).set(bearer(world.officer.token)).send({ at: new Date().toISOString(), outcome: 'returned_home' }).expect(201);
      await ageExit(person.id, 3);
      const hold = (await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ operationId: world.operationId, reason: 'Trial listed for March' }).expect(201)).body;
      expect((await runRetention()).items).toEqual(expect.arrayContaining([expect.objectContaining({ reference: person.reference, outcome: 'held' })]));
      expect(await identity(person.id)).toMatchObject({ given_name: 'Oana' });
      await t.http.post(`/api/v1/legal-holds/${hold.id}/release`).set(bearer(t.adminToken)).expect(200);
      await t.http.post(`/api/v1/legal-holds/${hold.id}/release`).set(bearer(t.adminToken)).expect(409);
      expect((await runRetention()).items).toEqual(expect.arrayContaining([expect.objectContaining({ reference: person.reference, outcome: 'anonymised' })]));
      expect(await identity(person.id)).toMatchObject({ given_name: null });
    });

    it('deletes stored idempotent responses past their period (they repeat safe-house addresses)', async () => {
      await t.http
        .post('/api/v1/organisations')
        .set(bearer(t.adminToken))
        .set('Idempotency-Key', 'retention-old')
        .send({ name: 'Old Key Council', kind: 'council' })
        .expect(201);
      await t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).set('Idempotency-Key', 'retention-new').send({ name: 'New Key Council', kind: 'council' }).expect(201);
      await t.db.query(`update idempotency_record set created_at = now() - interval '2 days' where key = 'retention-old'`);
      const report = await runRetention();
      expect(report.idempotencyRecordsDeleted).toBeGreaterThanOrEqual(1);
      const keys = (await t.db.query(`select key from idempotency_record where key like 'retention-%'`)).rows.map((r) => r.key);
      expect(keys).toEqual(['retention-new']);
    });

    it('legal holds and runs are for admins; bad holds are refused and change nothing', async () => {
      const person = await newPathwayPerson(t, w);
      await t.http.post('/api/v1/retention/runs').set(bearer(w.officer.token)).expect(403);
      await t.http.post('/api/v1/legal-holds').set(bearer(w.officer.token)).send({ personId: person.id, reason: 'x' }).expect(403);
      const before = (await t.db.query(`select count(*)::int as n from legal_hold`)).rows[0].n;
      await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ reason: 'neither' }).expect(400);
      await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ personId: person.id, operationId: w.operationId, reason: 'both' }).expect(400);
      await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ personId: person.id, reason: '' }).expect(400);
      await t.http.post('/api/v1/legal-holds').set(bearer(t.adminToken)).send({ personId: '00000000-0000-4000-8000-000000000000', reason: 'x' }).expect(422);
      expect((await t.db.query(`select count(*)::int as n from legal_hold`)).rows[0].n).toBe(before);
      await t.http.get('/api/v1/retention/runs/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken)).expect(404);
      const schedule = (await t.http.get('/api/v1/retention/schedule').set(bearer(t.adminToken)).expect(200)).body;
      expect(schedule.classes).toEqual([
        { recordClass: 'personal_data', name: expect.stringMatching(/^Names, dates of birth/), period: 'P1D', description: '1 day' },
        { recordClass: 'idempotency_records', name: expect.stringMatching(/retried request/), period: 'P1D', description: '1 day' },
      ]);
    });
  });
});

describe('the nightly retention job', () => {
  it('is scheduled at RETENTION_CRON, and not at all when it is off', async () => {
    const { JobScheduler } = await import('../apps/api/src/common/job-scheduler');
    const on = await startTestApp({ RETENTION_CRON: '0 3 * * *' });
    try {
      expect(on.app.get(JobScheduler).jobs()).toContain('retention-daily');
    } finally {
      await on.close();
    }
    const off = await startTestApp({ RETENTION_CRON: 'off' });
    try {
      expect(off.app.get(JobScheduler).jobs()).not.toContain('retention-daily');
    } finally {
      await off.close();
    }
  });
});

describe('retention configuration is checked at start', () => {
  it('refuses a period it cannot read, and a bad cron expression, naming the setting', async () => {
    const { loadConfig } = await import('../apps/api/src/config/config.schema');
    expect(() => loadConfig({ RETENTION_PERSONAL_DATA: 'six years' })).toThrow(/RETENTION_PERSONAL_DATA.*P6Y/);
    expect(() => loadConfig({ RETENTION_IDEMPOTENCY_RECORDS: 'P0D' })).toThrow(/RETENTION_IDEMPOTENCY_RECORDS/);
    expect(() => loadConfig({ RETENTION_CRON: 'every night' })).toThrow(/RETENTION_CRON/);
    expect(loadConfig({}).RETENTION_PERSONAL_DATA).toBe('P6Y');
  });

  it('in production, refuses a first admin password that the password policy refuses', async () => {
    const { loadConfig } = await import('../apps/api/src/config/config.schema');
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'dpo@leeds.gov.uk' };
    expect(() => loadConfig({ ...prod, ADMIN_PASSWORD: 'Password12345' })).toThrow(/ADMIN_PASSWORD is refused by the password policy/);
    expect(loadConfig({ ...prod, ADMIN_PASSWORD: 'granite meadow lantern forty' }).ADMIN_PASSWORD).toBe('granite meadow lantern forty');
  });
});
