import { readFileSync } from 'node:fs';
import { newPathwayPerson, newPathwayWorld, PathwayWorld } from '../support/pathway-factories';
import { bearer } from '../support/test-app';
import { Journey, signIn, startWebTest, webUser, WebTest } from './support/browser';

describe('administration and data protection pages', () => {
  let web: WebTest;
  let j: Journey;
  let admin: Awaited<ReturnType<typeof webUser>>;
  let w: PathwayWorld;
  beforeAll(async () => {
    // Personal data kept one day, so a test can age an exit by backdating it.
    web = await startWebTest({ RETENTION_PERSONAL_DATA: 'P1D', RETENTION_CRON: 'off' });
    admin = await webUser(web.t, ['admin']);
    w = await newPathwayWorld(web.t);
  });
  afterAll(async () => web?.close());
  beforeEach(async () => (j = await web.journey()));
  afterEach(() => j.assertEveryPageChecked());

  it('adds a user, resets their password with a one-time code, and the user sets a new one', async () => {
    await signIn(j, admin, '/admin/users');
    await j.page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await j.click(j.page.getByRole('link', { name: 'Add user' }));
    await j.page.getByLabel('Full name').fill('Priya Raman');
    await j.page.getByLabel('Email').fill('priya.raman@leeds.gov.uk');
    await j.page.getByLabel('Organisation').selectOption({ label: (await web.t.db.query(`select name from organisation where id = $1`, [w.council.id])).rows[0].name });
    await j.page.getByLabel('Housing officer').check();
    await j.page.getByLabel('First password').fill('Password1234');
    await j.submit('Add user');
    await expectText(j, '#password-error', /too easy|common/);
    await j.page.getByLabel('First password').fill('copper willow harbour ninety');
    await j.submit('Add user');
    await j.page.getByRole('heading', { level: 1, name: 'Priya Raman' }).waitFor();
    await j.screenshot('admin-user');

    await j.visit('/admin/users?q=raman');
    expect(await j.page.locator('tbody tr').count()).toBe(1);
    await j.click(j.page.getByRole('link', { name: 'Priya Raman', exact: true }));
    await j.submit('Reset password');
    const code = (await j.page.locator('[data-reset-code]').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const user = await web.journey();
    await user.visit('/reset-password');
    await user.page.getByLabel('Email').fill('priya.raman@leeds.gov.uk');
    await user.page.getByLabel('Reset code').fill(code.toLowerCase());
    await user.page.getByLabel('New password').fill('saffron canal evening bridge');
    await user.submit('Set password');
    await user.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(user, { email: 'priya.raman@leeds.gov.uk', password: 'saffron canal evening bridge' });
    expect(user.page.url()).not.toContain('/sign-in');
    user.assertEveryPageChecked();
  });

  it('reads the audit trail newest first, filters it by person, and downloads it as CSV', async () => {
    const person = await newPathwayPerson(web.t, w);
    for (const at of ['2026-11-30T09:00:00Z', '2026-11-30T15:00:00Z', '2026-11-30T12:00:00Z']) {
      await web.t.db.query(`insert into audit_event (action, entity_type, entity_id, details, at) values ('read_personal_data', 'person', $1, $2, $3)`, [
        person.id,
        JSON.stringify({ reference: person.reference }),
        at,
      ]);
    }
    await signIn(j, admin, '/admin/audit');
    await j.page.getByLabel('Person reference').fill(person.reference);
    await j.submit('Filter');
    const times = await j.page.locator('tbody time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect(times.length).toBeGreaterThanOrEqual(4); // the three reads and the registration
    expect([...times].sort().reverse()).toEqual(times);
    expect(times.slice(-3)).toEqual(['2026-11-30T15:00:00.000000Z', '2026-11-30T12:00:00.000000Z', '2026-11-30T09:00:00.000000Z']);
    await j.screenshot('admin-audit');

    const download = j.page.waitForEvent('download');
    await j.page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^When \(UTC\),User/);
    expect(csv.slice(1).every((line) => line.includes(person.reference))).toBe(true);
    expect(csv).toHaveLength(times.length + 1);
  });

  it('produces a subject access export for a person', async () => {
    const person = await newPathwayPerson(web.t, w, { givenName: 'Ilinca', familyName: 'Marin' });
    await web.t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.officer.token)).expect(200);
    await signIn(j, admin, `/people/${person.id}/subject-access`);
    await j.page.getByRole('heading', { level: 1, name: `Subject access request for ${person.reference}` }).waitFor();
    const download = j.page.waitForEvent('download');
    await j.page.getByRole('link', { name: 'Download export' }).click();
    const sar = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(sar.subject.reference).toBe(person.reference);
    expect(sar.identity[0]).toMatchObject({ given_name: 'Ilinca', family_name: 'Marin' });
    expect(sar.readBy[0]).toMatchObject({ action: 'read_personal_data' });
    await j.visit(`/people/${person.id}/viewed-by`);
    await expectText(j, 'tbody', /Subject access export[\s\S]*Saw their name or date of birth/);
  });

  it('a retention run anonymises an exited person and keeps one under a legal hold', async () => {
    const exited = await newPathwayPerson(web.t, w, { givenName: 'Rada', familyName: 'Exitedlongago' });
    const held = await newPathwayPerson(web.t, w, { givenName: 'Vera', familyName: 'Underinvestigation' });
    for (const p of [exited, held]) {
      await web.t.http.post(`/api/v1/people/${p.id}/exit`).set(bearer(w.officer.token)).send({ at: new Date().toISOString(), outcome: 'returned_home' }).expect(201);
      await web.t.db.query(`update person set exited_at = now() - interval '3 days' where id = $1`, [p.id]);
    }
    await signIn(j, admin, '/admin/retention');
    await j.page.getByLabel('Person reference').fill(held.reference);
    await j.page.getByLabel('Reason').fill('West Yorkshire Police investigation: live');
    await j.submit('Place legal hold');
    await expectText(j, '.govuk-notification-banner--success', new RegExp(`Legal hold placed on ${held.reference}`));
    await j.screenshot('admin-retention');
    await j.submit('Run retention now');
    await j.page.getByRole('heading', { level: 1, name: 'Retention run report' }).waitFor();
    const row = (ref: string) => j.page.locator('tbody tr', { hasText: ref });
    await expectText(j, row(exited.reference), /Anonymised/);
    await expectText(j, row(held.reference), /Kept: legal hold/);
    const names = await web.t.db.query(`select person_id, given_name from person_identity where person_id = any($1::uuid[])`, [[exited.id, held.id]]);
    expect(Object.fromEntries(names.rows.map((r) => [r.person_id, r.given_name]))).toEqual({ [exited.id]: null, [held.id]: 'Vera' });
  });

  it('deactivating a user takes their open page away from them; reactivating gives it back', async () => {
    const officer = await webUser(web.t, ['emergency_planner'], w.council.id);
    const theirs = await web.journey();
    await signIn(theirs, officer, '/operations');
    await theirs.page.getByRole('heading', { level: 1, name: 'Operations' }).waitFor();

    await signIn(j, admin, `/admin/users?q=${encodeURIComponent(officer.email)}`);
    await j.submit(/^Deactivate/);
    await expectText(j, '.govuk-notification-banner--success', /has been deactivated/);

    // Their next move on the page they had open finds them signed out.
    await theirs.visit('/operations');
    expect(theirs.page.url()).toContain('/sign-in');
    await web.t.http.post('/api/v1/auth/login').send({ email: officer.email, password: officer.password }).expect(401);

    await j.visit(`/admin/users/${officer.id}`);
    await j.submit('Reactivate');
    await web.t.http.post('/api/v1/auth/login').send({ email: officer.email, password: officer.password }).expect(200);
    theirs.assertEveryPageChecked();
  });

  it('every admin page passes axe, and the privacy notice is public', async () => {
    await j.visit('/privacy');
    await j.page.getByRole('heading', { level: 2, name: 'Your rights' }).waitFor();
    await expectText(j, '.app-privacy-notice', /notes about you 1 day after our support ends/); // this deployment's schedule
    await signIn(j, admin, '/admin/organisations');
    await j.page.getByLabel('Name', { exact: true }).fill('Kirklees Council');
    await j.page.getByLabel('Kind').selectOption('council');
    await j.page.getByLabel('Local authority code').fill('e08000034');
    await j.submit('Add organisation');
    await j.page.locator('tbody tr', { hasText: 'Kirklees Council' }).waitFor();
    const kirklees = () => j.page.locator('tbody tr', { hasText: 'Kirklees Council' });
    await j.click(kirklees().getByRole('button', { name: /^Remove designation/ }));
    await expectText(j, kirklees(), /Not a first responder/);
    await j.click(kirklees().getByRole('button', { name: /^Designate first responder/ }));
    await expectText(j, '.govuk-notification-banner--success', /Kirklees Council is now designated a first responder/);
    await j.visit('/admin/users/new');
    await j.submit('Add user'); // an empty form: the error summary must pass axe too
    await j.page.locator('.govuk-error-summary').waitFor();
    await j.visit('/admin/audit?personReference=nonsense');
    await j.visit('/admin/retention');
  });
});

async function expectText(j: Journey, target: string | ReturnType<Journey['page']['locator']>, pattern: RegExp): Promise<void> {
  const locator = typeof target === 'string' ? j.page.locator(target).first() : target;
  await expect(locator.textContent()).resolves.toMatch(pattern);
}
