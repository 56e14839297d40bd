import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeadlineWatcher } from '../../apps/api/src/pathway/deadline-watcher';
import { iso, newPathwayPerson, newPathwayWorld, PathwayWorld } from '../support/pathway-factories';
import { newSiteWithBeds } from '../support/placement-world';
import { bearer } from '../support/test-app';
import { ARTIFACTS, Journey, PASSWORD, signIn, signInByKeyboard, startWebTest, WebTest } from './support/browser';

jest.setTimeout(240_000);

const SCREENSHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * The case worker's part of the web application in a real browser: each person's case page, a form for
 * every fact, the worklist and the hand-over summary. People are registered through the API (the desk
 * is another page's test); everything after that is done on the pages, as a case worker would.
 */
describe('casework in the browser', () => {
  let web: WebTest;
  let w: PathwayWorld;
  let j: Journey;
  const officer = () => ({ email: w.officer.email, password: PASSWORD });
  const heading = async () => (await j.page.locator('h1').textContent())?.trim();
  const history = async (personId: string) =>
    (await web.t.db.query(`select fact->>'type' as type from pathway_event where person_id = $1 order by id`, [personId])).rows.map((r) => r.type);

  beforeAll(async () => {
    web = await startWebTest({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(web.t);
  });
  afterAll(async () => web?.close());
  beforeEach(async () => (j = await web.journey()));
  afterEach(() => j.assertEveryPageChecked());

  /** Opens the fact's form from the case page by its action, fills it, sends it; back on the case page. */
  async function recordOnCase(action: string, fill: (j: Journey) => Promise<void>, button = action) {
    // The case's actions are GOV.UK buttons made of links (role "button").
    await j.click(j.page.getByRole('button', { name: action, exact: true }));
    await fill(j);
    await j.submit(button);
  }
  /** On the case page of `person`; if a form was refused instead, say what it said. */
  async function expectOnCase(person: { reference: string }) {
    const h1 = await heading();
    if (h1 !== person.reference) throw new Error(`on "${h1}", not the case: ${await j.page.locator('.govuk-error-summary').textContent().catch(() => '')}`);
  }
  const choose = (label: string) => j.page.getByLabel(label, { exact: true }).check();

  async function triageAsPotentialVictim() {
    await recordOnCase('Record triage', async () => choose('Potential victim'), 'Save triage');
  }

  async function refer(kind: 'nrm' | 'duty_to_notify', consent: boolean) {
    await recordOnCase('Record referral', async () => {
      await choose(kind === 'nrm' ? 'Referral into the National Referral Mechanism (NRM)' : 'Duty to notify the Home Office');
      await j.page.getByRole('group', { name: 'Has the person given informed consent?' }).getByLabel(consent ? 'Yes' : 'No', { exact: true }).check();
      await j.page.getByLabel('First responder organisation').selectOption({ label: (await policeName()) });
    });
  }
  const policeName = async () => (await web.t.db.query(`select name from organisation where id = $1`, [w.police.id])).rows[0].name as string;

  async function decide(kind: 'Reasonable Grounds decision' | 'Conclusive Grounds decision', outcome: 'Positive' | 'Negative') {
    await recordOnCase('Record decision', async () => {
      await choose(kind);
      await choose(outcome);
    });
  }

  async function exit(outcome: string) {
    await recordOnCase('Record exit', async () => choose(outcome));
  }

  async function expectStage(words: string) {
    await expect(j.page.locator('.govuk-summary-list').first().textContent()).resolves.toContain(words);
  }

  it('an adult who consents, from triage to exit: every fact on the timeline with who and when, deadlines with rule and source', async () => {
    const person = await newPathwayPerson(web.t, w, { givenName: 'Maria', familyName: 'Consenting' }, null);
    await signIn(j, officer(), `/people/${person.id}`);
    expect(await heading()).toBe(person.reference);
    await expectStage('Encountered, not yet triaged');

    await triageAsPotentialVictim();
    await expect(j.page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain(`Triage recorded for ${person.reference}`);
    await expectStage('Pre-NRM support');
    await expect(j.page.getByText('Pre-NRM accommodation ends').first().isVisible()).resolves.toBe(true);

    await refer('nrm', true);
    await expectStage('Awaiting the Reasonable Grounds decision');
    const next = j.page.locator('.govuk-summary-list').first();
    await expect(next.textContent()).resolves.toMatch(/Reasonable Grounds decision expected \(target\)[\s\S]*rg_decision_target/);
    await saveScreenshots(j, 'case-awaiting-rg');

    await decide('Reasonable Grounds decision', 'Positive');
    await expectStage('Recovery period');
    await decide('Conclusive Grounds decision', 'Positive');
    await expectStage('Move-on support');
    await exit('Moved to settled accommodation');
    await expectStage('Left support');

    expect(await history(person.id)).toEqual(['triage', 'referral', 'decision', 'decision', 'exit']);
    const timeline = j.page.getByRole('table', { name: /Every fact recorded/ });
    await expect(timeline.textContent()).resolves.toContain('Referred into the NRM, with consent');
    await expect(timeline.textContent()).resolves.toContain('Test housing_officer emergency_planner');
    // No actions are left on a closed case, but the hand-over summary is.
    await expect(j.page.getByRole('button', { name: 'Record decision' }).count()).resolves.toBe(0);
    await saveScreenshots(j, 'case-exited');
  });

  it('an adult who declines: duty to notify, then exit; an NRM referral without consent is refused in words', async () => {
    const person = await newPathwayPerson(web.t, w, {}, null);
    await signIn(j, officer(), `/people/${person.id}`);
    await triageAsPotentialVictim();
    await refer('nrm', false);
    // Refused: the form again, the reason in the error summary and beside the consent question.
    expect(await heading()).toBe('Record a referral');
    await expect(j.page.locator('.govuk-error-summary').textContent()).resolves.toContain('only with their informed consent');
    await expect(j.page.locator('#consent-error').textContent()).resolves.toContain('only with their informed consent');
    await saveScreenshots(j, 'referral-refused');
    await choose('Duty to notify the Home Office');
    await j.submit('Record referral');
    await expectStage('Duty to notify (local support only)');
    await exit('Declined support');
    expect(await history(person.id)).toEqual(['triage', 'referral', 'exit']);
  });

  it('a child, from triage to exit: referred without consent, on the children\'s route', async () => {
    const person = await newPathwayPerson(web.t, w, { ageCategory: 'child' }, null);
    await signIn(j, officer(), `/people/${person.id}`);
    await triageAsPotentialVictim();
    await expectStage("With children's services");
    await expect(j.page.locator('.govuk-summary-list').first().textContent()).resolves.toContain("Children's services");
    await refer('nrm', false);
    await expectStage('Awaiting the Reasonable Grounds decision');
    await decide('Reasonable Grounds decision', 'Positive');
    await exit("In children's services' care");
    expect(await history(person.id)).toEqual(['triage', 'referral', 'decision', 'exit']);
  });

  it('a negative Reasonable Grounds decision reconsidered and overturned: into the recovery period from the new decision', async () => {
    const person = await newPathwayPerson(web.t, w);
    await web.t.http
      .post(`/api/v1/people/${person.id}/referrals`)
      .set(bearer(w.officer.token))
      .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
      .expect(201);
    await signIn(j, officer(), `/people/${person.id}`);
    await decide('Reasonable Grounds decision', 'Negative');
    await expectStage('Move-on support');
    await recordOnCase('Record reconsideration request', async () => choose('Reasonable Grounds decision'));
    await expect(j.page.locator('.govuk-summary-list').first().textContent()).resolves.toMatch(
      /Reconsideration of the negative Reasonable Grounds decision requested on .*: awaiting the outcome/,
    );
    await saveScreenshots(j, 'case-reconsideration-pending');
    // The worklist says it is waiting for an outcome.
    await j.visit('/worklist');
    await expect(j.page.getByRole('table', { name: /Waiting for an outcome/ }).textContent()).resolves.toContain(person.reference);
    await j.click(j.page.getByRole('table', { name: /Waiting for an outcome/ }).getByRole('link', { name: person.reference }));
    await recordOnCase('Record reconsideration outcome', async () => choose('Overturned'));
    await expectStage('Recovery period');
    await expect(j.page.getByRole('table', { name: 'Deadlines running now' }).textContent()).resolves.toContain('Minimum recovery period ends');
    await expect(j.page.getByRole('table', { name: /Every fact recorded/ }).textContent()).resolves.toContain(
      'Reconsideration of the Reasonable Grounds decision: overturned (now positive)',
    );
    expect(await history(person.id)).toEqual(['triage', 'referral', 'decision', 'reconsideration_requested', 'reconsideration_decided']);
  });

  it("an age assessment: a young person whose age was disputed is assessed as an adult and moves to the adult route", async () => {
    const person = await newPathwayPerson(web.t, w, { ageCategory: 'age_disputed' });
    await signIn(j, officer(), `/people/${person.id}`);
    await expectStage("With children's services");
    await recordOnCase('Record age assessment', async () => choose('An adult'));
    await expectStage('Pre-NRM support');
    await expect(j.page.locator('.govuk-summary-list').first().textContent()).resolves.toContain('Adult services');
    await expect(j.page.getByRole('table', { name: 'Deadlines running now' }).textContent()).resolves.toContain('Pre-NRM accommodation ends');
    await expect(j.page.getByRole('table', { name: /Every fact recorded/ }).textContent()).resolves.toContain('Age assessed: an adult');
    // Assessed, the age is no longer disputed: nothing more to assess.
    await expect(j.page.getByRole('button', { name: 'Record age assessment' }).count()).resolves.toBe(0);
    expect(await history(person.id)).toEqual(['triage', 'age_assessed']);
  });

  it('a form with nothing filled in says what to enter, in the error summary linked to each field', async () => {
    const person = await newPathwayPerson(web.t, w);
    await signIn(j, officer(), `/people/${person.id}/record/decision`);
    await j.page.getByLabel('When was it decided?').fill('');
    await j.submit('Record decision');
    const summary = j.page.locator('.govuk-error-summary');
    await expect(summary.locator('a[href="#kind"]').textContent()).resolves.toContain('Select which decision');
    await expect(summary.locator('a[href="#outcome"]').textContent()).resolves.toContain('Select the outcome');
    await expect(summary.locator('a[href="#decidedAt"]').textContent()).resolves.toContain('Enter the date and time of the decision');
    expect(await j.page.title()).toBe('Error: Record a decision – Safe Harbour');
    // A decision before any referral: refused by the pathway, in its own words.
    await choose('Reasonable Grounds decision');
    await choose('Positive');
    await j.page.getByLabel('When was it decided?').fill(londonNow());
    await j.submit('Record decision');
    await expect(summary.textContent()).resolves.toContain('needs an NRM referral first');
    await saveScreenshots(j, 'decision-errors');
    expect(await history(person.id)).toEqual(['triage']);
  });

  it('never records a fact twice: a double click, and the same form sent again, record one referral', async () => {
    const person = await newPathwayPerson(web.t, w);
    await signIn(j, officer(), `/people/${person.id}/record/referral`);
    await choose('Referral into the National Referral Mechanism (NRM)');
    await j.page.getByRole('group', { name: 'Has the person given informed consent?' }).getByLabel('Yes', { exact: true }).check();
    await j.page.getByLabel('First responder organisation').selectOption({ label: await policeName() });
    // What the browser is about to send, kept to send again later.
    const form = (await j.page.evaluate(`(() => {
      const f = document.querySelector('form[data-submit-once]');
      return { action: f.action, fields: Object.fromEntries(new FormData(f)) };
    })()`)) as { action: string; fields: Record<string, string> };
    const loaded = j.page.waitForEvent('load');
    await j.page.getByRole('button', { name: 'Record referral' }).dblclick();
    await loaded;
    await j.expectAxeClean();
    await expectOnCase(person);
    // The same rendered form posted again (the back button, a retry on a poor connection): nothing new.
    const again = await j.page.request.post(form.action, { form: form.fields, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(`/people/${person.id}`);
    expect(await history(person.id)).toEqual(['triage', 'referral']);
    expect((await web.t.db.query(`select count(*)::int as n from referral where person_id = $1`, [person.id])).rows[0].n).toBe(1);
  });

  it('a missing episode with its bed hold: on the case and the worklist, cleared from the worklist when found', async () => {
    const person = await newPathwayPerson(web.t, w);
    const site = await newSiteWithBeds(web.t, w.placement, 1, { name: `Harbour View ${person.reference}` });
    await web.t.http.post('/api/v1/placements').set(bearer(w.officer.token)).send({ personId: person.id, bedId: site.bedIds[0], from: iso(-60_000), kind: 'placement' }).expect(201);
    await signIn(j, officer(), `/people/${person.id}`);
    await expect(j.page.getByText(`Harbour View ${person.reference}, bed`).first().isVisible()).resolves.toBe(true);
    await recordOnCase('Report missing', async () => undefined);
    await expectStage('Missing');
    await expect(j.page.locator('.govuk-summary-list').first().textContent()).resolves.toContain('Returns to when found');
    await expect(j.page.getByRole('table', { name: 'Deadlines running now' }).textContent()).resolves.toContain('Held bed is released');
    // The bed is held, not freed: the placement is still current.
    await expect(j.page.getByText(`Harbour View ${person.reference}, bed`).first().isVisible()).resolves.toBe(true);

    await j.visit('/worklist');
    const row = j.page.getByRole('row').filter({ has: j.page.getByRole('link', { name: person.reference }) }).filter({ hasText: 'Held bed is released' });
    await expect(row.count()).resolves.toBe(1);
    await saveScreenshots(j, 'worklist');
    await j.click(row.getByRole('link', { name: person.reference }));
    expect(await heading()).toBe(person.reference);

    await recordOnCase('Record found', async () => undefined);
    await expectStage('Pre-NRM support');
    await j.visit('/worklist');
    await expect(j.page.getByRole('row').filter({ hasText: person.reference }).filter({ hasText: 'Held bed is released' }).count()).resolves.toBe(0);
    await j.visit('/worklist?state=met');
    await expect(j.page.getByRole('row').filter({ hasText: person.reference }).filter({ hasText: 'Held bed is released' }).count()).resolves.toBe(1);
  });

  it('the worklist shows each due item with its state, counts by state, sorts, filters, and clears an item when met', async () => {
    const person = await newPathwayPerson(web.t, w);
    await web.t.http
      .post(`/api/v1/people/${person.id}/referrals`)
      .set(bearer(w.officer.token))
      .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
      .expect(201);
    const missing = await newPathwayPerson(web.t, w);
    // A missing report cannot be dated before triage: the watcher's own clock does the waiting instead.
    await web.t.http.post(`/api/v1/people/${missing.id}/missing`).set(bearer(w.officer.token)).send({ reportedAt: iso() }).expect(201);
    const hold = (await web.t.db.query(`select due_at from deadline where person_id = $1 and kind = 'bed_hold_ends'`, [missing.id])).rows[0].due_at as Date;
    await web.t.app.get(DeadlineWatcher).tick(new Date(hold.getTime() + 60_000));

    await signIn(j, officer(), '/worklist?horizonDays=14');
    expect(await heading()).toBe('Worklist');
    const rowOf = (ref: string, what: string) => j.page.getByRole('row').filter({ has: j.page.getByRole('link', { name: ref, exact: true }) }).filter({ hasText: what });
    await expect(rowOf(person.reference, 'Reasonable Grounds decision expected').count()).resolves.toBe(1);
    await expect(rowOf(missing.reference, 'Held bed is released').textContent()).resolves.toContain('Overdue');
    const overdueCount = Number(await j.page.locator('[data-count="overdue"]').textContent());
    expect(overdueCount).toBeGreaterThanOrEqual(1);
    // Overdue first.
    await expect(j.page.getByRole('table').locator('tbody tr').first().textContent()).resolves.toContain('Overdue');

    // Sort by reference with the column heading, then filter to overdue with its count.
    await j.click(j.page.getByRole('link', { name: /^Reference/ }));
    const refs = await j.page.getByRole('table').locator('tbody tr td:first-child').allTextContents();
    expect(refs.map((r) => r.trim())).toEqual([...refs.map((r) => r.trim())].sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true })));
    await j.click(j.page.locator('a.app-count').filter({ hasText: 'Overdue' }));
    const states = await j.page.getByRole('table').locator('tbody tr').allTextContents();
    expect(states.length).toBe(overdueCount);
    expect(states.every((s) => s.includes('Overdue'))).toBe(true);

    // The RG decision is recorded (elsewhere): the item is cleared.
    await web.t.http.post(`/api/v1/people/${person.id}/decisions`).set(bearer(w.officer.token)).send({ kind: 'reasonable_grounds', outcome: 'positive', decidedAt: iso() }).expect(201);
    await j.visit('/worklist?horizonDays=14');
    await expect(rowOf(person.reference, 'Reasonable Grounds decision expected').count()).resolves.toBe(0);
    await j.visit('/worklist?state=met&horizonDays=14');
    await expect(rowOf(person.reference, 'Reasonable Grounds decision expected').textContent()).resolves.toContain('Met');
  });

  it('updates itself over the live socket: a new deadline appears on an open worklist without reloading', async () => {
    await signIn(j, officer(), '/worklist?horizonDays=14');
    await j.page.locator('[data-worklist-live][data-live-mode="socket"]').waitFor({ timeout: 15_000 });
    const person = await newPathwayPerson(web.t, w);
    await web.t.http
      .post(`/api/v1/people/${person.id}/referrals`)
      .set(bearer(w.officer.token))
      .send({ kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id })
      .expect(201);
    // Well inside the fallback poll's 30 seconds: the event brought it.
    await j.page.getByRole('link', { name: person.reference, exact: true }).first().waitFor({ timeout: 15_000 });
    await j.expectAxeClean();
  });

  it('show identity: hidden until asked, then shown and audited; a partner sees the narrow view and no identity action', async () => {
    const person = await newPathwayPerson(web.t, w, { givenName: 'Elena', familyName: 'Identitytest', dateOfBirth: '1994-05-06' });
    const reads = async () => Number((await web.t.db.query(`select count(*) from audit_event where action = 'read_personal_data' and entity_id = $1`, [person.id])).rows[0].count);
    await signIn(j, officer(), `/people/${person.id}`);
    await expect(j.page.content()).resolves.not.toContain('Identitytest');
    const before = await reads();
    await j.submit('Show identity');
    await expect(j.page.getByText('Identitytest').isVisible()).resolves.toBe(true);
    await expect(j.page.getByText('6 May 1994').isVisible()).resolves.toBe(true);
    expect(await reads()).toBe(before + 1);
    await saveScreenshots(j, 'case-identity');

    await j.visit(`/people/${person.id}/handover?identity=include`);
    await expect(j.page.getByText('Identitytest').isVisible()).resolves.toBe(true);
    expect(await reads()).toBe(before + 2);
    await j.page.emulateMedia({ media: 'print' });
    await expect(j.page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).resolves.toBe(false);
    await j.page.emulateMedia({ media: 'screen' });
    await saveScreenshots(j, 'handover');

    const partner = await web.journey();
    await signIn(partner, { email: w.partner.email, password: PASSWORD }, `/people/${person.id}`);
    expect(await partner.page.locator('h1').textContent()).toContain(person.reference);
    await expect(partner.page.getByRole('button', { name: 'Show identity' }).count()).resolves.toBe(0);
    await expect(partner.page.getByRole('button', { name: 'Record referral' }).count()).resolves.toBe(0);
    await expect(partner.page.getByRole('columnheader', { name: 'Recorded by' }).count()).resolves.toBe(0);
    await partner.visit(`/people/${person.id}/handover?identity=include`);
    await expect(partner.page.content()).resolves.not.toContain('Identitytest');
    expect(await reads()).toBe(before + 2);
    partner.assertEveryPageChecked();
  });

  it('keyboard only: sign in, open the referral form, fill it and record it without a mouse', async () => {
    const person = await newPathwayPerson(web.t, w);
    await signInByKeyboard(j, officer());
    await j.visit(`/people/${person.id}`);
    await j.tabTo(/^Record referral$/);
    await j.press('Enter');
    expect(await heading()).toBe('Record a referral');
    await j.tabTo('Referral into the National Referral Mechanism (NRM)');
    await j.page.keyboard.press('Space');
    await j.tabTo(/^Yes$/);
    await j.page.keyboard.press('Space');
    await j.tabTo('First responder organisation');
    await j.page.keyboard.type((await policeName()).slice(0, 12));
    await j.tabTo(/^Record referral$/);
    await j.press('Enter');
    await expectOnCase(person);
    expect(await history(person.id)).toEqual(['triage', 'referral']);
  });
});

function londonNow(): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Screenshots at 1280 and 320 px, kept in docs/screenshots/ for the documentation. */
async function saveScreenshots(j: Journey, name: string) {
  await j.screenshot(`casework-${name}`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [1280, 320]) copyFileSync(join(ARTIFACTS, `casework-${name}-${width}.png`), join(SCREENSHOTS, `casework-${name}-${width}.png`));
}
