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

  describe('placing people', () => {
    let operationId: string;
    const api = () => web.t.http;
    const post = (path: string, body: object) =>
      api().post(`/api/v1${path}`).set(bearer(officer.token)).send(body).then((r) => {
        if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      });
    const site = async (name: string, beds: string[], fields: Record<string, unknown> = {}) => {
      const s = await post('/sites', {
        name, type: 'self_contained_flat', organisationId: councilId, localAuthorityCode: AREA, address: '2 Example Street, Leeds',
        location: { lat: 53.99, lng: -1.2 }, ...fields, attributes: { ...DEFAULT_SITE_ATTRIBUTES, acceptsChildren: true, acceptsFamilies: true, ...(fields.attributes as object) },
      });
      const room = await post(`/sites/${s.id}/rooms`, { name: 'Bedroom 1', kind: 'bedroom' });
      const ids: string[] = [];
      for (const label of beds) ids.push((await post(`/sites/${s.id}/beds`, { roomId: room.id, label })).id);
      return { id: s.id as string, bedIds: ids };
    };
    const person = async (fields: Record<string, unknown> = {}) => {
      const p = await post(`/operations/${operationId}/people`, { sex: 'female', ageCategory: 'adult', languages: ['en'], interpreterNeeded: false, needs: {}, ...fields });
      await post(`/people/${p.id}/triage`, { outcome: 'potential_victim' });
      return p as { id: string; reference: string };
    };

    beforeAll(async () => {
      const op = await post('/operations', {
        name: 'Operation Web Beds', code: 'WEBB', leadOrganisationId: councilId, localAuthorityCode: AREA,
        plannedStart: new Date().toISOString(), expectedPeople: 10, exploitationSite: { lat: 53.8, lng: -1.55 },
      });
      operationId = op.id;
      await api().patch(`/api/v1/operations/${operationId}`).set(bearer(officer.token)).send({ status: 'active' }).expect(200);
    });

    it('finds a bed for a woman with two children, places the family, transfers her, ends the stay and turns the bed round', async () => {
      const flat = await site('Beeston Family Flat (web test)', ['1', '2', '3']);
      const other = await site('Armley Flat (web test)', ['X1', 'X2', 'X3']);
      await site('Too Near House (web test)', ['N1'], { location: { lat: 53.8, lng: -1.55 } });
      const group = await post(`/operations/${operationId}/groups`, { kind: 'family', label: 'Family W' });
      const mother = await person({ groupId: group.id });
      await person({ groupId: group.id, ageCategory: 'child', sex: 'female' });
      await person({ groupId: group.id, ageCategory: 'child', sex: 'male' });

      await signIn(j, officer, `/people/${mother.id}/beds`);
      expect(await heading()).toBe('Find a bed');
      const top = await j.page.locator('.app-person-needs').textContent();
      expect(top).toMatch(/Female, adult/);
      expect(top).toMatch(/Recourse to public funds not known/);
      expect(await j.page.locator('#ruled-out ~ dl').textContent()).toMatch(/Too Near House \(web test\)[\s\S]*km from the place of exploitation/);
      expect(await j.page.getByRole('button', { name: /^Place bed/ }).count()).toBeGreaterThan(0);
      // The two flats are alike, so they score the same: either may come first, and both are offered.
      expect(await j.page.locator('.app-bed-option').first().textContent()).toMatch(/Bed \w+, Bedroom 1 at (Beeston Family|Armley) Flat \(web test\)[\s\S]*Self-contained flat · 20 to 50 km/);
      expect(await j.page.locator('.app-bed-option', { hasText: 'Beeston Family Flat (web test)' }).count()).toBeGreaterThan(0);
      expect(await j.page.getByRole('button', { name: /^Reserve bed/ }).count()).toBeGreaterThan(0);
      await shoot('bed-finder');

      await j.click(j.page.getByRole('button', { name: /Place the family together at Beeston Family Flat/ }));
      expect(await heading()).toBe(`Placement of ${mother.reference}`);
      expect(await banner()).toMatch(/is placed together: beds 1, 2, 3/);
      const placed = await web.t.db.query(`select count(*)::int as n from placement where site_id = $1 and status = 'active'`, [flat.id]);
      expect(placed.rows[0].n).toBe(3);

      // transfer her to the other flat
      await j.click(j.page.getByRole('link', { name: 'Transfer to another bed' }));
      expect(await heading()).toBe(`Move ${mother.reference}`);
      await j.click(j.page.getByRole('button', { name: /Move here bed X1 at Armley Flat/ }));
      expect(await banner()).toContain('moved to bed X1');
      await shoot('placement');

      // end the stay with a move-on destination: the bed goes to cleaning, and back from the turnaround board
      await j.page.getByLabel('Moved on to other accommodation').check();
      await j.page.getByLabel('Move-on destination').fill('Council flat, Bradford');
      await j.submit('End placement');
      expect(await banner()).toContain('Bed X1 is waiting for cleaning');
      expect((await web.t.db.query(`select status, out_of_service_reason from bed where id = $1`, [other.bedIds[0]])).rows[0]).toEqual({ status: 'out_of_service', out_of_service_reason: 'cleaning' });
      await j.visit('/sites/turnaround');
      expect(await heading()).toBe('Turnaround');
      const row = j.page.getByRole('row', { name: /X1/ });
      expect(await row.textContent()).toMatch(/Armley Flat \(web test\)[\s\S]*min/);
      await shoot('turnaround');
      await j.click(row.getByRole('button', { name: /Mark ready/ }));
      expect(await banner()).toContain('Bed X1 is ready for the next person');
      expect((await web.t.db.query(`select status from bed where id = $1`, [other.bedIds[0]])).rows[0].status).toBe('available');
    });

    it('places a person from the bed finder in three actions or fewer, by keyboard alone', async () => {
      await site('Headingley Flat (web test)', ['K1', 'K2']);
      const someone = await person();
      await signIn(j, officer, `/people/${someone.id}/beds`);
      // An action is what the officer decides and does (a click, or Enter on the focused control); moving the
      // focus with Tab is counted separately. From the bed finder: "Place" on the best option. (From the
      // person's page it is one more: "Find a bed".)
      let actions = 0;
      const tabsBefore = await tabCount(j);
      await j.tabTo(/^Place bed/);
      const tabs = (await tabCount(j)) - tabsBefore;
      await j.press('Enter');
      actions += 1;
      console.log(`bed finder -> placed: ${actions} action(s), ${tabs} Tab presses to reach "Place" on the best option`);
      expect(await heading()).toBe(`Placement of ${someone.reference}`);
      expect(await banner()).toMatch(new RegExp(`${someone.reference} placed in bed \\S+`));
      expect(actions).toBeLessThanOrEqual(3);
      const placements = await web.t.db.query(`select count(*)::int as n from placement where person_id = $1 and status = 'active'`, [someone.id]);
      expect(placements.rows[0].n).toBe(1);
    });

    it('reserves with the expiry shown, confirms, and a clash names the holder and offers the next option', async () => {
      const flat = await site('Chapeltown Flat (web test)', ['C1', 'C2']);
      const first = await person();
      const second = await person();
      await signIn(j, officer, `/people/${first.id}/beds`);
      await j.click(j.page.getByRole('button', { name: /^Reserve bed C1 at Chapeltown Flat/ }));
      expect(await banner()).toMatch(new RegExp(`Bed C1 reserved for ${first.reference} until \\d{2}:\\d{2}`));
      expect(await j.page.getByText('Reservation expires').count()).toBe(1);
      await j.submit('Confirm placement');
      expect(await banner()).toContain('Placement confirmed');

      // the second person's finder was opened before the bed went: placing there clashes
      await j.visit(`/people/${second.id}/beds`);
      await j.page.evaluate(`document.querySelectorAll('input[name=bedId]').forEach((i) => (i.value = ${JSON.stringify(flat.bedIds[0])}))`);
      await j.click(j.page.getByRole('button', { name: /^Place bed/ }).first());
      expect(await j.page.locator('#clash').textContent()).toContain(first.reference);
      await j.click(j.page.getByRole('button', { name: /Place in the next option/ }));
      expect(await banner()).toMatch(new RegExp(`${second.reference} placed in bed`));
    });

    it('an unsuitable choice shows the rule; an operation lead may override it with a reason, an officer may not', async () => {
      await site('Near The Farm Flat (web test)', ['Z1'], { location: { lat: 53.8001, lng: -1.5501 } });
      const someone = await person();
      const lead = await webUser(web.t, ['operation_lead'], councilId);

      await signIn(j, officer, `/people/${someone.id}/beds`);
      await j.click(j.page.getByRole('button', { name: /Choose this site anyway Near The Farm Flat/ }));
      expect(await j.page.locator('#unsuitable').textContent()).toMatch(/km from the place of exploitation[\s\S]*you cannot override this/);
      expect(await j.page.getByRole('button', { name: 'Place anyway' }).count()).toBe(0);

      const k = await web.journey();
      await signIn(k, lead, `/people/${someone.id}/beds`);
      await k.click(k.page.getByRole('button', { name: /Choose this site anyway Near The Farm Flat/ }));
      expect(await k.page.locator('#unsuitable').textContent()).toContain('you may override this');
      await k.page.getByLabel('Why place here anyway').fill('The only flat with a carer on call tonight; police patrol agreed');
      await k.submit('Place anyway');
      expect((await k.page.locator('.govuk-notification-banner--success').textContent())?.replace(/\s+/g, ' ')).toContain(`${someone.reference} placed in bed Z1`);
      expect(await k.page.locator('.govuk-summary-list').textContent()).toContain('The only flat with a carer on call tonight');
      k.assertEveryPageChecked();
    });

    it('records a non-arrival: the bed goes straight back', async () => {
      const flat = await site('Seacroft Flat (web test)', ['S1']);
      const someone = await person();
      await signIn(j, officer, `/people/${someone.id}/beds`);
      await j.click(j.page.getByRole('button', { name: /^Reserve bed S1/ }));
      await j.page.getByRole('radio', { name: 'Did not arrive' }).check();
      await j.page.getByLabel('If they did not arrive, why not').fill('Went to stay with a friend');
      await j.submit('Record arrival');
      expect(await banner()).toContain('Non-arrival recorded');
      expect((await web.t.db.query(`select status from bed where id = $1`, [flat.bedIds[0]])).rows[0].status).toBe('available');
    });

    it('shows the nightly cost of spot-purchased beds per operation and site, with totals', async () => {
      await site('Kirkstall B&B (web test)', ['R1', 'R2'], { type: 'bed_and_breakfast', nightlyCostPence: 4500 });
      const a = await person();
      const b = await person();
      const bedOf = async (name: string, label: string) => (await web.t.db.query(`select b.id from bed b join site s on s.id = b.site_id where s.name = $1 and b.label = $2`, [name, label])).rows[0].id;
      await post('/placements', { personId: a.id, bedId: await bedOf('Kirkstall B&B (web test)', 'R1'), from: new Date(Date.now() - 3600_000).toISOString(), kind: 'placement' });
      await post('/placements', { personId: b.id, bedId: await bedOf('Kirkstall B&B (web test)', 'R2'), from: new Date(Date.now() - 3600_000).toISOString(), kind: 'placement' });
      await signIn(j, officer, `/costs?operationId=${operationId}`);
      expect(await heading()).toBe('Costs of spot-purchased beds');
      const row = j.page.locator('#costs-by-site').getByRole('row', { name: /Kirkstall B&B/ });
      expect(await row.textContent()).toMatch(/£45\.00[\s\S]*2[\s\S]*£90\.00/);
      expect(await j.page.locator('#costs-by-site tfoot').textContent()).toContain('£90.00');
      await shoot('costs');
    });
  });
});

function mkdtemp(): string {
  const dir = join(tmpdir(), `sh-housing-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** How many times Tab has been pressed on this page so far (tabTo presses Tab; we count focus moves). */
async function tabCount(j: Journey): Promise<number> {
  return (await j.page.evaluate('window.__tabs ?? (window.__tabs = 0, document.addEventListener("keydown", (e) => { if (e.key === "Tab") window.__tabs++; }), 0)')) as number;
}

async function expectBedTag(j: Journey, label: string, text: string) {
  const row = j.page.locator('table tbody tr').filter({ has: j.page.locator('th', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  expect((await row.locator('.govuk-tag').first().textContent())?.trim()).toBe(text);
}
