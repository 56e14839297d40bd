import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newOperationWorld, newVenue, OperationWorld } from '../support/operations-factories';
import { ARTIFACTS, Journey, PASSWORD, signIn, signInByKeyboard, startWebTest, WebTest } from './support/browser';

/**
 * The emergency planner's journey in the browser: operations list, create (with refusals in words), edit,
 * book the reception centre with its readiness task list, the agency roster, the stages.
 */
describe('the planner in a browser', () => {
  let web: WebTest;
  let w: OperationWorld;
  let j: Journey;
  const planner = () => ({ email: w.planner.email, password: PASSWORD });

  beforeAll(async () => {
    web = await startWebTest();
    w = await newOperationWorld(web.t);
  });
  afterAll(async () => web?.close());
  beforeEach(async () => (j = await web.journey()));
  afterEach(() => j.assertEveryPageChecked());

  const heading = () => j.page.locator('h1').textContent();
  const banner = () => j.page.locator('.govuk-notification-banner--success').textContent();

  it('creates an operation, says what is wrong in words first, then edits it', async () => {
    await signIn(j, planner());
    expect(new URL(j.page.url()).pathname).toBe('/operations');
    await j.click(j.page.getByRole('button', { name: 'Create operation' }));
    await expect(heading()).resolves.toContain('Create an operation');

    // Nothing filled in: each problem in the summary, linked to its field.
    await j.page.getByLabel('Lead agency').selectOption('');
    await j.submit('Create operation');
    const summary = j.page.locator('.govuk-error-summary');
    for (const [field, text] of [
      ['name', 'Enter a name for the operation'],
      ['leadOrganisationId', 'Select the lead agency'],
      ['localAuthorityCode', 'Enter the local authority'],
      ['plannedStart', 'Enter the planned start'],
      ['expectedPeople', 'Enter how many people are expected'],
    ]) {
      await expect(summary.locator(`a[href="#${field}"]`).textContent()).resolves.toContain(text);
      await expect(j.page.locator(`#${field}-error`).textContent()).resolves.toContain(text);
    }

    await fillOperation(j, { name: 'Operation Heron', lead: w.council.id, expected: '12' });
    await j.submit('Create operation');
    await expect(heading()).resolves.toBe('Operation Heron');
    await expect(banner()).resolves.toContain('Operation Heron created');
    await expect(j.page.locator('.govuk-tag').first().textContent()).resolves.toContain('Planning');
    for (const link of ['Reception centre', 'Agencies', 'Desk', 'Live']) {
      await expect(j.page.getByRole('link', { name: link, exact: true }).count()).resolves.toBeGreaterThan(0);
    }

    await j.click(j.page.getByRole('button', { name: 'Edit operation' }));
    await j.page.getByLabel('Expected people').fill('many');
    await j.submit('Save changes');
    await expect(j.page.locator('#expectedPeople-error').textContent()).resolves.toContain('whole number');
    await j.page.getByLabel('Expected people').fill('25');
    await j.submit('Save changes');
    await expect(banner()).resolves.toContain('Operation updated');
    await expect(j.page.locator('.govuk-summary-list').textContent()).resolves.toContain('25');

    await j.visit('/operations');
    const row = j.page.locator('tr', { hasText: 'Operation Heron' });
    await expect(row.locator('.govuk-tag').textContent()).resolves.toContain('Planning');
  });

  it('books the reception centre and shows what the venue is missing, then the roster and the stages', async () => {
    // A venue without a staff room or enough beds for 25 people.
    const venue = await newVenue(web.t, { organisationId: w.council.id, name: 'Holbeck community hall', rooms: { interview: 2, communal: 1, dormitory: 1, welfare: 1 }, beds: 10 });
    await signIn(j, planner(), '/operations/new');
    await fillOperation(j, { name: 'Operation Kestrel', lead: w.council.id, expected: '25' });
    await j.submit('Create operation');
    const opUrl = new URL(j.page.url()).pathname;

    await j.click(j.page.getByRole('link', { name: 'Reception centre', exact: true }).first());
    await expect(heading()).resolves.toBe('Reception centre');
    await j.page.getByLabel('Site').selectOption(venue.id);
    await j.page.getByLabel('Opens').fill('2026-12-10T05:00');
    await j.page.getByLabel('Closes').fill('2026-12-09T05:00');
    await j.submit('Book venue');
    await expect(j.page.locator('.govuk-error-summary').textContent()).resolves.toContain('The centre must close after it opens');
    await j.page.getByLabel('Closes').fill('2026-12-13T12:00');
    await j.submit('Book venue');
    await expect(banner()).resolves.toContain('Holbeck community hall booked for 3 night(s)');
    const tasks = j.page.locator('.govuk-task-list');
    await expect(tasks.locator('li', { hasText: 'Interview rooms' }).textContent()).resolves.toMatch(/Missing 3/);
    await expect(tasks.locator('li', { hasText: 'Sleeping capacity' }).textContent()).resolves.toMatch(/Needed 25, available 10[\s\S]*Missing 15/);
    await expect(tasks.locator('li', { hasText: 'Staff room' }).textContent()).resolves.toMatch(/Missing 1/);
    await expect(tasks.locator('li', { hasText: 'Communal area' }).textContent()).resolves.toMatch(/Ready/);
    await expect(j.page.getByText('Not ready').count()).resolves.toBeGreaterThan(0);

    await j.click(j.page.getByRole('link', { name: 'Agencies', exact: true }).first());
    await j.page.getByLabel('Organisation').selectOption(w.police.id);
    await j.page.getByLabel('Present', { exact: true }).check();
    await j.page.getByLabel('Contact name').fill('DS Priya Shah');
    await j.page.getByLabel('Contact phone').fill('not a number');
    await j.submit('Add agency');
    await expect(j.page.locator('#contactPhone-error').textContent()).resolves.toContain('Enter a phone number');
    await j.page.getByLabel('Contact phone').fill('0113 496 0000');
    await j.submit('Add agency');
    await j.page.getByLabel('Organisation').selectOption(w.health.id);
    await j.page.getByLabel('On call').check();
    await j.page.getByLabel('Contact name').fill('Dr Sam Okafor');
    await j.page.getByLabel('Contact phone').fill('0113 496 0001');
    await j.submit('Add agency');
    await expect(j.page.getByTestId('present-now').textContent()).resolves.toBe('1 present now, 1 on call');
    const roster = j.page.locator('table');
    await expect(roster.locator('tr', { hasText: 'DS Priya Shah' }).textContent()).resolves.toContain('Present');
    await expect(roster.locator('tr', { hasText: 'Dr Sam Okafor' }).textContent()).resolves.toContain('On call');

    // The stages, and a refusal in words: a second click on a page that is out of date.
    await j.visit(opUrl);
    await j.screenshot('planner-operation');
    const stale = await j.page.locator('form[action$="/stage"]').evaluate((f) => f.outerHTML);
    await j.submit('Start operation');
    await expect(banner()).resolves.toContain('is now active');
    // The same form as it was before the click, as a second planner's open tab still shows it.
    await j.page.locator('main').evaluate((main, html) => main.insertAdjacentHTML('beforeend', html), stale);
    await j.submit('Start operation');
    await expect(j.page.locator('.govuk-error-summary').textContent()).resolves.toContain('The operation is active now');
    await j.submit('Stand down');
    await expect(j.page.locator('.govuk-tag').first().textContent()).resolves.toContain('Stood down');
    await j.submit('Close');
    await expect(j.page.locator('.govuk-tag').first().textContent()).resolves.toContain('Closed');
    await expect(j.page.getByRole('button', { name: 'Edit operation' }).count()).resolves.toBe(0);
    copyToDocs('planner-operation-1280.png', 'planner-operation.png');
  });

  it('a planner of another council is told the operation does not exist', async () => {
    await signIn(j, planner(), '/operations/new');
    await fillOperation(j, { name: 'Operation Wren', lead: w.council.id, expected: '3' });
    await j.submit('Create operation');
    const opUrl = new URL(j.page.url()).pathname;
    await j.click(j.page.getByRole('link', { name: 'Sign out' }));
    await signIn(j, { email: w.outsiderPlanner.email, password: PASSWORD }, opUrl);
    await expect(heading()).resolves.toBe('Page not found');
  });

  it('creates an operation with the keyboard alone', async () => {
    await signInByKeyboard(j, planner());
    await j.tabTo(/^Create operation$/);
    await j.press('Enter');
    await j.typeInto(/^Name/, 'Operation Plover');
    await j.tabTo(/^Lead agency/);
    await j.tabTo(/^Host council/);
    await j.typeInto(/^Local authority/, 'E08000035');
    await j.tabTo(/^Planned start/);
    // datetime-local typed segment by segment, in the browser's own order (this Chromium: mm dd yyyy, hh mm AM).
    await j.page.keyboard.type('12102026');
    await j.page.keyboard.press('Tab');
    await j.page.keyboard.type('0500AM');
    expect(await j.page.locator('#plannedStart').inputValue()).toBe('2026-12-10T05:00');
    await j.typeInto(/^Expected people/, '8');
    await j.tabTo(/^Create operation$/);
    await j.press('Enter');
    const problems = await j.page.locator('.govuk-error-summary').count() ? await j.page.locator('.govuk-error-summary').textContent() : '';
    expect(problems).toBe('');
    await expect(heading()).resolves.toBe('Operation Plover');
    await expect(j.page.locator('.govuk-summary-list').textContent()).resolves.toContain('10 December 2026');
  });
});

async function fillOperation(j: Journey, f: { name: string; lead: string; expected: string }) {
  await j.page.getByLabel('Name', { exact: true }).fill(f.name);
  await j.page.getByLabel('Lead agency').selectOption(f.lead);
  await j.page.getByLabel('Local authority').fill('E08000035');
  await j.page.getByLabel('Planned start').fill('2026-12-10T05:00');
  await j.page.getByLabel('Expected people').fill(f.expected);
}

/** The README's screenshots live in docs/images (the coordinator links them). */
export function copyToDocs(artifact: string, name: string) {
  const docs = resolve(__dirname, '..', '..', 'docs', 'images');
  mkdirSync(docs, { recursive: true });
  copyFileSync(join(ARTIFACTS, artifact), join(docs, name));
}
