import {
  addCalendarDays,
  addWorkingDays,
  endOfLondonDay,
  englandAndWalesBankHolidays,
  londonDate,
} from '@safe-harbour/domain';
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from '../apps/api/src/config/config.schema';
import { DeadlineWatcher } from '../apps/api/src/pathway/deadline-watcher';
import { iso, newPathwayPerson, newPathwayWorld, PathwayWorld, pathwaySnapshot } from './support/pathway-factories';
import { newOperation } from './support/operations-factories';
import { newSiteWithBeds } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const H = 3_600_000;
const holidays = englandAndWalesBankHolidays();
/** End of the nth working day after the London date of `at` (the policy's "N working days after"). */
const workingDaysAfter = (at: string | Date, n: number) => endOfLondonDay(addWorkingDays(londonDate(new Date(at)), n, holidays).date).toISOString();
/** End of the nth calendar day after the London date of `at`. */
const calendarDaysAfter = (at: string | Date, n: number) => endOfLondonDay(addCalendarDays(londonDate(new Date(at)), n)).toISOString();

describe('the NRM pathway through the API', () => {
  let t: TestApp;
  let w: PathwayWorld;
  beforeAll(async () => {
    // The timer is off: the watcher tests call tick() with their own clock.
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
  });
  afterAll(() => t.close());

  const post = (personId: string, fact: string, body: Record<string, unknown>, token = w.officer.token) =>
    t.http.post(`/api/v1/people/${personId}/${fact}`).set(bearer(token)).send(body);
  const timeline = async (personId: string, token = w.officer.token) =>
    (await t.http.get(`/api/v1/people/${personId}/timeline`).set(bearer(token)).expect(200)).body;
  const referral = (fields: Record<string, unknown> = {}) => ({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id, ...fields });
  const decision = (kind: string, outcome: string, fields: Record<string, unknown> = {}) => ({ kind, outcome, decidedAt: iso(), ...fields });
  const events = async (personId: string) =>
    (await t.db.query(`select type, data from outbox_event where data->>'personId' = $1 order by seq`, [personId])).rows as Array<{ type: string; data: Record<string, unknown> }>;
  const deadlineRows = async (personId: string) =>
    (await t.db.query(`select kind, state, rule from deadline where person_id = $1 order by created_at, kind`, [personId])).rows;

  describe('an adult: triage, NRM referral with consent, positive RG, positive CG, move-on, exit', () => {
    let person: { id: string; reference: string };
    let triagedAt: string;

    it('triage puts them in pre-NRM support with its 5-working-day deadline, in the history', async () => {
      person = await newPathwayPerson(t, w);
      const tl = await timeline(person.id);
      triagedAt = tl.since;
      expect(tl).toMatchObject({
        personId: person.id,
        reference: person.reference,
        stage: 'pre_nrm',
        route: 'adult',
        deadlines: [
          {
            kind: 'pre_nrm_accommodation_ends',
            dueAt: workingDaysAfter(triagedAt, 5),
            rule: 'pre_nrm_accommodation',
            policyVersion: 'councilPractice45@2009-04-01',
            state: 'pending',
            effect: 'support_ends',
            basis: { event: 'identified_as_potential_victim', at: triagedAt },
          },
        ],
        history: [{ type: 'triage', fromStage: 'encountered', toStage: 'pre_nrm', cause: 'triage', recordedBy: w.officer.id }],
      });
      expect(tl.nextDeadline).toEqual(tl.deadlines[0]);
      expect(tl.nextDeadline.explanation).toMatch(/Pre-NRM accommodation ends .* rule pre_nrm_accommodation, policy councilPractice45@2009-04-01/);
    });

    it('an NRM referral with consent: awaiting the RG decision, expected within 5 working days', async () => {
      const body = referral();
      const res = await post(person.id, 'referrals', body).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        personId: person.id,
        reference: person.reference,
        stage: 'awaiting_rg',
        since: body.submittedAt,
        deadlines: [{ kind: 'rg_decision_expected', dueAt: workingDaysAfter(body.submittedAt, 5), rule: 'rg_decision_target', effect: 'decision_target', state: 'pending' }],
      });
      const row = await t.db.query(`select kind, consent, first_responder_organisation_id as fro, recorded_by from referral where id = $1`, [res.body.id]);
      expect(row.rows[0]).toEqual({ kind: 'nrm', consent: true, fro: w.police.id, recorded_by: w.officer.id });
      expect(await deadlineRows(person.id)).toEqual([
        { kind: 'pre_nrm_accommodation_ends', state: 'met', rule: 'pre_nrm_accommodation' },
        { kind: 'rg_decision_expected', state: 'pending', rule: 'rg_decision_target' },
      ]);
    });

    it('a positive RG decision: the recovery period, at least 45 calendar days', async () => {
      const body = decision('reasonable_grounds', 'positive');
      const res = await post(person.id, 'decisions', body).expect(201);
      expect(res.body).toMatchObject({
        stage: 'recovery_period',
        deadlines: [
          {
            kind: 'recovery_period_minimum_ends',
            dueAt: calendarDaysAfter(body.decidedAt, 45),
            rule: 'recovery_period_minimum',
            policyVersion: 'councilPractice45@2009-04-01',
            effect: 'minimum_period_ends',
          },
        ],
      });
    });

    it('a positive CG decision: move-on support for 45 calendar days', async () => {
      const body = decision('conclusive_grounds', 'positive');
      const res = await post(person.id, 'decisions', body).expect(201);
      expect(res.body).toMatchObject({
        stage: 'move_on',
        deadlines: [{ kind: 'move_on_ends', dueAt: calendarDaysAfter(body.decidedAt, 45), rule: 'move_on_after_positive_cg', effect: 'support_ends' }],
      });
    });

    it('exit: no deadline is left, the person record carries the outcome', async () => {
      const at = iso();
      const res = await post(person.id, 'exit', { at, outcome: 'settled_accommodation' }).expect(201);
      expect(res.body).toMatchObject({ stage: 'exited', since: at, deadlines: [], nextDeadline: null });
      const row = await t.db.query(`select stage, exited_at, exit_outcome, awaiting_bed_since from person where id = $1`, [person.id]);
      expect(row.rows[0]).toEqual({ stage: 'exited', exited_at: new Date(at), exit_outcome: 'settled_accommodation', awaiting_bed_since: null });
    });

    it('the timeline answers what stage, since when, and shows every transition with who and when', async () => {
      const tl = await timeline(person.id);
      expect(tl).toMatchObject({ stage: 'exited', exit: { outcome: 'settled_accommodation' }, deadlines: [], nextDeadline: null });
      expect(tl.history.map((h: Record<string, unknown>) => [h.type, h.fromStage, h.toStage, h.recordedBy])).toEqual([
        ['triage', 'encountered', 'pre_nrm', w.officer.id],
        ['referral', 'pre_nrm', 'awaiting_rg', w.officer.id],
        ['decision', 'awaiting_rg', 'recovery_period', w.officer.id],
        ['decision', 'recovery_period', 'move_on', w.officer.id],
        ['exit', 'move_on', 'exited', w.officer.id],
      ]);
      expect(tl.history[1].fact).toMatchObject({ kind: 'nrm', consent: true, firstResponderOrganisationId: w.police.id });
      expect(tl.history[2].fact).toMatchObject({ kind: 'reasonable_grounds', outcome: 'positive' });
      expect(tl.history.every((h: { recordedAt: string }) => typeof h.recordedAt === 'string')).toBe(true);
      expect(tl.closedDeadlines.map((d: { kind: string; state: string }) => [d.kind, d.state])).toEqual([
        ['pre_nrm_accommodation_ends', 'met'],
        ['rg_decision_expected', 'met'],
        ['recovery_period_minimum_ends', 'met'],
        ['move_on_ends', 'met'],
      ]);
    });

    it('every transition is an event with operation and area, and carries no names', async () => {
      const all = await events(person.id);
      const stages = all.filter((e) => e.type === 'person.stage_changed').map((e) => [e.data.from, e.data.to, e.data.cause]);
      expect(stages).toEqual([
        ['encountered', 'pre_nrm', 'triage'],
        ['pre_nrm', 'awaiting_rg', 'referral'],
        ['awaiting_rg', 'recovery_period', 'decision'],
        ['recovery_period', 'move_on', 'decision'],
        ['move_on', 'exited', 'exit'],
      ]);
      expect(all.filter((e) => e.type === 'deadline.created').map((e) => e.data.kind)).toEqual([
        'pre_nrm_accommodation_ends',
        'rg_decision_expected',
        'recovery_period_minimum_ends',
        'move_on_ends',
      ]);
      expect(all.filter((e) => e.type === 'deadline.closed')).toHaveLength(4);
      const scoped = await t.db.query(
        `select bool_and(operation_id = $2 and local_authority_code = 'E08000035') as ok from outbox_event where data->>'personId' = $1`,
        [person.id, w.operationId],
      );
      expect(scoped.rows[0].ok).toBe(true);
      expect(JSON.stringify(all)).not.toMatch(/Ioana|Pathwaytest/);
    });

    it('every fact is in the audit trail', async () => {
      const { rows } = await t.db.query(
        `select action, count(*)::int as n from audit_event where entity_type = 'person' and entity_id = $1 group by action order by action`,
        [person.id],
      );
      expect(rows).toEqual([
        { action: 'record_decision', n: 2 },
        { action: 'record_exit', n: 1 },
        { action: 'record_referral', n: 1 },
        { action: 'register', n: 1 },
        { action: 'triage', n: 1 },
      ]);
    });

    it('after the exit nothing more is recorded (409) and nothing changes', async () => {
      const before = await pathwaySnapshot(t);
      const res = await post(person.id, 'missing', { reportedAt: iso() }).expect(409);
      expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { pathwayCode: 'ALREADY_EXITED' } });
      expect(await pathwaySnapshot(t)).toEqual(before);
    });
  });

  describe('an adult who declines the NRM: duty to notify', () => {
    let person: { id: string };
    beforeAll(async () => {
      person = await newPathwayPerson(t, w);
    });

    it('an NRM referral without consent is refused (422) and nothing changes', async () => {
      const before = await pathwaySnapshot(t);
      const res = await post(person.id, 'referrals', referral({ consent: false })).expect(422);
      expect(res.body).toMatchObject({ code: 'NRM_CONSENT_REQUIRED', message: expect.stringContaining('duty-to-notify') });
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('a duty to notify with consent is refused too (422): with consent it is an NRM referral', async () => {
      const before = await pathwaySnapshot(t);
      const res = await post(person.id, 'referrals', referral({ kind: 'duty_to_notify', consent: true })).expect(422);
      expect(res.body.code).toBe('DUTY_TO_NOTIFY_WITH_CONSENT');
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('the duty to notify: local support only, no national timeframe, pre-NRM deadline met', async () => {
      const res = await post(person.id, 'referrals', referral({ kind: 'duty_to_notify', consent: false, firstResponderOrganisationId: w.council.id })).expect(201);
      expect(res.body).toMatchObject({ stage: 'duty_to_notify', deadlines: [], nextDeadline: null });
      expect(await deadlineRows(person.id)).toEqual([{ kind: 'pre_nrm_accommodation_ends', state: 'met', rule: 'pre_nrm_accommodation' }]);
    });

    it('no decision follows a duty to notify (409), nor a second one', async () => {
      const before = await pathwaySnapshot(t);
      const rg = await post(person.id, 'decisions', decision('reasonable_grounds', 'positive')).expect(409);
      expect(rg.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { pathwayCode: 'NOT_REFERRED' } });
      const again = await post(person.id, 'referrals', referral({ kind: 'duty_to_notify', consent: false })).expect(409);
      expect(again.body.details.pathwayCode).toBe('ALREADY_REFERRED');
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('consenting later, they are referred into the NRM', async () => {
      const res = await post(person.id, 'referrals', referral()).expect(201);
      expect(res.body).toMatchObject({ stage: 'awaiting_rg', deadlines: [{ kind: 'rg_decision_expected' }] });
    });
  });

  describe('a child: referred without consent, never a duty to notify', () => {
    let child: { id: string };
    beforeAll(async () => {
      child = await newPathwayPerson(t, w, { ageCategory: 'child', sex: 'male' });
    });

    it("triage puts a child with children's services; the adult support periods do not apply", async () => {
      const tl = await timeline(child.id);
      expect(tl).toMatchObject({ stage: 'children_services', route: 'children_services', deadlines: [] });
    });

    it('a duty to notify for a child is refused (422) and nothing changes', async () => {
      const before = await pathwaySnapshot(t);
      const res = await post(child.id, 'referrals', referral({ kind: 'duty_to_notify', consent: false })).expect(422);
      expect(res.body.code).toBe('DUTY_TO_NOTIFY_FOR_CHILD');
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('an NRM referral without consent is accepted; the RG decision is expected within 5 working days', async () => {
      const body = referral({ consent: false, firstResponderOrganisationId: w.council.id });
      const res = await post(child.id, 'referrals', body).expect(201);
      expect(res.body).toMatchObject({ stage: 'awaiting_rg', deadlines: [{ kind: 'rg_decision_expected', dueAt: workingDaysAfter(body.submittedAt, 5) }] });
    });

    it('a positive RG: recovery period stage, but no adult minimum period deadline', async () => {
      const res = await post(child.id, 'decisions', decision('reasonable_grounds', 'positive')).expect(201);
      expect(res.body).toMatchObject({ stage: 'recovery_period', deadlines: [] });
    });
  });

  describe('illegal facts: a clear 4xx and nothing changed', () => {
    let inPreNrm: { id: string };
    let awaitingRg: { id: string };
    let untriaged: { id: string };
    let suspect: { id: string };
    beforeAll(async () => {
      inPreNrm = await newPathwayPerson(t, w);
      awaitingRg = await newPathwayPerson(t, w);
      await post(awaitingRg.id, 'referrals', referral()).expect(201);
      untriaged = await newPathwayPerson(t, w, {}, null);
      suspect = await newPathwayPerson(t, w, { sex: 'male' }, 'suspect');
    });

    const cases: Array<[string, () => string, string, () => Record<string, unknown>, number, string]> = [
      ['a decision before any referral', () => inPreNrm.id, 'decisions', () => decision('reasonable_grounds', 'positive'), 409, 'NOT_REFERRED'],
      ['a CG decision before the RG decision', () => awaitingRg.id, 'decisions', () => decision('conclusive_grounds', 'positive'), 409, 'RG_REQUIRED'],
      ['a second referral', () => awaitingRg.id, 'referrals', () => referral(), 409, 'ALREADY_REFERRED'],
      ['being found when not missing', () => inPreNrm.id, 'found', () => ({ foundAt: iso() }), 409, 'NOT_MISSING'],
      ['a referral before triage', () => untriaged.id, 'referrals', () => referral(), 409, 'TRIAGE_REQUIRED'],
      ['a referral for a suspect', () => suspect.id, 'referrals', () => referral(), 409, 'NOT_A_POTENTIAL_VICTIM'],
      ['a referral dated tomorrow', () => inPreNrm.id, 'referrals', () => referral({ submittedAt: iso(24 * H) }), 422, 'FACT_IN_FUTURE'],
      ['a decision dated in ten minutes', () => awaitingRg.id, 'decisions', () => decision('reasonable_grounds', 'positive', { decidedAt: iso(10 * 60_000) }), 422, 'FACT_IN_FUTURE'],
      ['a referral dated before the triage', () => inPreNrm.id, 'referrals', () => referral({ submittedAt: iso(-24 * H) }), 422, 'OUT_OF_ORDER'],
      ['an RG decision dated before the referral', () => awaitingRg.id, 'decisions', () => decision('reasonable_grounds', 'positive', { decidedAt: iso(-24 * H) }), 422, 'OUT_OF_ORDER'],
      ['a missing report dated before the triage', () => inPreNrm.id, 'missing', () => ({ reportedAt: iso(-24 * H) }), 422, 'OUT_OF_ORDER'],
      ['an unknown first responder', () => inPreNrm.id, 'referrals', () => referral({ firstResponderOrganisationId: randomUUID() }), 422, 'UNKNOWN_ORGANISATION'],
      ['a health provider as first responder', () => inPreNrm.id, 'referrals', () => referral({ firstResponderOrganisationId: w.health.id }), 422, 'NOT_A_FIRST_RESPONDER'],
      ['an unknown field', () => inPreNrm.id, 'referrals', () => referral({ urgent: true }), 400, 'VALIDATION_FAILED'],
      ['an unknown referral kind', () => inPreNrm.id, 'referrals', () => referral({ kind: 'police_report' }), 400, 'VALIDATION_FAILED'],
      ['no consent answer', () => inPreNrm.id, 'referrals', () => referral({ consent: undefined }), 400, 'VALIDATION_FAILED'],
      ['a time without an offset', () => inPreNrm.id, 'referrals', () => referral({ submittedAt: '2026-03-02T16:30:00' }), 400, 'VALIDATION_FAILED'],
      ['a decision outcome of maybe', () => awaitingRg.id, 'decisions', () => decision('reasonable_grounds', 'maybe'), 400, 'VALIDATION_FAILED'],
      ['an exit with an unknown outcome', () => inPreNrm.id, 'exit', () => ({ at: iso(), outcome: 'vanished' }), 400, 'VALIDATION_FAILED'],
      ['a missing report without a time', () => inPreNrm.id, 'missing', () => ({}), 400, 'VALIDATION_FAILED'],
    ];

    it.each(cases)('%s', async (_, id, fact, body, status, code) => {
      const before = await pathwaySnapshot(t);
      const res = await post(id(), fact, body()).expect(status);
      if (status === 409) expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { pathwayCode: code }, message: expect.any(String) });
      else expect(res.body.code).toBe(code);
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('a person that does not exist is 404', async () => {
      await post(randomUUID(), 'referrals', referral()).expect(404);
      await t.http.get(`/api/v1/people/${randomUUID()}/timeline`).set(bearer(w.officer.token)).expect(404);
    });
  });

  describe('who may record and who may read', () => {
    let person: { id: string };
    beforeAll(async () => {
      person = await newPathwayPerson(t, w);
    });

    it('a partner may not record (403); an organisation outside the operation is told the person does not exist (404)', async () => {
      const before = await pathwaySnapshot(t);
      await post(person.id, 'referrals', referral(), w.partner.token).expect(403);
      await post(person.id, 'missing', { reportedAt: iso() }, w.outsider.token).expect(404);
      await t.http.get(`/api/v1/people/${person.id}/timeline`).set(bearer(w.outsider.token)).expect(404);
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('the police on the roster record a referral as First Responder', async () => {
      const res = await post(person.id, 'referrals', referral(), w.policeLead.token).expect(201);
      expect(res.body.stage).toBe('awaiting_rg');
    });

    it('a partner reads the timeline, stages and deadlines, without who recorded what', async () => {
      const tl = await timeline(person.id, w.partner.token);
      expect(tl).toMatchObject({ stage: 'awaiting_rg', deadlines: [{ kind: 'rg_decision_expected' }] });
      expect(tl.history).toHaveLength(2);
      for (const h of tl.history) expect(h).not.toHaveProperty('recordedBy');
      expect(JSON.stringify(tl)).not.toMatch(/Ioana|Pathwaytest/);
    });

    it('a retried referral with the same Idempotency-Key is answered again and recorded once', async () => {
      const someone = await newPathwayPerson(t, w);
      const body = referral();
      const first = await post(someone.id, 'referrals', body).set('Idempotency-Key', `ref-${someone.id}`).expect(201);
      const again = await t.http.post(`/api/v1/people/${someone.id}/referrals`).set(bearer(w.officer.token)).set('Idempotency-Key', `ref-${someone.id}`).send(body).expect(201);
      expect(again.body).toEqual(first.body);
      const { rows } = await t.db.query(`select count(*)::int as n from referral where person_id = $1`, [someone.id]);
      expect(rows[0].n).toBe(1);
    });

    it('the pathway outlives the reception centre: decisions are recorded after the operation closes', async () => {
      const op = await newOperation(t, w.officer, { status: 'active' });
      const registered = await t.http
        .post(`/api/v1/operations/${op.id}/people`)
        .set(bearer(w.officer.token))
        .send({ sex: 'female', ageCategory: 'adult', languages: [], interpreterNeeded: false, needs: {} })
        .expect(201);
      const id = registered.body.id;
      await t.http.post(`/api/v1/people/${id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'potential_victim' }).expect(200);
      await post(id, 'referrals', referral()).expect(201);
      for (const status of ['stood_down', 'closed']) {
        await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(w.officer.token)).send({ status }).expect(200);
      }
      // the centre's own work is over (triage is refused), the NRM carries on
      await t.http.post(`/api/v1/people/${id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'witness' }).expect(409);
      await post(id, 'decisions', decision('reasonable_grounds', 'negative')).expect(201);
      const tl = await timeline(id);
      expect(tl).toMatchObject({ stage: 'move_on', deadlines: [{ kind: 'move_on_ends', rule: 'move_on_after_negative_decision' }] });
    });
  });

  describe('triage goes through the pathway', () => {
    it('a potential victim re-triaged as a witness: a correction; pre-NRM deadline cancelled; the person record stays encountered', async () => {
      const person = await newPathwayPerson(t, w);
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'witness' }).expect(200);
      const row = await t.db.query(`select stage, triage_outcome from person where id = $1`, [person.id]);
      expect(row.rows[0]).toEqual({ stage: 'encountered', triage_outcome: 'witness' });
      const tl = await timeline(person.id);
      expect(tl).toMatchObject({ stage: 'not_potential_victim', deadlines: [] });
      expect(tl.history.map((h: { toStage: string; fact: { correction?: boolean } }) => [h.toStage, h.fact.correction ?? false])).toEqual([
        ['pre_nrm', false],
        ['not_potential_victim', true],
      ]);
      expect(tl.closedDeadlines).toMatchObject([{ kind: 'pre_nrm_accommodation_ends', state: 'cancelled' }]);
      // and back: a new identification starts a new pre-NRM clock
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'potential_victim' }).expect(200);
      const again = await timeline(person.id);
      expect(again).toMatchObject({ stage: 'pre_nrm', deadlines: [{ kind: 'pre_nrm_accommodation_ends', state: 'pending' }] });
    });

    it('the same triage again records nothing new', async () => {
      const person = await newPathwayPerson(t, w);
      const before = await pathwaySnapshot(t);
      await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'potential_victim' }).expect(200);
      const after = await pathwaySnapshot(t);
      expect({ ...after, events: 0, audits: 0 }).toEqual({ ...before, events: 0, audits: 0 });
    });

    it("an adult potential victim found to be a child moves to children's services; the adult deadline is cancelled", async () => {
      const person = await newPathwayPerson(t, w);
      await t.http.patch(`/api/v1/people/${person.id}`).set(bearer(w.officer.token)).send({ ageCategory: 'age_disputed' }).expect(200);
      const row = await t.db.query(`select stage from person where id = $1`, [person.id]);
      expect(row.rows[0].stage).toBe('children_services');
      const tl = await timeline(person.id);
      expect(tl).toMatchObject({ stage: 'children_services', route: 'children_services', deadlines: [], closedDeadlines: [{ state: 'cancelled' }] });
      expect(tl.history.at(-1)).toMatchObject({ cause: 'age_category', fact: { ageCategory: 'age_disputed', correction: true } });
      const changed = (await events(person.id)).filter((e) => e.type === 'person.stage_changed').map((e) => e.data.cause);
      expect(changed).toEqual(['triage', 'age_category']);
    });

    it('once referred, triage no longer moves the person (409) and nothing changes', async () => {
      const person = await newPathwayPerson(t, w);
      await post(person.id, 'referrals', referral()).expect(201);
      const before = await pathwaySnapshot(t);
      const res = await t.http.post(`/api/v1/people/${person.id}/triage`).set(bearer(w.officer.token)).send({ outcome: 'suspect' }).expect(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('merging a triaged duplicate into an untriaged record carries the triage into the kept pathway', async () => {
      const kept = await newPathwayPerson(t, w, {}, null);
      const duplicate = await newPathwayPerson(t, w);
      await t.http.post(`/api/v1/people/${kept.id}/merge`).set(bearer(w.officer.token)).send({ duplicatePersonId: duplicate.id }).expect(200);
      const tl = await timeline(kept.id);
      expect(tl).toMatchObject({ stage: 'pre_nrm', deadlines: [{ kind: 'pre_nrm_accommodation_ends' }], history: [{ type: 'triage', cause: 'merge' }] });
      expect(await deadlineRows(duplicate.id)).toEqual([{ kind: 'pre_nrm_accommodation_ends', state: 'cancelled', rule: 'pre_nrm_accommodation' }]);
      // the retired registration takes no more facts
      const res = await post(duplicate.id, 'referrals', referral()).expect(409);
      expect(res.body.code).toBe('PERSON_MERGED');
    });
  });

  describe('missing and found: the bed is held, then released when the hold runs out', () => {
    let watcher: DeadlineWatcher;
    let bedIds: string[];
    let found: { id: string; reference: string };
    let lost: { id: string; reference: string };
    let lostReportedAt: string;
    const bed = async (id: string) => (await t.db.query(`select status, out_of_service_reason as reason from bed where id = $1`, [id])).rows[0];
    const placementOf = async (personId: string) =>
      (await t.db.query(`select id, status, end_reason, ended_at from placement where person_id = $1`, [personId])).rows[0];

    beforeAll(async () => {
      watcher = t.app.get(DeadlineWatcher);
      bedIds = (await newSiteWithBeds(t, w.placement, 2)).bedIds;
      found = await newPathwayPerson(t, w);
      lost = await newPathwayPerson(t, w);
      for (const [person, bedId] of [[found, bedIds[0]], [lost, bedIds[1]]] as const) {
        await t.http.post('/api/v1/placements').set(bearer(w.officer.token)).send({ personId: person.id, bedId, from: iso(), kind: 'placement' }).expect(201);
      }
    });

    it('reported missing: stage missing, a 72-hour bed hold, the bed stays occupied, an event for the dashboard', async () => {
      const reportedAt = iso();
      const res = await post(found.id, 'missing', { reportedAt }).expect(201);
      expect(res.body).toMatchObject({ stage: 'missing', since: reportedAt });
      const kinds = res.body.deadlines.map((d: { kind: string }) => d.kind).sort();
      expect(kinds).toEqual(['bed_hold_ends', 'pre_nrm_accommodation_ends']);
      const hold = res.body.deadlines.find((d: { kind: string }) => d.kind === 'bed_hold_ends');
      expect(hold).toMatchObject({ dueAt: new Date(Date.parse(reportedAt) + 72 * H).toISOString(), rule: 'missing_bed_hold', effect: 'bed_released' });
      expect((await timeline(found.id)).returnsTo).toMatchObject({ stage: 'pre_nrm' });
      expect(await bed(bedIds[0])).toMatchObject({ status: 'occupied' });
      expect((await placementOf(found.id)).status).toBe('active');
      const missing = (await events(found.id)).filter((e) => e.type === 'person.missing');
      expect(missing).toEqual([{ type: 'person.missing', data: expect.objectContaining({ reference: found.reference, stageBefore: 'pre_nrm', operationId: w.operationId }) }]);
    });

    it('reported missing twice is refused (409)', async () => {
      const before = await pathwaySnapshot(t);
      const res = await post(found.id, 'missing', { reportedAt: iso() }).expect(409);
      expect(res.body.details.pathwayCode).toBe('ALREADY_MISSING');
      expect(await pathwaySnapshot(t)).toEqual(before);
    });

    it('found within the hold: back to pre-NRM on its original clock, the bed kept, the hold met', async () => {
      const preNrmBefore = (await timeline(found.id)).deadlines.find((d: { kind: string }) => d.kind === 'pre_nrm_accommodation_ends');
      const res = await t.http.post(`/api/v1/people/${found.id}/found`).set(bearer(w.officer.token)).send({ foundAt: iso() }).expect(200);
      expect(res.body).toMatchObject({ stage: 'pre_nrm', deadlines: [{ id: preNrmBefore.id, kind: 'pre_nrm_accommodation_ends' }] });
      const tl = await timeline(found.id);
      expect(tl.since).toBe(tl.history[0].at);
      expect(tl.closedDeadlines).toMatchObject([{ kind: 'bed_hold_ends', state: 'met' }]);
      expect(await bed(bedIds[0])).toMatchObject({ status: 'occupied' });
      expect((await placementOf(found.id)).status).toBe('active');
      const episode = await t.db.query(`select found_at, bed_released_at from missing_episode where person_id = $1`, [found.id]);
      expect(episode.rows[0]).toMatchObject({ found_at: expect.any(Date), bed_released_at: null });
      expect((await events(found.id)).filter((e) => e.type === 'person.found')).toHaveLength(1);
    });

    it('the summary lists who is missing and what is due in the next 72 hours', async () => {
      lostReportedAt = iso();
      await post(lost.id, 'missing', { reportedAt: lostReportedAt }).expect(201);
      const res = await t.http.get(`/api/v1/operations/${w.operationId}/summary`).set(bearer(w.partner.token)).expect(200);
      expect(res.body.missing).toBe(1);
      expect(res.body.missingPeople).toEqual([
        { personId: lost.id, reference: lost.reference, reportedAt: expect.any(String), bedHoldEndsAt: expect.any(String), bedReleased: false },
      ]);
      expect(Date.parse(res.body.missingPeople[0].bedHoldEndsAt)).toBe(Date.parse(lostReportedAt) + 72 * H);
      // the bed hold is due within 72 hours; pre-NRM deadlines (5 working days) are not yet
      expect(res.body.nextDeadlines).toEqual([
        expect.objectContaining({ personId: lost.id, reference: lost.reference, kind: 'bed_hold_ends', rule: 'missing_bed_hold', state: 'pending' }),
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/Ioana|Pathwaytest/);
    });

    it('the hold running out frees the bed through the placement rules, once', async () => {
      const at = (hours: number) => new Date(Date.parse(lostReportedAt) + hours * H);
      expect(await watcher.tick(at(47))).toEqual({ dueSoon: 0, overdue: 0, bedsReleased: 0, turned18: 0 });
      expect(await watcher.tick(at(50))).toEqual({ dueSoon: 1, overdue: 0, bedsReleased: 0, turned18: 0 });
      expect(await bed(bedIds[1])).toMatchObject({ status: 'occupied' });
      expect(await watcher.tick(at(73))).toEqual({ dueSoon: 0, overdue: 1, bedsReleased: 1, turned18: 0 });
      expect(await watcher.tick(at(80))).toEqual({ dueSoon: 0, overdue: 0, bedsReleased: 0, turned18: 0 });
      const placement = await placementOf(lost.id);
      expect(placement).toMatchObject({ status: 'ended', end_reason: 'missing_hold_expired' });
      // freed like any departure: turned round (cleaned) before the next person
      expect(await bed(bedIds[1])).toEqual({ status: 'out_of_service', reason: 'cleaning' });
      const episode = await t.db.query(`select bed_released_at from missing_episode where person_id = $1`, [lost.id]);
      expect(episode.rows[0].bed_released_at).toEqual(placement.ended_at);
      const raised = (await events(lost.id)).filter((e) => e.type.startsWith('deadline.') && e.data.kind === 'bed_hold_ends').map((e) => e.type);
      expect(raised).toEqual(['deadline.created', 'deadline.due_soon', 'deadline.overdue']);
      const ended = await t.db.query(`select count(*)::int as n from outbox_event where type = 'placement.ended' and data->>'placementId' = $1`, [placement.id]);
      expect(ended.rows[0].n).toBe(1);
      const audit = await t.db.query(`select count(*)::int as n from audit_event where action = 'release_held_bed' and entity_id = $1`, [lost.id]);
      expect(audit.rows[0].n).toBe(1);
    });

    it('found after the hold ran out: back on the pathway, the bed stays released', async () => {
      await t.http.post(`/api/v1/people/${lost.id}/found`).set(bearer(w.officer.token)).send({ foundAt: iso() }).expect(200);
      expect((await timeline(lost.id)).stage).toBe('pre_nrm');
      expect((await placementOf(lost.id)).status).toBe('ended');
    });

    it('someone never found leaves support (not_found) and drops off the missing list', async () => {
      const person = await newPathwayPerson(t, w);
      await post(person.id, 'missing', { reportedAt: iso() }).expect(201);
      const res = await post(person.id, 'exit', { at: iso(), outcome: 'not_found' }).expect(201);
      expect(res.body).toMatchObject({ stage: 'exited', deadlines: [] });
      const summary = await t.http.get(`/api/v1/operations/${w.operationId}/summary`).set(bearer(w.officer.token)).expect(200);
      expect(summary.body.missingPeople.map((m: { personId: string }) => m.personId)).not.toContain(person.id);
      expect(summary.body.missing).toBe(summary.body.missingPeople.length);
    });
  });

  describe('the deadline watcher', () => {
    it('raises each state change exactly once across repeated and concurrent ticks', async () => {
      const watcher = t.app.get(DeadlineWatcher);
      const person = await newPathwayPerson(t, w);
      const [deadline] = (await timeline(person.id)).deadlines;
      const due = Date.parse(deadline.dueAt);
      const raised = async () =>
        (await t.db.query(`select type from outbox_event where data->>'deadlineId' = $1 order by seq`, [deadline.id])).rows.map((r) => r.type);

      await watcher.tick(new Date(due - 25 * H));
      expect(await raised()).toEqual(['deadline.created']);
      for (let i = 0; i < 3; i++) await watcher.tick(new Date(due - 12 * H));
      expect(await raised()).toEqual(['deadline.created', 'deadline.due_soon']);
      expect((await timeline(person.id)).deadlines[0]).toMatchObject({ id: deadline.id, state: 'due_soon' });

      await Promise.all([watcher.tick(new Date(due + 1)), watcher.tick(new Date(due + 1)), watcher.tick(new Date(due + 2))]);
      await watcher.tick(new Date(due + 10 * H));
      // a watcher whose clock is behind never moves it back
      await watcher.tick(new Date(due - 12 * H));
      expect(await raised()).toEqual(['deadline.created', 'deadline.due_soon', 'deadline.overdue']);
      expect((await timeline(person.id)).deadlines[0]).toMatchObject({ id: deadline.id, state: 'overdue' });

      // an overdue deadline is still met when the pathway moves on
      await post(person.id, 'referrals', referral()).expect(201);
      expect(await raised()).toEqual(['deadline.created', 'deadline.due_soon', 'deadline.overdue', 'deadline.closed']);
    });

    it('a deadline that passed while no watcher ran goes straight to overdue, raised once', async () => {
      const watcher = t.app.get(DeadlineWatcher);
      const person = await newPathwayPerson(t, w);
      await t.db.query(`update deadline set due_at = now() - interval '1 hour', due_soon_at = now() - interval '25 hours', basis_at = now() - interval '7 days' where person_id = $1`, [person.id]);
      await watcher.tick();
      await watcher.tick();
      const { rows } = await t.db.query(
        `select d.state, array(select e.type from outbox_event e where e.data->>'deadlineId' = d.id::text order by e.seq) as raised
         from deadline d where d.person_id = $1`,
        [person.id],
      );
      expect(rows).toEqual([{ state: 'overdue', raised: ['deadline.created', 'deadline.overdue'] }]);
    });
  });
});

describe('choosing the deadline policy', () => {
  it('refuses an unknown policy name at start', () => {
    expect(() => loadConfig({ DEADLINE_POLICY: 'lenient' })).toThrow(ConfigError);
    expect(loadConfig({}).DEADLINE_POLICY).toBe('councilPractice45');
  });

  it('statutory30: a positive RG decision today gives the 30-day statutory minimum recovery period (law from 30 Jan 2023)', async () => {
    const t = await startTestApp({ DEADLINE_POLICY: 'statutory30', DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    try {
      const w = await newPathwayWorld(t);
      const person = await newPathwayPerson(t, w);
      await t.http
        .post(`/api/v1/people/${person.id}/referrals`)
        .set(bearer(w.officer.token))
        .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
        .expect(201);
      const decidedAt = iso();
      const res = await t.http
        .post(`/api/v1/people/${person.id}/decisions`)
        .set(bearer(w.officer.token))
        .send({ kind: 'reasonable_grounds', outcome: 'positive', decidedAt })
        .expect(201);
      expect(res.body.deadlines).toMatchObject([
        { kind: 'recovery_period_minimum_ends', dueAt: calendarDaysAfter(decidedAt, 30), policyVersion: 'statutory30@2023-01-30' },
      ]);
    } finally {
      await t.close();
    }
  });
});
