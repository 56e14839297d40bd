import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newOrganisation } from '../support/factories';
import { AREA, DEFAULT_SITE_ATTRIBUTES } from '../support/placement-world';
import { bearer } from '../support/test-app';
import { ARTIFACTS, Journey, signIn, startWebTest, webUser, WebTest } from './support/browser';

/**
 * The housing officer's part of the web application, in a real browser: the inventory, void readiness,
 * the CSV import, the bed finder, placements, the turnaround board and costs. Every page is axe-checked;
 * screenshots at 1280 and 320 px are copied into docs/screenshots/.
 */
const ROOT = resolve(__dirname, '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');

// Each page load runs axe: a journey of twenty pages takes a minute or two on a busy machine.
jest.setTimeout(240_000);

describe('web: the housing officer', () => {
  let web: WebTest;
  let j: Journey;
  let councilId: string;
  let officer: Awaited<ReturnType<typeof webUser>>;

  beforeAll(async () => {
    web = await startWebTest();
    councilId = (await newOrganisation(web.t, { name: 'Leeds City Council (web test)', kind: 'council', localAuthorityCode: AREA })).id;
    officer = await webUser(web.t, ['housing_officer', 'emergency_planner'], councilId);
  });
  afterAll(async () => web?.close());
  beforeEach(async () => (j = await web.journey()));
  afterEach(() => j.assertEveryPageChecked());

  /** Screenshots at 1280 and 320 px (the harness fails if 320 px scrolls sideways), kept in docs/screenshots. */
  async function shoot(name: string) {
    await j.screenshot(name);
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1280, 320]) copyFileSync(join(ARTIFACTS, `${name}-${width}.png`), join(SHOTS, `${name}-${width}.png`));
  }

  const heading = async () => (await j.page.locator('h1').textContent())?.trim();
  const banner = async () => (await j.page.locator('.govuk-notification-banner--success').textContent())?.replace(/\s+/g, ' ').trim();

  it('adds a site with rooms and beds, takes a bed out of service and returns it', async () => {
    await signIn(j, officer, '/sites');
    expect(await heading()).toBe('Accommodation');
    await j.click(j.page.getByRole('link', { name: 'Add site' }));
    expect(await heading()).toBe('Add a site');
    // a form with a mistake shows the error summary and the message at the field
    await j.submit('Add site');
    expect(await j.page.locator('.govuk-error-summary').textContent()).toContain('Enter the site’s name');
    await j.page.getByLabel('Name').fill('Ash House');
    await j.page.getByLabel('Type').selectOption('hostel');
    await j.page.getByLabel('Address').fill('1 Example Road, Leeds LS1 1AA');
    await j.page.getByLabel('Local authority').fill(AREA);
    await j.page.getByLabel('Takes families').check();
    await shoot('site-new');
    await j.submit('Add site');
    expect(await heading()).toBe('Ash House');
    expect(await banner()).toContain('Ash House added');

    await j.page.getByLabel('Room name').fill('Dormitory A');
    await j.page.getByLabel('Kind of room').selectOption('dormitory');
    await j.submit('Add room');
    for (const label of ['A1', 'A2', 'A3']) {
      await j.page.getByLabel('Bed label').fill(label);
      await j.page.getByLabel('Room', { exact: true }).selectOption({ label: 'Dormitory A' });
      await j.submit('Add bed');
      expect(await banner()).toContain(`Bed ${label} added`);
    }
    const beds = j.page.locator('#beds ~ div table tbody tr');
    await expectBedTag(j, 'A1', 'Available');

    await j.page.getByLabel('Reason for bed A2').selectOption('repair');
    await j.click(j.page.getByRole('button', { name: /Take out of service.*bed A2/ }));
    expect(await banner()).toContain('Bed A2 is out of service (repair)');
    await expectBedTag(j, 'A2', 'Out of service: repair');
    expect(await beds.count()).toBe(3);
    await shoot('site');
    await j.click(j.page.getByRole('button', { name: /Return to service.*bed A2/ }));
    await expectBedTag(j, 'A2', 'Available');
    expect(await j.page.getByText('Address withheld').count()).toBe(0);

    // edit the site
    await j.click(j.page.getByRole('link', { name: /Change the site’s details/ }));
    await j.page.getByLabel('Name').fill('Ash House Hostel');
    await j.submit('Save changes');
    expect(await heading()).toBe('Ash House Hostel');

    // the list with its filters
    await j.visit('/sites?type=hostel');
    expect(await j.page.getByRole('link', { name: 'Ash House Hostel' }).count()).toBe(1);
    await j.visit('/sites?type=refuge');
    expect(await j.page.getByRole('link', { name: 'Ash House Hostel' }).count()).toBe(0);
    await j.visit('/sites?freeBed=yes&readiness=ready');
    expect(await j.page.getByRole('link', { name: 'Ash House Hostel' }).count()).toBe(1);
    await shoot('sites');
  });

  it('shows another council’s site with its address withheld', async () => {
    const other = await newOrganisation(web.t, { kind: 'council', localAuthorityCode: 'E08000032' });
    const theirs = await webUser(web.t, ['housing_officer'], other.id);
    const site = await web.t.http
      .post('/api/v1/sites')
      .set(bearer(theirs.token))
      .send({ name: 'Bradford Refuge (web test)', type: 'refuge', organisationId: other.id, localAuthorityCode: 'E08000032', address: '9 Secret Street', attributes: DEFAULT_SITE_ATTRIBUTES })
      .expect(201);
    await signIn(j, officer, `/sites/${site.body.id}`);
    expect(await heading()).toBe('Bradford Refuge (web test)');
    expect(await j.page.getByText('Address withheld').count()).toBe(1);
    expect(await j.page.content()).not.toContain('Secret Street');
    expect(await j.page.getByRole('button', { name: /Add bed/ }).count()).toBe(0);
  });

  it('imports the example CSV with one bad row: the check lists the error by line and writes nothing; a repeat import changes nothing', async () => {
    const example = readFileSync(join(ROOT, 'examples', 'sites-import.csv'), 'utf8').trimEnd().split('\n');
    const bad = [...example.slice(0, 3), 'Broken Row House,castle,E08000035,"1 Example Road",,,,,,,,,,,,,,,,,,', ...example.slice(3)].join('\n') + '\n';
    const file = join(mkdtemp(), 'sites-with-one-bad-row.csv');
    writeFileSync(file, bad);
    const importer = await webUser(web.t, ['housing_officer']);
    const count = async () => Number((await web.t.db.query(`select count(*) from bed b join site s on s.id = b.site_id where s.organisation_id = $1`, [importer.organisationId])).rows[0].count);

    await signIn(j, importer, '/sites');
    await j.click(j.page.getByRole('link', { name: 'Import sites' }));
    expect(await heading()).toBe('Import sites');
    await j.page.getByLabel('CSV file').setInputFiles(file);
    await j.submit('Check file');
    expect(await j.page.getByRole('row', { name: /Line 4/ }).textContent()).toMatch(/site_type/);
    expect(await count()).toBe(0);
    await shoot('import-check');
    await j.submit('Import');
    expect(await banner()).toMatch(/Imported 4 sites, 10 rooms, 15 beds\. 1 row was left out/);
    const beds = await count();
    expect(beds).toBe(15);

    // the same file again: the check says every site will merge, and importing adds nothing
    await j.visit('/sites/import');
    await j.page.getByLabel('CSV file').setInputFiles(file);
    await j.submit('Check file');
    expect(await j.page.locator('#merging').textContent()).toContain('Harehills Place of Safety will merge');
    expect(await j.page.getByRole('button', { name: 'Import' }).count()).toBe(0);
    expect(await count()).toBe(beds);
  });

  it("completes a void property's checklist and sees it become placeable", async () => {
    const res = await web.t.http
      .post('/api/v1/sites')
      .set(bearer(officer.token))
      .send({ name: 'Gipton Void House (web test)', type: 'void_property', organisationId: councilId, localAuthorityCode: AREA, address: '14 Example Grove', attributes: DEFAULT_SITE_ATTRIBUTES })
      .expect(201);
    const id = res.body.id;
    for (const label of ['F1', 'F2']) await web.t.http.post(`/api/v1/sites/${id}/beds`).set(bearer(officer.token)).send({ label }).expect(201);

    await signIn(j, officer, `/sites/${id}`);
    await expectBedTag(j, 'F1', 'Not ready');
    expect(await j.page.locator('#readiness ~ ul.govuk-task-list').textContent()).toContain('Not done');
    await shoot('void-checklist');
    for (const task of ['Utilities on', 'Furnished', 'Safety checked', 'Keys held']) {
      await j.click(j.page.getByRole('button', { name: new RegExp(`^Mark done: ${task}`) }));
    }
    expect(await banner()).toContain('The property is ready');
    await expectBedTag(j, 'F1', 'Available');
    await j.visit('/sites?readiness=ready&freeBed=yes');
    expect(await j.page.getByRole('link', { name: 'Gipton Void House (web test)' }).count()).toBe(1);
  });
});

function mkdtemp(): string {
  const dir = join(tmpdir(), `sh-housing-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function expectBedTag(j: Journey, label: string, text: string) {
  const row = j.page.locator('table tbody tr').filter({ has: j.page.locator('th', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  expect((await row.locator('.govuk-tag').first().textContent())?.trim()).toBe(text);
}
