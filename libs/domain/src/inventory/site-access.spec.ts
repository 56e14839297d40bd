import { canManageSite, canMarkBedReady, canSeeSite, canSeeSiteAddress, siteScopeOf, Viewer } from './site-access';

const LEEDS = 'org-leeds';
const BRADFORD = 'org-bradford';
const site = { organisationId: LEEDS };
const as = (organisationId: string, ...roles: string[]): Viewer => ({ organisationId, roles });

describe('site access by role and organisation', () => {
  it.each<[string, Viewer, { see: boolean; address: boolean; manage: boolean }]>([
    ['an admin of the administering organisation', as('org-admin', 'admin'), { see: true, address: true, manage: true }],
    ["the owning council's housing officer", as(LEEDS, 'housing_officer'), { see: true, address: true, manage: true }],
    ["the owning council's emergency planner", as(LEEDS, 'emergency_planner'), { see: true, address: false, manage: true }],
    ["the owning council's operation lead", as(LEEDS, 'operation_lead'), { see: true, address: false, manage: false }],
    ["the owning council's partner", as(LEEDS, 'partner'), { see: true, address: false, manage: false }],
    ["a neighbouring council's housing officer", as(BRADFORD, 'housing_officer'), { see: true, address: false, manage: false }],
    ["a neighbouring council's emergency planner", as(BRADFORD, 'emergency_planner'), { see: true, address: false, manage: false }],
    ['a police operation lead', as('org-police', 'operation_lead'), { see: true, address: false, manage: false }],
    ['a partner agency elsewhere', as('org-ngo', 'partner'), { see: false, address: false, manage: false }],
    ['a planner who is also a housing officer', as(LEEDS, 'emergency_planner', 'housing_officer'), { see: true, address: true, manage: true }],
  ])('%s', (_, viewer, expected) => {
    expect({
      see: canSeeSite(viewer, site),
      address: canSeeSiteAddress(viewer, site),
      manage: canManageSite(viewer, site),
    }).toEqual(expected);
  });

  it('scopes partners to their own organisation and everyone else to all', () => {
    expect(siteScopeOf(as('org-ngo', 'partner'))).toBe('org-ngo');
    expect(siteScopeOf(as(BRADFORD, 'operation_lead'))).toBeNull();
    expect(siteScopeOf(as(BRADFORD, 'partner', 'operation_lead'))).toBeNull();
  });
});

describe('who may mark a bed ready after a departure', () => {
  const PLACING = 'org-placing-council';
  const departure = { organisationIds: [PLACING, 'org-police-lead'] };
  it.each<[string, Viewer, { organisationIds: string[] } | null, boolean]>([
    ["the site owner's housing officer", as(LEEDS, 'housing_officer'), departure, true],
    ["the site owner's emergency planner", as(LEEDS, 'emergency_planner'), null, true],
    ['an admin', as('org-admin', 'admin'), null, true],
    ["the placing council's housing officer, after its person left", as(PLACING, 'housing_officer'), departure, true],
    ["the placing council's housing officer, with no departure on record", as(PLACING, 'housing_officer'), null, false],
    ["the placing council's emergency planner (not an officer who turns beds round)", as(PLACING, 'emergency_planner'), departure, false],
    ["the police lead's operation lead", as('org-police-lead', 'operation_lead'), departure, false],
    ["an unrelated council's housing officer", as(BRADFORD, 'housing_officer'), departure, false],
  ])('%s', (_, viewer, dep, expected) => {
    expect(canMarkBedReady(viewer, site, dep)).toBe(expected);
  });
});
