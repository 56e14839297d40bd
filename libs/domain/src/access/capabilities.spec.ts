import { Capability, capabilitiesIn, CAPABILITIES, CAPABILITY_TABLE, hasNarrowView, OperationPart } from './capabilities';
import { decideSensitiveRead } from './special-category';

const caps = (roles: string[], parts: OperationPart[], shared: Parameters<typeof capabilitiesIn>[2] = []) =>
  [...capabilitiesIn({ roles }, parts, shared)].sort();

describe('organisation part x role -> capabilities', () => {
  it.each<[string, string[], OperationPart[], Capability[]]>([
    ['a lead police operation lead moves the stages', ['operation_lead'], ['lead'], ['change_stage', 'plan', 'place_people', 'see_personal_data']],
    ['a host council planner plans and places', ['emergency_planner'], ['host'], ['plan', 'place_people', 'see_personal_data', 'export_cases']],
    ['a host housing officer places and sees names', ['housing_officer'], ['host'], ['place_people', 'see_personal_data', 'work_with_people']],
    ['a reception officer works with people at the centre', ['reception_officer'], ['host'], ['work_with_people', 'see_personal_data']],
    ['a case worker records the pathway', ['case_worker'], ['lead'], ['record_pathway', 'see_personal_data']],
    ['a rostered police lead works by reference', ['operation_lead'], ['agency'], ['work_with_people', 'record_pathway', 'place_people']],
    ['a partner watches', ['partner'], ['agency'], ['view', 'watch']],
    ['names shared by agreement', ['partner'], ['data_sharing'], ['view', 'see_personal_data']],
  ])('%s', (_what, roles, parts, expected) => {
    expect(caps(roles, parts, ['names'])).toEqual(expect.arrayContaining(expected));
  });

  it.each<[string, string[], OperationPart[], Capability[]]>([
    ['a host planner does not move the stages of a police-led operation', ['emergency_planner'], ['host'], ['change_stage']],
    ['a rostered agency never sees names', ['housing_officer', 'operation_lead', 'emergency_planner'], ['agency'], ['see_personal_data', 'plan']],
    ['a reception officer neither places nor records NRM facts', ['reception_officer'], ['lead', 'host'], ['place_people', 'record_pathway']],
    ['a case worker neither registers nor places', ['case_worker'], ['lead'], ['work_with_people', 'place_people']],
    ['a partner only watches', ['partner'], ['lead', 'host', 'agency'], ['plan', 'work_with_people', 'see_personal_data', 'place_people']],
    ['counts shared by agreement give no names', ['emergency_planner'], ['data_sharing'], ['see_personal_data', 'place_people']],
  ])('%s', (_what, roles, parts, refused) => {
    const got = caps(roles, parts, parts.includes('data_sharing') ? ['counts'] : []);
    for (const c of refused) expect(got).not.toContain(c);
  });

  it('no part, no capability; an admin has them all', () => {
    expect(caps(['emergency_planner', 'housing_officer'], [])).toEqual([]);
    expect(caps(['admin'], [])).toEqual([...CAPABILITIES].sort());
  });

  it('every grant in the table is a known capability, and whoever works in an operation can see it', () => {
    for (const grants of Object.values(CAPABILITY_TABLE)) {
      for (const list of Object.values(grants)) {
        for (const c of list ?? []) expect(CAPABILITIES).toContain(c);
        if (list && list.length) expect(list).toEqual(expect.arrayContaining(['view', 'watch']));
      }
    }
  });

  it('partners and data-sharing parties have the narrow view; centre staff do not', () => {
    expect(hasNarrowView(capabilitiesIn({ roles: ['partner'] }, ['agency']))).toBe(true);
    expect(hasNarrowView(capabilitiesIn({ roles: ['case_worker'] }, ['lead']))).toBe(false);
    expect(hasNarrowView(capabilitiesIn({ roles: ['reception_officer'] }, ['agency']))).toBe(false);
  });
});

describe('special-category reads', () => {
  it.each<[string[], 'identity' | 'triage_notes', string | undefined, string]>([
    [['housing_officer'], 'identity', undefined, 'usual'],
    [['case_worker'], 'identity', undefined, 'usual'],
    [['case_worker'], 'triage_notes', undefined, 'reason_required'],
    [['case_worker'], 'triage_notes', 'too short', 'reason_required'],
    [['case_worker'], 'triage_notes', 'NRM referral needs the account given at triage', 'break_glass'],
    [['admin'], 'identity', undefined, 'reason_required'],
    [['admin'], 'identity', '  Subject access request SAR-2025-014  ', 'break_glass'],
    [['admin', 'housing_officer'], 'identity', undefined, 'usual'],
  ])('%j reading %s with reason %j: %s', (roles, read, reason, kind) => {
    expect(decideSensitiveRead(roles, read, reason).kind).toBe(kind);
  });

  it('keeps the reason, trimmed', () => {
    expect(decideSensitiveRead(['admin'], 'identity', '  Subject access request SAR-2025-014  ')).toEqual({
      kind: 'break_glass',
      reason: 'Subject access request SAR-2025-014',
    });
  });
});

describe('area feed filter', () => {
  const { areaEventVisible } = jest.requireActual('./live-filter') as typeof import('./live-filter');
  const filter = { all: false, operationIds: new Set(['op-1']), siteOrganisationId: 'org-1' };
  it.each<[string, Parameters<typeof areaEventVisible>[1], boolean]>([
    ['an operation they may see', { operationId: 'op-1' }, true],
    ['an operation they may not see', { operationId: 'op-2', organisationId: 'org-1' }, false],
    ['a bed of their own organisation', { siteId: 's', organisationId: 'org-1' }, true],
    ['a bed of another organisation', { siteId: 's', organisationId: 'org-2' }, false],
    ['an event scoped to nobody', { siteId: 's' }, false],
  ])('%s', (_what, event, visible) => {
    expect(areaEventVisible(filter, event)).toBe(visible);
  });
  it('admins and site-wide viewers', () => {
    expect(areaEventVisible({ ...filter, all: true }, { operationId: 'op-9' })).toBe(true);
    expect(areaEventVisible({ ...filter, siteOrganisationId: null }, { siteId: 's', organisationId: 'org-2' })).toBe(true);
  });
});
