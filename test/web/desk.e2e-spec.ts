import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newUser, TestUser } from '../support/factories';
import { newOperation, newOperationWorld, OperationWorld } from '../support/operations-factories';
import { bearer } from '../support/test-app';
import { ARTIFACTS, eventually, Journey, PASSWORD, signIn, startWebTest, WebTest } from './support/browser';

/**
 * The reception-centre desk in the browser: fast keyboard-first registration with the reference shown
 * large, triage, station queues, missing and found, merging a duplicate with a confirmation step, and the
 * offline queue (kept in IndexedDB, sent in order with its idempotency keys, conflicts shown).
 */
describe('the reception desk in a browser', () => {
  let web: WebTest;
  let w: OperationWorld;
  let desk: TestUser;
  let op: { id: string; code: string };
  let j: Journey;
  const deskUrl = () => `/operations/${op.id}/desk`;
  const officer = () => ({ email: desk.email, password: PASSWORD });
  const count = async (operationId = op.id) =>
    Number((await web.t.db.query(`select count(*)::int as n from person where operation_id = $1`, [operationId])).rows[0].n);

  beforeAll(async () => {
    web = await startWebTest();
    w = await newOperationWorld(web.t);
    desk = await newUser(web.t, w.council.id, ['reception_officer']);
    op = await newOperation(web.t, w.planner, { name: 'Operation Harbour', code: 'HAR', status: 'active' });
  });
  afterAll(async () => web?.close());
  beforeEach(async () => (j = await web.journey()));
  afterEach(() => j.assertEveryPageChecked());

  /** The success banner's text; when there is none, the error summary's, so a refusal is visible in the failure. */
  const banner = async () => {
    if (await j.page.locator('.govuk-error-summary').count()) return `ERROR: ${await j.page.locator('.govuk-error-summary').textContent()}`;
    return j.page.locator('.govuk-notification-banner--success').textContent();
  };

  it('starts the desk officer at the desk; registers with the reference shown large; refuses an incomplete form in words', async () => {
    await signIn(j, officer());
    expect(new URL(j.page.url()).pathname).toBe(deskUrl());
    await expect(j.page.locator('h1').textContent()).resolves.toBe('Reception desk');

    await j.submit('Register');
    await expect(j.page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the person’s sex');
    await expect(j.page.locator('#ageCategory-error').textContent()).resolves.toContain('Select adult, child or age disputed');

    await j.page.getByLabel('Female').check();
    await j.page.getByLabel('Adult').check();
    await j.page.getByLabel('Languages').fill('Romanian, English');
    await j.page.getByLabel('Interpreter needed').check();
    await j.submit('Register');
    await expect(j.page.getByTestId('new-reference').textContent()).resolves.toBe('HAR-001');
    const size = Number(await j.page.evaluate(`parseFloat(getComputedStyle(document.querySelector('[data-testid="new-reference"]')).fontSize)`));
    expect(size).toBeGreaterThanOrEqual(48);
    const row = j.page.getByTestId('people').locator('tr', { hasText: 'HAR-001' });
    await expect(row.textContent()).resolves.toContain('Romanian, English (interpreter needed)');
    await expect(row.textContent()).resolves.toContain('Not triaged');
  });

  it('registers 10 people in under 2 minutes with the keyboard alone', async () => {
    await signIn(j, officer(), deskUrl());
    const before = await count();
    const started = Date.now();
    const axeBefore = j.axeMs;
    for (let i = 0; i < 10; i++) {
      // The first field has focus when the page opens: Space picks "Female", Tab goes to the next question.
      await expect(j.focusedName()).resolves.toBe('Female');
      await j.page.keyboard.press(i % 2 ? 'ArrowRight' : 'Space'); // Male for every other person
      await j.page.keyboard.press('Tab');
      await j.page.keyboard.press('Space'); // Adult
      await j.page.keyboard.press('Tab');
      await j.page.keyboard.type('Vietnamese');
      await j.press('Enter');
      await expect(j.page.getByTestId('new-reference').textContent()).resolves.toMatch(/^HAR-\d{3}$/);
    }
    // The person's time: the axe checks the test makes on each page are left out.
    const seconds = (Date.now() - started - (j.axeMs - axeBefore)) / 1000;
    expect(seconds).toBeLessThan(120);
    expect(await count()).toBe(before + 10);
    console.log(`10 registrations by keyboard in ${seconds.toFixed(1)} s (plus ${((j.axeMs - axeBefore) / 1000).toFixed(1)} s of axe checks)`);
  }, 240_000);

  it('never creates a duplicate when a registration is sent twice (double click, lost answer)', async () => {
    await signIn(j, officer(), deskUrl());
    const before = await count();
    // The answer to the first send is lost on the way back: the browser keeps it and sends it again.
    let lost = false;
    await j.page.route('**/desk/people', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await j.page.getByLabel('Male', { exact: true }).check();
    await j.page.getByLabel('Child').check();
    await j.page.getByLabel('Languages').fill('Albanian');
    await j.page.getByRole('button', { name: 'Register' }).click();
    const waiting = j.page.locator('[data-offline-item]');
    await waiting.first().waitFor();
    await expect(waiting.first().textContent()).resolves.toContain('Not sent yet');
    await j.expectAxeClean();
    expect(await count()).toBe(before + 1);
    await j.page.evaluate(`window.dispatchEvent(new Event('online'))`);
    await j.page.locator('[data-offline-sent]').first().waitFor();
    await expect(j.page.locator('[data-offline-sent]').first().textContent()).resolves.toMatch(/Albanian: reference HAR-\d{3}/);
    await expect(waiting.count()).resolves.toBe(0);
    expect(await count()).toBe(before + 1);
  });

  it('keeps registrations made offline, shows them as not sent yet, and sends them in order when the connection returns', async () => {
    await signIn(j, officer(), deskUrl());
    const before = await count();
    await j.page.context().setOffline(true);
    for (const language of ['Polish', 'Lithuanian']) {
      // GOV.UK Frontend's button ignores a second click within a second (preventDoubleClick).
      await j.page.waitForTimeout(1100);
      await j.page.getByLabel('Female').check();
      await j.page.getByLabel('Adult').check();
      await j.page.getByLabel('Languages').fill(language);
      await j.page.getByRole('button', { name: 'Register' }).click();
      await j.page.locator('[data-offline-item]', { hasText: language }).waitFor({ timeout: 10_000 }).catch((err) => {
        throw new Error(`${err}\nconsole: ${j.consoleErrors.join(' | ')}`);
      });
    }
    await expect(j.page.locator('[data-offline-banner]').isVisible()).resolves.toBe(true);
    await expect(j.page.locator('[data-offline-item]').allTextContents()).resolves.toEqual([
      expect.stringMatching(/Not sent yet.*Polish/),
      expect.stringMatching(/Not sent yet.*Lithuanian/),
    ]);
    await j.expectAxeClean();
    expect(await count()).toBe(before);

    await j.page.context().setOffline(false);
    await eventually(() => j.page.locator('[data-offline-sent]').count(), 2);
    const sent = await j.page.locator('[data-offline-sent]').allTextContents();
    const refs = sent.map((s) => Number(/HAR-(\d{3})/.exec(s)![1]));
    expect(sent[0]).toContain('Polish');
    expect(refs[1]).toBe(refs[0] + 1); // in the order they were made
    expect(await count()).toBe(before + 2);
  });

  it('shows the desk a registration the server refused after the connection returned (the operation stood down)', async () => {
    const other = await newOperation(web.t, w.planner, { name: 'Operation Tern', code: 'TRN', status: 'active' });
    await signIn(j, officer(), `/operations/${other.id}/desk`);
    await j.page.context().setOffline(true);
    await j.page.getByLabel('Male', { exact: true }).check();
    await j.page.getByLabel('Adult').check();
    await j.page.getByLabel('Languages').fill('Tigrinya');
    await j.page.getByRole('button', { name: 'Register' }).click();
    await j.page.locator('[data-offline-item]').waitFor();
    await web.t.http.patch(`/api/v1/operations/${other.id}`).set(bearer(w.planner.token)).send({ status: 'stood_down' }).expect(200);
    await j.page.context().setOffline(false);
    const refused = j.page.locator('[data-offline-item]', { hasText: 'Not accepted' });
    await refused.waitFor({ timeout: 20_000 });
    await expect(refused.textContent()).resolves.toContain('stood down: nobody more can be registered');
    await j.expectAxeClean();
    expect(await count(other.id)).toBe(0);
    // Kept until the person at the desk says they have dealt with it.
    await j.page.reload();
    await j.expectAxeClean();
    await refused.waitFor();
    await refused.getByRole('button', { name: /dealt with this/ }).click();
    // The entry leaves the browser's store first, then the list: wait for it to go rather than race it.
    await refused.waitFor({ state: 'detached', timeout: 10_000 });
    await expect(j.page.locator('[data-offline-item]').count()).resolves.toBe(0);
  });

  it('triages (the victim-and-suspect case) and moves people through the station queues', async () => {
    await signIn(j, officer(), deskUrl());
    await j.click(j.page.getByRole('link', { name: 'Triage HAR-001' }));
    await expect(j.page.locator('h1').textContent()).resolves.toBe('Triage HAR-001');
    await j.submit('Save triage');
    await expect(j.page.locator('#outcome-error').textContent()).resolves.toContain('Select the outcome of triage');
    // The victim who is also suspected of offending (the placement issue's case).
    await j.page.getByLabel('Potential victim', { exact: true }).check();
    await j.page.getByLabel('Potential victim and suspected offender').check();
    await j.submit('Save triage');
    await expect(banner()).resolves.toContain('HAR-001: triage saved (Potential victim)');
    const [triaged] = (await web.t.db.query(`select triage_outcome, suspected_offender from person where reference = 'HAR-001'`)).rows;
    expect(triaged).toEqual({ triage_outcome: 'potential_victim', suspected_offender: true });
    await expect(j.page.getByTestId('people').locator('tr', { hasText: 'HAR-001' }).textContent()).resolves.toContain('Potential victim');

    await j.click(j.page.getByRole('button', { name: 'Start HAR-001 at Police de-brief' }));
    await expect(banner()).resolves.toContain('HAR-001 is now at Police de-brief');
    await j.click(j.page.getByRole('button', { name: 'Finish HAR-001 at Police de-brief' }));
    await expect(banner()).resolves.toContain('HAR-001 is finished at Police de-brief');

    await j.screenshot('desk');
    copyToDocs('desk-1280.png', 'desk.png');
  });

  it('shows the privacy notice at registration, with the deployment\'s retention period', async () => {
    await signIn(j, officer(), deskUrl());
    await j.page.getByText('Privacy notice: read it with the person before you register them').click(); // opens in place
    await j.expectAxeClean();
    const notice = await j.page.locator('.govuk-details .app-privacy-notice').textContent();
    expect(notice).toMatch(/How long we keep it[\s\S]*6 years after our support ends/);
    expect(await j.page.getByRole('link', { name: /Print the privacy notice/ }).getAttribute('href')).toBe('/privacy');
  });

  it('reports someone missing and found from the desk', async () => {
    await signIn(j, officer(), deskUrl());
    await j.click(j.page.getByRole('button', { name: 'Report missing HAR-001' }));
    await expect(banner()).resolves.toContain('HAR-001 is reported missing');
    await expect(j.page.getByTestId('people').locator('tr', { hasText: 'HAR-001' }).textContent()).resolves.toContain('Missing');
    await j.click(j.page.getByRole('button', { name: 'Record found HAR-001' }));
    await expect(banner()).resolves.toContain('HAR-001 has been found');
  });

  it('triages with the keyboard alone', async () => {
    await signIn(j, officer(), deskUrl());
    await j.tabTo(/^Triage HAR-002$/);
    await j.press('Enter');
    // The outcome has focus: arrow keys choose, Tab leaves the group, Enter on the button saves.
    await j.page.keyboard.press('ArrowDown'); // Suspect
    await j.tabTo(/^Save triage$/);
    await j.press('Enter');
    await expect(banner()).resolves.toContain('HAR-002: triage saved (Suspect)');
  });

  it('merges a duplicate registration only after a confirmation step', async () => {
    const planner = { email: w.planner.email, password: PASSWORD };
    await signIn(j, planner, `${deskUrl()}/merge`);
    await j.page.getByLabel('Reference to keep').fill('HAR-003');
    await j.page.getByLabel('Duplicate reference').fill('HAR-999');
    await j.submit('Continue');
    await expect(j.page.locator('#duplicate-error').textContent()).resolves.toContain('Enter the reference of the duplicate registration');
    await j.page.getByLabel('Duplicate reference').fill('HAR-004');
    await j.submit('Continue');
    await expect(j.page.locator('h1').textContent()).resolves.toBe('Check and merge the registrations');
    const [before] = (await web.t.db.query(`select merged_into_person_id from person where reference = 'HAR-004'`)).rows;
    expect(before.merged_into_person_id).toBeNull();
    await j.submit('Merge HAR-004 into HAR-003');
    await expect(banner()).resolves.toContain('Merged: HAR-003 is kept');
    const [after] = (await web.t.db.query(`select merged_into_person_id from person where reference = 'HAR-004'`)).rows;
    expect(after.merged_into_person_id).not.toBeNull();
    await expect(j.page.getByTestId('people').locator('tr', { hasText: 'HAR-004' }).count()).resolves.toBe(0);
  });
});

function copyToDocs(artifact: string, name: string) {
  const docs = resolve(__dirname, '..', '..', 'docs', 'images');
  mkdirSync(docs, { recursive: true });
  copyFileSync(join(ARTIFACTS, artifact), join(docs, name));
}
