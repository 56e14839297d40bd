import { addWorkingDays, endOfLondonDay, englandAndWalesBankHolidays, londonDate, addCalendarDays } from '@safe-harbour/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import shipped from '../libs/domain/data/bank-holidays.json';
import { loadConfig } from '../apps/api/src/config/config.schema';
import { DeadlineWatcher } from '../apps/api/src/pathway/deadline-watcher';
import { newOrganisation, newUser } from './support/factories';
import { iso, newPathwayPerson, newPathwayWorld, PathwayWorld, pathwaySnapshot } from './support/pathway-factories';
import { newSiteWithBeds } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const H = 3_600_000;
const DAY = 24 * H;
const holidays = englandAndWalesBankHolidays();
const workingDaysAfter = (at: string | Date, n: number) => endOfLondonDay(addWorkingDays(londonDate(new Date(at)), n, holidays).date).toISOString();
const calendarDaysAfter = (at: string | Date, n: number) => endOfLondonDay(addCalendarDays(londonDate(new Date(at)), n)).toISOString();

/** The NRM pathway as it really runs (issue #12): what each new route accepts, refuses, and does to the timeline. */
describe('the pathway as it really runs', () => {
  let t: TestApp;
  let w: PathwayWorld;
  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
  });
  afterAll(() => t.close());

  const post = (personId: string, path: string, body: Record<string, unknown>, token = w.officer.token) =>
    t.http.post(`/api/v1/people/${personId}/${path}`).set(bearer(token)).send(body);
  const timeline = async (personId: string) => (await t.http.get(`/api/v1/people/${personId}/timeline`).set(bearer(w.officer.token)).expect(200)).body;
  const referral = (at: string, fields: Record<string, unknown> = {}) => ({ kind: 'nrm', consent: true, submittedAt: at, firstResponderOrganisationId: w.police.id, ...fields });
  const decision = (kind: string, outcome: string, decidedAt: string) => ({ kind, outcome, decidedAt });
  /** A person referred 4 days ago, with `rg` decided 3 days ago (and `cg` 2 days ago when given). */
  async function decided(rg: 'positive' | 'negative', cg?: 'positive' | 'negative') {
    const person = await newPathwayPerson(t, w, { registeredAt: iso(-5 * DAY) }, null);
    await post(person.id, 'triage', { outcome: 'potential_victim', at: iso(-5 * DAY + H) }).expect(200);
    await post(person.id, 'referrals', referral(iso(-4 * DAY))).expect(201);
    await post(person.id, 'decisions', decision('reasonable_grounds', rg, iso(-3 * DAY))).expect(201);
    if (cg) await post(person.id, 'decisions', decision('conclusive_grounds', cg, iso(-2 * DAY))).expect(201);
    return person;
  }

  describe('first responders are designated; only they may refer', () => {
    it('councils and police forces are first responders by law; an NGO or health body is not until an admin says so', async () => {
      const make = (kind: string) => t.http.post('/api/v1/organisations').set(bearer(t.adminToken)).send({ name: `FR ${kind} ${Date.now()}`, kind }).expect(201);
      expect((await make('council')).body).toMatchObject({ firstResponder: true, firstResponderType: 'local_authority' });
      expect((await make('police')).body).toMatchObject({ firstResponder: true, firstResponderType: 'police' });
      expect((await make('ngo')).body).toMatchObject({ firstResponder: false, firstResponderType: null });
      expect((await make('health')).body).toMatchObject({ firstResponder: false, firstResponderType: null });
    });

    it('a referral from an organisation not designated is refused 422 NOT_A_FIRST_RESPONDER and changes nothing', async () => {
      const ngo = await newOrganisation(t, { kind: 'ngo', firstResponder: false });
      const person = await newPathwayPerson(t, w);
      const before = await pathwaySnapshot(t);
      const res = await post(person.id, 'referrals', referral(iso(), { firstResponderOrganisationId: ngo.id })).expect(422);
      expect(res.body).toMatchObject({ code: 'NOT_A_FIRST_RESPONDER' });
      expect(res.body.message).toMatch(/not designated a first responder/);
      expect(await pathwaySnapshot(t)).toEqual(before);

      // an admin designates it (a specified NGO): the same referral is accepted
      const patched = await t.http.patch(`/api/v1/organisations/${ngo.id}`).set(bearer(t.adminToken)).send({ firstResponder: true }).expect(200);
      expect(patched.body).toMatchObject({ firstResponder: true, firstResponderType: 'ngo' });
      await post(person.id, 'referrals', referral(iso(), { firstResponderOrganisationId: ngo.id })).expect(201);
    });

    it('only an admin sets the designation; a kind with no default type must name one (the NCA, the GLAA, the Home Office)', async () => {
      const other = await newOrganisation(t, { kind: 'other', name: `National Crime Agency ${Date.now()}` });
      await t.http.patch(`/api/v1/organisations/${other.id}`).set(bearer(w.officer.token)).send({ firstResponder: true }).expect(403);
      const untyped = await t.http.patch(`/api/v1/organisations/${other.id}`).set(bearer(t.adminToken)).send({ firstResponder: true }).expect(422);
      expect(untyped.body.code).toBe('FIRST_RESPONDER_TYPE_REQUIRED');
      await t.http.patch(`/api/v1/organisations/${other.id}`).set(bearer(t.adminToken)).send({ firstResponderType: 'bogus' }).expect(400);
      const nca = await t.http.patch(`/api/v1/organisations/${other.id}`).set(bearer(t.adminToken)).send({ firstResponder: true, firstResponderType: 'nca' }).expect(200);
      expect(nca.body).toMatchObject({ firstResponder: true, firstResponderType: 'nca' });
      const off = await t.http.patch(`/api/v1/organisations/${other.id}`).set(bearer(t.adminToken)).send({ firstResponder: false }).expect(200);
      expect(off.body).toMatchObject({ firstResponder: false, firstResponderType: null });
      const audit = await t.db.query(`select count(*)::int as n from audit_event where entity_id = $1 and action = 'update'`, [other.id]);
      expect(audit.rows[0].n).toBe(2);
    });
  });

  describe('histories that began before registration (item 6)', () => {
    it('registration and triage take the time they happened; a referral made that morning is then in order', async () => {
      const registeredAt = iso(-3 * H);
      const person = await newPathwayPerson(t, w, { registeredAt }, null);
      const triagedAt = iso(-2.5 * H);
      await post(person.id, 'triage', { outcome: 'potential_victim', at: triagedAt }).expect(200);
      await post(person.id, 'referrals', referral(iso(-2 * H))).expect(201);
      const tl = await timeline(person.id);
      expect(tl).toMatchObject({ stage: 'awaiting_rg', history: [{ type: 'triage', at: triagedAt }, { type: 'referral' }] });
      const row = await t.db.query(`select registered_at, triaged_at from person where id = $1`, [person.id]);
      expect(row.rows[0].registered_at.toISOString()).toBe(registeredAt);
      expect(row.rows[0].triaged_at.toISOString()).toBe(triagedAt);
    });

    it('a hand-over from another council carries an RG made weeks ago, with its dates and the deadlines they give', async () => {
      const person = await newPathwayPerson(t, w, { registeredAt: '2026-01-05T09:00:00Z' }, null);
      await post(person.id, 'triage', { outcome: 'potential_victim', at: '2026-01-05T10:00:00Z' }).expect(200);
      await post(person.id, 'referrals', referral('2026-01-06T10:00:00Z')).expect(201);
      await post(person.id, 'decisions', decision('reasonable_grounds', 'positive', '2026-01-09T12:00:00Z')).expect(201);
      const tl = await timeline(person.id);
      expect(tl).toMatchObject({
        stage: 'recovery_period',
        since: '2026-01-09T12:00:00.000Z',
        deadlines: [{ kind: 'recovery_period_minimum_ends', dueAt: calendarDaysAfter('2026-01-09T12:00:00Z', 45), basis: { at: '2026-01-09T12:00:00.000Z' } }],
      });
    });

    it.each([
      ['registration in the future', { registeredAt: iso(DAY) }, null, 'FACT_IN_FUTURE'],
      ['a triage before the registration', { registeredAt: iso(-H) }, { outcome: 'potential_victim', at: iso(-2 * H) }, 'OUT_OF_ORDER'],
      ['a triage in the future', {}, { outcome: 'potential_victim', at: iso(DAY) }, 'FACT_IN_FUTURE'],
    ])('refuses %s (422 %s)', async (_, fields, triage, code) => {
      if (!triage) {
        const res = await t.http
          .post(`/api/v1/operations/${w.operationId}/people`)
          .set(bearer(w.officer.token))
          .send({ sex: 'female', ageCategory: 'adult', languages: [], interpreterNeeded: false, needs: {}, ...fields })
          .expect(422);
        expect(res.body.code).toBe(code);
        return;
      }
      const person = await newPathwayPerson(t, w, fields, null);
      const before = await pathwaySnapshot(t);
      expect((await post(person.id, 'triage', triage).expect(422)).body.code).toBe(code);
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('a time without an offset is refused 400', async () => {
      const res = await t.http
        .post(`/api/v1/operations/${w.operationId}/people`)
        .set(bearer(w.officer.token))
        .send({ sex: 'female', ageCategory: 'adult', languages: [], interpreterNeeded: false, needs: {}, registeredAt: '2026-01-05T09:00:00' })
        .expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/registeredAt must be a date and time with an offset/);
    });
  });

  describe('years the calendar knows (item 8)', () => {
    it('a triage on Friday 5 May 2023 counts the coronation holiday (Monday 8 May): pre-NRM ends Monday 15 May', async () => {
      const person = await newPathwayPerson(t, w, { registeredAt: '2023-05-05T09:00:00+01:00' }, null);
      await post(person.id, 'triage', { outcome: 'potential_victim', at: '2023-05-05T10:00:00+01:00' }).expect(200);
      const tl = await timeline(person.id);
      expect(tl.deadlines).toMatchObject([{ kind: 'pre_nrm_accommodation_ends', dueAt: '2023-05-15T22:59:59.999Z', caveat: null }]);
    });

    it('before the NRM began (1 April 2009) no deadline policy is in force: 422 POLICY_NOT_IN_FORCE, nothing written', async () => {
      const person = await newPathwayPerson(t, w, { registeredAt: '2008-06-02T09:00:00+01:00' }, null);
      const before = await pathwaySnapshot(t);
      const res = await post(person.id, 'triage', { outcome: 'potential_victim', at: '2008-06-02T10:00:00+01:00' }).expect(422);
      expect(res.body).toMatchObject({ code: 'POLICY_NOT_IN_FORCE' });
      expect(await pathwaySnapshot(t)).toEqual(before);
    });
  });

  describe('reconsideration of a negative decision (item 1)', () => {
    it('requested: the move-on end is held while pending; overturned: recovery period from the new decision', async () => {
      const person = await decided('negative');
      expect((await timeline(person.id)).deadlines).toMatchObject([{ kind: 'move_on_ends', effect: 'support_ends' }]);

      const requestedAt = iso(-2 * DAY);
      const asked = await post(person.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt }).expect(201);
      expect(asked.body).toMatchObject({ id: expect.any(String), stage: 'move_on', deadlines: [], status: { pendingReconsideration: { decisionKind: 'reasonable_grounds', requestedAt }, moveOnClock: { heldBy: 'reconsideration', since: requestedAt, clock: 'extended' } } });
      const closed = await t.db.query(`select state from deadline where person_id = $1 and kind = 'move_on_ends'`, [person.id]);
      expect(closed.rows.map((r) => r.state)).toEqual(['met']);

      const again = await post(person.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt: iso(-DAY) }).expect(409);
      expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { pathwayCode: 'RECONSIDERATION_PENDING' } });

      const decidedAt = iso(-H);
      const overturned = await post(person.id, `reconsiderations/${asked.body.id}/outcome`, { outcome: 'overturned', decidedAt }).expect(201);
      expect(overturned.body).toMatchObject({
        id: asked.body.id,
        stage: 'recovery_period',
        since: decidedAt,
        deadlines: [{ kind: 'recovery_period_minimum_ends', dueAt: calendarDaysAfter(decidedAt, 45), basis: { event: 'overturned_reasonable_grounds', at: decidedAt } }],
      });
      const row = await t.db.query(`select decision_kind, outcome, decided_at, round from reconsideration where id = $1`, [asked.body.id]);
      expect(row.rows[0]).toMatchObject({ decision_kind: 'reasonable_grounds', outcome: 'overturned', round: 1 });

      // decided once: a second outcome is a conflict
      expect((await post(person.id, `reconsiderations/${asked.body.id}/outcome`, { outcome: 'upheld', decidedAt: iso() }).expect(409)).body.details.pathwayCode).toBe(
        'NO_RECONSIDERATION_PENDING',
      );
      // and the CG decision follows as after any positive RG
      await post(person.id, 'decisions', decision('conclusive_grounds', 'positive', iso())).expect(201);
    });

    it('upheld: the 9 working days of move-on run again from the outcome (policy: extended)', async () => {
      const person = await decided('negative');
      const asked = await post(person.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt: iso(-2 * DAY) }).expect(201);
      const decidedAt = iso(-H);
      const upheld = await post(person.id, `reconsiderations/${asked.body.id}/outcome`, { outcome: 'upheld', decidedAt }).expect(201);
      expect(upheld.body).toMatchObject({
        stage: 'move_on',
        deadlines: [{ kind: 'move_on_ends', effect: 'support_ends', dueAt: workingDaysAfter(decidedAt, 9), basis: { event: 'reconsideration_upheld', at: decidedAt } }],
      });
    });

    it.each([
      ['a positive decision', () => decided('positive'), { decisionKind: 'reasonable_grounds', requestedAt: iso() }, 409, 'NO_NEGATIVE_DECISION'],
      ['the RG when the CG is the latest decision', () => decided('positive', 'negative'), { decisionKind: 'reasonable_grounds', requestedAt: iso() }, 409, 'NO_NEGATIVE_DECISION'],
      ['a request dated before the decision', () => decided('negative'), { decisionKind: 'reasonable_grounds', requestedAt: iso(-4 * DAY) }, 422, 'OUT_OF_ORDER'],
      ['an unknown decision kind', () => decided('negative'), { decisionKind: 'judicial_review', requestedAt: iso() }, 400, undefined],
      ['an unknown field', () => decided('negative'), { decisionKind: 'reasonable_grounds', requestedAt: iso(), reason: 'x' }, 400, undefined],
    ])('refuses reconsidering %s (%i)', async (_, make, body, status, code) => {
      const person = await make();
      const before = await pathwaySnapshot(t);
      const res = await post(person.id, 'reconsiderations', body).expect(status);
      if (code) expect(res.body.code === code || res.body.details?.pathwayCode === code).toBe(true);
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it("an outcome names one of this person's reconsiderations: another's, or none, is 404", async () => {
      const a = await decided('negative');
      const b = await decided('negative');
      const asked = await post(a.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt: iso(-DAY) }).expect(201);
      await post(b.id, `reconsiderations/${asked.body.id}/outcome`, { outcome: 'upheld', decidedAt: iso() }).expect(404);
      await post(a.id, `reconsiderations/00000000-0000-4000-8000-000000000000/outcome`, { outcome: 'upheld', decidedAt: iso() }).expect(404);
      await post(a.id, `reconsiderations/${asked.body.id}/outcome`, { outcome: 'maybe', decidedAt: iso() }).expect(400);
    });
  });

  describe('move-on after a CG is a minimum: Recovery Needs Assessments (item 2)', () => {
    it('pending: the 45-day end is shown as a minimum; extended: support ends on the day named', async () => {
      const person = await decided('positive', 'positive');
      const cgAt = (await timeline(person.id)).since;
      expect((await timeline(person.id)).deadlines).toMatchObject([{ kind: 'move_on_ends', effect: 'support_ends', dueAt: calendarDaysAfter(cgAt, 45) }]);

      const asked = await post(person.id, 'recovery-needs-assessments', { requestedAt: iso(-DAY) }).expect(201);
      expect(asked.body).toMatchObject({
        id: expect.any(String),
        deadlines: [{ kind: 'move_on_minimum_ends', effect: 'minimum_period_ends', dueAt: calendarDaysAfter(cgAt, 45) }],
        status: { pendingRecoveryNeedsAssessment: { requestedAt: expect.any(String) } },
      });
      expect((await post(person.id, 'recovery-needs-assessments', { requestedAt: iso() }).expect(409)).body.details.pathwayCode).toBe('RNA_PENDING');

      // extended needs its end date (400 before anything is read)
      await post(person.id, `recovery-needs-assessments/${asked.body.id}/outcome`, { outcome: 'extended', decidedAt: iso() }).expect(400);
      const until = londonDate(new Date(Date.now() + 120 * DAY));
      const extended = await post(person.id, `recovery-needs-assessments/${asked.body.id}/outcome`, { outcome: 'extended', until, decidedAt: iso(-H) }).expect(201);
      expect(extended.body).toMatchObject({
        id: asked.body.id,
        deadlines: [{ kind: 'move_on_ends', effect: 'support_ends', rule: 'recovery_needs_assessment_extension', dueAt: endOfLondonDay(until).toISOString() }],
        status: { pendingRecoveryNeedsAssessment: null, moveOnExtendedUntil: until },
      });
      const row = await t.db.query(`select outcome, to_char(extended_until, 'YYYY-MM-DD') as until from recovery_needs_assessment where id = $1`, [asked.body.id]);
      expect(row.rows[0]).toEqual({ outcome: 'extended', until });
    });

    it('not extended: support ends at the minimum again; an RNA before any CG is refused', async () => {
      const person = await decided('positive', 'positive');
      const cgAt = (await timeline(person.id)).since;
      const asked = await post(person.id, 'recovery-needs-assessments', { requestedAt: iso(-DAY) }).expect(201);
      const not = await post(person.id, `recovery-needs-assessments/${asked.body.id}/outcome`, { outcome: 'not_extended', decidedAt: iso() }).expect(201);
      expect(not.body.deadlines).toMatchObject([{ kind: 'move_on_ends', effect: 'support_ends', dueAt: calendarDaysAfter(cgAt, 45) }]);

      const early = await decided('positive');
      expect((await post(early.id, 'recovery-needs-assessments', { requestedAt: iso() }).expect(409)).body.details.pathwayCode).toBe('CG_REQUIRED');
    });
  });

  describe('withdrawal, suspension and further referrals (item 3)', () => {
    it('withdrawn: no deadlines; a further referral is round 2 of the same person, and a further RG brings a further recovery period', async () => {
      const person = await decided('positive');
      const withdrawn = await post(person.id, 'withdrawals', { at: iso(-2 * DAY) }).expect(201);
      expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', deadlines: [], status: { withdrawal: { suspended: false } } });
      expect((await post(person.id, 'decisions', decision('conclusive_grounds', 'positive', iso(-DAY))).expect(409)).body.details.pathwayCode).toBe('NOT_IN_THE_NRM');

      await post(person.id, 'referrals', referral(iso(-DAY))).expect(201);
      const rgAt = iso(-H);
      const rg = await post(person.id, 'decisions', decision('reasonable_grounds', 'positive', rgAt)).expect(201);
      expect(rg.body).toMatchObject({
        stage: 'recovery_period',
        status: { referralRound: 2 },
        deadlines: [{ kind: 'recovery_period_minimum_ends', rule: 'further_recovery_period_minimum', basis: { event: 'further_positive_reasonable_grounds' } }],
      });
      const rows = await t.db.query(`select kind, round from referral where person_id = $1 order by round`, [person.id]);
      expect(rows.rows).toEqual([{ kind: 'nrm', round: 1 }, { kind: 'nrm', round: 2 }]);
      const decisions = await t.db.query(`select kind, round from decision where person_id = $1 order by round`, [person.id]);
      expect(decisions.rows).toEqual([{ kind: 'reasonable_grounds', round: 1 }, { kind: 'reasonable_grounds', round: 2 }]);
      expect((await timeline(person.id)).history.map((h: { type: string }) => h.type)).toEqual(['triage', 'referral', 'decision', 'withdrawal', 'referral', 'decision']);
    });

    it('a case suspended while missing stays missing and returns to a withdrawn case when found', async () => {
      const person = await decided('positive');
      await post(person.id, 'missing', { reportedAt: iso(-2 * DAY) }).expect(201);
      await post(person.id, 'withdrawals', { at: iso(-DAY) }).expect(409);
      const suspended = await post(person.id, 'withdrawals', { at: iso(-DAY), suspended: true }).expect(201);
      expect(suspended.body.stage).toBe('missing');
      const found = await post(person.id, 'found', { foundAt: iso() }).expect(200);
      expect(found.body).toMatchObject({ stage: 'withdrawn' });
    });

    it('refuses a withdrawal before any NRM referral (409 NOT_IN_THE_NRM)', async () => {
      const person = await newPathwayPerson(t, w);
      expect((await post(person.id, 'withdrawals', { at: iso() }).expect(409)).body.details.pathwayCode).toBe('NOT_IN_THE_NRM');
    });
  });

  describe('public-order disqualification (item 4)', () => {
    it('records the decision with its re-trafficking risk assessment; ends the recovery period; the CG is still owed', async () => {
      const person = await decided('positive');
      const decidedAt = iso(-DAY);
      const res = await post(person.id, 'disqualifications', {
        decidedAt,
        retraffickingRiskAssessment: { assessedAt: iso(-2 * DAY), outcome: 'risk_identified', notes: 'Known associates near the exploitation site' },
      }).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        stage: 'disqualified',
        deadlines: [],
        status: {
          decisionsOwed: ['conclusive_grounds'],
          disqualification: { decidedAt, retraffickingRiskAssessment: { outcome: 'risk_identified' }, ends: ['recovery_period_support', 'protection_from_removal'] },
        },
      });
      const row = await t.db.query(`select risk_outcome, risk_notes from disqualification where id = $1`, [res.body.id]);
      expect(row.rows[0]).toEqual({ risk_outcome: 'risk_identified', risk_notes: 'Known associates near the exploitation site' });
      await post(person.id, 'decisions', decision('conclusive_grounds', 'negative', iso())).expect(201);
    });

    it.each([
      ['without its risk assessment', { decidedAt: iso(-DAY) }, 400],
      ['with the risk assessment after the decision', { decidedAt: iso(-DAY), retraffickingRiskAssessment: { assessedAt: iso(-H), outcome: 'no_risk_identified' } }, 422],
    ])('refuses a disqualification %s (%i), writing nothing', async (_, body, status) => {
      const person = await decided('positive');
      const before = await pathwaySnapshot(t);
      await post(person.id, 'disqualifications', body).expect(status);
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('refuses one outside the recovery period (409 NOT_IN_RECOVERY_PERIOD)', async () => {
      const person = await decided('negative');
      const res = await post(person.id, 'disqualifications', { decidedAt: iso(), retraffickingRiskAssessment: { assessedAt: iso(-H), outcome: 'no_risk_identified' } }).expect(409);
      expect(res.body.details.pathwayCode).toBe('NOT_IN_RECOVERY_PERIOD');
    });
  });

  describe('age assessment (item 5)', () => {
    it('assessed as an adult: adult route and pre-NRM deadline from that date, and placement follows', async () => {
      const foster = await newSiteWithBeds(t, w.placement, 1, { type: 'foster_placement', attributes: { acceptsChildren: true } });
      const person = await newPathwayPerson(t, w, { ageCategory: 'age_disputed', registeredAt: iso(-3 * H) }, null);
      await post(person.id, 'triage', { outcome: 'potential_victim', at: iso(-2 * H) }).expect(200);
      expect(await timeline(person.id)).toMatchObject({ stage: 'children_services', route: 'children_services', deadlines: [] });
      const excludedBefore = (await t.http.get(`/api/v1/people/${person.id}/bed-options`).set(bearer(w.officer.token)).expect(200)).body.excluded;
      expect(excludedBefore.map((e: { siteId: string }) => e.siteId)).not.toContain(foster.siteId);

      const assessedAt = iso(-H);
      const res = await post(person.id, 'age-assessments', { outcome: 'adult', assessedAt }).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        stage: 'pre_nrm',
        route: 'adult',
        deadlines: [{ kind: 'pre_nrm_accommodation_ends', dueAt: workingDaysAfter(assessedAt, 5), basis: { event: 'assessed_as_adult', at: assessedAt } }],
      });
      const row = await t.db.query(`select age_category from person where id = $1`, [person.id]);
      expect(row.rows[0].age_category).toBe('adult');
      const excludedAfter = (await t.http.get(`/api/v1/people/${person.id}/bed-options`).set(bearer(w.officer.token)).expect(200)).body.excluded;
      expect(excludedAfter.map((e: { siteId: string }) => e.siteId)).toContain(foster.siteId);
    });

    it('refuses an assessment of a person whose age is not disputed (409), and a malformed one (400)', async () => {
      const person = await newPathwayPerson(t, w);
      expect((await post(person.id, 'age-assessments', { outcome: 'adult', assessedAt: iso() }).expect(409)).body.details.pathwayCode).toBe('AGE_NOT_DISPUTED');
      await post(person.id, 'age-assessments', { outcome: 'teenager', assessedAt: iso() }).expect(400);
    });

    it('a child who turns 18 moves to the adult route on the birthday; the worklist shows adult consent now needed', async () => {
      const tomorrow = addCalendarDays(londonDate(new Date()), 1);
      const dateOfBirth = `${Number(tomorrow.slice(0, 4)) - 18}${tomorrow.slice(4)}`;
      const person = await newPathwayPerson(t, w, { ageCategory: 'child', dateOfBirth }, null);
      await post(person.id, 'triage', { outcome: 'potential_victim' }).expect(200);
      await post(person.id, 'referrals', referral(iso(), { consent: false })).expect(201);
      const watcher = t.app.get(DeadlineWatcher);

      // not yet: today is not the birthday
      await watcher.tick(new Date());
      expect(await timeline(person.id)).toMatchObject({ route: 'children_services' });

      const birthday = endOfLondonDay(londonDate(new Date())).getTime() + 1;
      const result = await watcher.tick(new Date(birthday + 9 * H));
      expect(result.turned18).toBeGreaterThanOrEqual(1);
      const tl = await timeline(person.id);
      expect(tl).toMatchObject({
        stage: 'awaiting_rg',
        route: 'adult',
        deadlines: expect.arrayContaining([
          expect.objectContaining({ kind: 'adult_consent_needed', effect: 'consent_needed', state: 'due_soon', basis: { event: 'turned_18', at: new Date(birthday).toISOString() } }),
        ]),
      });
      expect(tl.history.at(-1)).toMatchObject({ type: 'turned_18', cause: 'age_category' });
      const row = await t.db.query(`select age_category from person where id = $1`, [person.id]);
      expect(row.rows[0].age_category).toBe('adult');
      const events = await t.db.query(`select type from outbox_event where data->>'personId' = $1 and data->>'kind' = 'adult_consent_needed'`, [person.id]);
      expect(events.rows.map((r) => r.type)).toEqual(['deadline.created', 'deadline.due_soon']);
      // the operation's worklist
      const summary = (await t.http.get(`/api/v1/operations/${w.operationId}/summary`).set(bearer(w.officer.token)).expect(200)).body;
      expect(summary.nextDeadlines).toEqual(expect.arrayContaining([expect.objectContaining({ personId: person.id, kind: 'adult_consent_needed', effect: 'consent_needed' })]));
      // a second pass changes nothing
      await watcher.tick(new Date(birthday + 10 * H));
      expect((await timeline(person.id)).history.filter((h: { type: string }) => h.type === 'turned_18')).toHaveLength(1);
    });

    it('adult consent is refused for a person who did not turn 18 on the pathway (409)', async () => {
      const person = await newPathwayPerson(t, w);
      expect((await post(person.id, 'adult-consent', { consent: true, at: iso() }).expect(409)).body.details.pathwayCode).toBe('NO_ADULT_CONSENT_NEEDED');
      await post(person.id, 'adult-consent', { consent: 'yes', at: iso() }).expect(400);
    });

    it('partners and outsiders may not record any of these', async () => {
      const person = await decided('negative');
      const partner = await newUser(t, w.charity.id, ['partner']);
      await post(person.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt: iso() }, partner.token).expect(403);
      await post(person.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt: iso() }, w.outsider.token).expect(404);
    });
  });
});

describe("children's guardians and the statistics (items 7 and 11)", () => {
  let t: TestApp;
  let w: PathwayWorld;
  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
  });
  afterAll(() => t.close());
  const post = (personId: string, path: string, body: Record<string, unknown>) => t.http.post(`/api/v1/people/${personId}/${path}`).set(bearer(w.officer.token)).send(body);

  it('a child is referred to an Independent Child Trafficking Guardian once; an adult is not', async () => {
    const guardian = await newOrganisation(t, { kind: 'ngo', name: `ICTG service ${Date.now()}`, firstResponder: false });
    const child = await newPathwayPerson(t, w, { ageCategory: 'child' });
    const referredAt = iso();
    const res = await post(child.id, 'guardian-referrals', { referredAt, guardianOrganisationId: guardian.id }).expect(201);
    expect(res.body).toMatchObject({ id: expect.any(String), stage: 'children_services', status: { guardianReferral: { at: referredAt } } });
    const row = await t.db.query(`select guardian_organisation_id from guardian_referral where id = $1`, [res.body.id]);
    expect(row.rows[0].guardian_organisation_id).toBe(guardian.id);
    expect((await post(child.id, 'guardian-referrals', { referredAt: iso(), guardianOrganisationId: guardian.id }).expect(409)).body.details.pathwayCode).toBe(
      'ALREADY_REFERRED_TO_GUARDIAN',
    );

    const adult = await newPathwayPerson(t, w);
    const before = await pathwaySnapshot(t);
    expect((await post(adult.id, 'guardian-referrals', { referredAt: iso(), guardianOrganisationId: guardian.id }).expect(409)).body.details.pathwayCode).toBe('NOT_A_CHILD');
    expect((await post(adult.id, 'guardian-referrals', { referredAt: iso(), guardianOrganisationId: '00000000-0000-4000-8000-000000000000' }).expect(422)).body.code).toBe('UNKNOWN_ORGANISATION');
    expect(await pathwaySnapshot(t)).toEqual(before);
  });

  it('county lines is a flag on criminal exploitation only (422 otherwise, nothing written)', async () => {
    const person = await newPathwayPerson(t, w, {}, null);
    const res = await post(person.id, 'triage', { outcome: 'potential_victim', exploitationType: 'labour', countyLines: true }).expect(422);
    expect(res.body.code).toBe('COUNTY_LINES_NOT_CRIMINAL');
    const row = await t.db.query(`select triage_outcome, county_lines from person where id = $1`, [person.id]);
    expect(row.rows[0]).toEqual({ triage_outcome: null, county_lines: false });
  });

  it('statistics: referrals by first responder type; potential victims by age at exploitation beside age now, and county lines', async () => {
    const child = await newPathwayPerson(t, w, { ageCategory: 'child' }, null);
    await post(child.id, 'triage', { outcome: 'potential_victim', exploitationType: 'criminal', countyLines: true, ageAtExploitation: 'child' }).expect(200);
    const adultExploitedAsChild = await newPathwayPerson(t, w, {}, null);
    await post(adultExploitedAsChild.id, 'triage', { outcome: 'potential_victim', exploitationType: 'sexual', ageAtExploitation: 'child' }).expect(200);
    await post(adultExploitedAsChild.id, 'referrals', { kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id }).expect(201);
    await post(child.id, 'referrals', { kind: 'nrm', consent: false, submittedAt: iso(), firstResponderOrganisationId: w.council.id }).expect(201);

    const stats = (await t.http.get(`/api/v1/reports/statistics?operationId=${w.operationId}`).set(bearer(w.officer.token)).expect(200)).body;
    const table = (name: string) => stats.tables.find((x: { table: string }) => x.table === name);
    const byType = table('referrals_by_first_responder_type');
    expect(byType.rows).toEqual(['local_authority', 'police', 'nca', 'glaa', 'home_office', 'ngo', 'not_designated']);
    expect(byType.counts[0]).toEqual([1, 0]); // local authority: one NRM referral
    expect(byType.counts[1]).toEqual([1, 0]); // police: one NRM referral
    const byAge = table('potential_victims_by_age_at_exploitation_and_age_group');
    expect(byAge.rows).toEqual(['adult', 'child', 'not_specified']);
    expect(byAge.columns).toEqual(['adult', 'child', 'age_disputed']);
    expect(byAge.counts[1]).toEqual([1, 1, 0]); // exploited as children: one now an adult, one still a child
    const countyLines = table('potential_victims_by_county_lines_and_age_group');
    expect(countyLines.counts[0]).toEqual([0, 1, 0]);
  });
});

describe('forecast realism: stage lengths from the deployment\'s own records (item 10)', () => {
  const forecastOf = async (t: TestApp, w: PathwayWorld) =>
    (await t.http.get(`/api/v1/forecast?localAuthorityCode=E08000035&days=90`).set(bearer(w.officer.token)).expect(200)).body;
  /** A person whose recovery period ran from `rgDaysAgo` to `cgDaysAgo` (or is still running). */
  async function recovered(t: TestApp, w: PathwayWorld, rgDaysAgo: number, cgDaysAgo?: number) {
    const post = (id: string, path: string, body: Record<string, unknown>) => t.http.post(`/api/v1/people/${id}/${path}`).set(bearer(w.officer.token)).send(body);
    const person = await newPathwayPerson(t, w, { registeredAt: iso(-(rgDaysAgo + 3) * DAY) }, null);
    await post(person.id, 'triage', { outcome: 'potential_victim', at: iso(-(rgDaysAgo + 3) * DAY + H) }).expect(200);
    await post(person.id, 'referrals', { kind: 'nrm', consent: true, submittedAt: iso(-(rgDaysAgo + 2) * DAY), firstResponderOrganisationId: w.police.id }).expect(201);
    await post(person.id, 'decisions', { kind: 'reasonable_grounds', outcome: 'positive', decidedAt: iso(-rgDaysAgo * DAY) }).expect(201);
    if (cgDaysAgo !== undefined) await post(person.id, 'decisions', { kind: 'conclusive_grounds', outcome: 'positive', decidedAt: iso(-cgDaysAgo * DAY) }).expect(201);
  }

  it('too few measured recovery periods: the configured fallback (339 days), said so; never the 45-day minimum as an end', async () => {
    const t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    try {
      const w = await newPathwayWorld(t);
      await recovered(t, w, 10);
      const body = await forecastOf(t, w);
      expect(body.stageDurations.recovery_period).toEqual({ days: 339, source: 'configured_fallback', samples: 0, measuredMedian: null, minimum: 45 });
      // the person 10 days into recovery still needs their recovery bed on day 90 (a 45-day end would free it on day 36)
      const last = body.forecast[body.forecast.length - 1];
      const recoveryNeeded = last.bySiteType.filter((x: { siteType: string }) => ['safe_house', 'refuge', 'self_contained_flat', 'void_property'].includes(x.siteType));
      expect(recoveryNeeded.reduce((n: number, x: { needed: number }) => n + x.needed, 0)).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('enough measured: the median of recorded recovery periods (floored at the minimum), said so', async () => {
    const t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0', FORECAST_MIN_MEASURED_SPELLS: '3', FORECAST_FALLBACK_DAYS: 'recovery_period=400,move_on=60' });
    try {
      const w = await newPathwayWorld(t);
      await recovered(t, w, 220, 20); // 200 days
      await recovered(t, w, 200, 50); // 150 days
      await recovered(t, w, 260, 10); // 250 days
      const body = await forecastOf(t, w);
      expect(body.stageDurations.recovery_period).toEqual({ days: 200, source: 'measured_median', samples: 3, measuredMedian: 200, minimum: 45 });
      // move-on: no spell has ended yet, so the configured fallback
      expect(body.stageDurations.move_on).toMatchObject({ days: 60, source: 'configured_fallback', samples: 0 });
    } finally {
      await t.close();
    }
  });

  it('a malformed fallback stops the server at start', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', FORECAST_FALLBACK_DAYS: 'recovery=10' })).toThrow(/FORECAST_FALLBACK_DAYS/);
  });
});

describe('a working-day deadline outside the bank-holiday data (item 8)', () => {
  let t: TestApp;
  let w: PathwayWorld;
  beforeAll(async () => {
    // A deployment whose holiday file covers only 2024-2028 (as the shipped data once did)
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    const file = join(dir, 'bank-holidays.json');
    const feed = shipped as { 'england-and-wales': { events: Array<{ date: string }> } };
    writeFileSync(
      file,
      JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: feed['england-and-wales'].events.filter((e) => e.date >= '2024' && e.date < '2029') } }),
    );
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0', BANK_HOLIDAYS_FILE: file });
    w = await newPathwayWorld(t);
  });
  afterAll(() => t.close());

  it('is refused 422 CALENDAR_NOT_COVERED naming the year, and nothing is written', async () => {
    const person = await newPathwayPerson(t, w, { registeredAt: '2023-05-05T09:00:00+01:00' }, null);
    const before = await pathwaySnapshot(t);
    const res = await t.http
      .post(`/api/v1/people/${person.id}/triage`)
      .set(bearer(w.officer.token))
      .send({ outcome: 'potential_victim', at: '2023-05-05T10:00:00+01:00' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_NOT_COVERED', details: { years: [2023] } });
    expect(res.body.message).toMatch(/2023.*2024-2028.*bank-holidays:update/);
    expect(await pathwaySnapshot(t)).toEqual(before);
  });

  it('a calendar-day deadline needs no holidays and is accepted in the same year', async () => {
    const person = await newPathwayPerson(t, w, { registeredAt: '2023-05-05T09:00:00+01:00', ageCategory: 'child' }, null);
    // a child has no working-day support deadline before referral
    await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'potential_victim', at: '2023-05-05T10:00:00+01:00' }).expect(200);
  });
});
