import { HARD_RULE_CODES } from './hard-rules';
import { checkOverride, mayOverride, overridableBy } from './placement-override';
import { DEFAULT_PLACEMENT_POLICY, NEVER_OVERRIDABLE, PlacementPolicy } from './placement-policy';
import { HardRuleCode, PlacementRole, Rule } from './placement.types';

const ROLES: PlacementRole[] = ['admin', 'emergency_planner', 'housing_officer', 'operation_lead', 'partner'];
const rule = (code: HardRuleCode): Rule => ({ code, reason: 'why' });
const REASON = 'No other bed tonight; moved tomorrow morning.';

/** The default override policy, written out: changing who may override what must change this table. */
const EXPECTED: Record<HardRuleCode, PlacementRole[]> = {
  SUSPECT_NOT_PLACEABLE: [],
  CHILD_IN_ADULT_SITE: [],
  SUSPECT_IN_SITE: [],
  NO_FREE_BED: [],
  ADULT_IN_FOSTER_PLACEMENT: ['admin', 'operation_lead'],
  NOT_VICTIM_WITH_VICTIMS: ['admin', 'operation_lead'],
  SINGLE_SEX_MISMATCH: ['admin', 'operation_lead'],
  FAMILY_NEEDS_BEDS: ['admin', 'operation_lead'],
  NOT_WHEELCHAIR_ACCESSIBLE: ['admin', 'operation_lead'],
  NO_RECOURSE_TO_PUBLIC_FUNDS: ['admin', 'operation_lead'],
  VULNERABLE_IN_SHARED: ['admin', 'operation_lead'],
  TOO_CLOSE_TO_EXPLOITATION: ['admin', 'operation_lead'],
  INSIDE_KEEP_AWAY_AREA: ['admin', 'operation_lead'],
  WINDOW_TOO_SHORT: ['admin', 'operation_lead', 'housing_officer'],
  SITE_NOT_READY: ['admin', 'operation_lead'],
};

describe('who may override which hard rule (default policy)', () => {
  const table = HARD_RULE_CODES.flatMap((code) => ROLES.map((role) => ({ code, role, allowed: EXPECTED[code].includes(role) })));

  it.each(table)('$role overriding $code: $allowed', ({ code, role, allowed }) => {
    expect(mayOverride([role], code, DEFAULT_PLACEMENT_POLICY)).toBe(allowed);
    const decision = checkOverride([rule(code)], { roles: [role], reason: REASON }, DEFAULT_PLACEMENT_POLICY);
    expect(decision.ok).toBe(allowed);
  });

  it('the table covers every rule', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...HARD_RULE_CODES].sort());
  });

  it.each(HARD_RULE_CODES)('overridableBy(%s) matches the table', (code) => {
    expect([...overridableBy(code, DEFAULT_PLACEMENT_POLICY)].sort()).toEqual([...EXPECTED[code]].sort());
  });
});

describe('checkOverride', () => {
  const policy = DEFAULT_PLACEMENT_POLICY;

  it('a suitable site needs no override', () => {
    expect(checkOverride([], { roles: ['partner'], reason: '' }, policy)).toEqual({ ok: true, overridden: [] });
  });

  it('an operation lead overrides a dormitory for a vulnerable person for one night, with a reason', () => {
    expect(checkOverride([rule('VULNERABLE_IN_SHARED')], { roles: ['operation_lead'], reason: REASON }, policy)).toEqual({
      ok: true,
      overridden: ['VULNERABLE_IN_SHARED'],
    });
  });

  it('a housing officer may accept a short window but not a site that is not ready', () => {
    expect(checkOverride([rule('WINDOW_TOO_SHORT')], { roles: ['housing_officer'], reason: REASON }, policy).ok).toBe(true);
    expect(
      checkOverride([rule('WINDOW_TOO_SHORT'), rule('SITE_NOT_READY')], { roles: ['housing_officer'], reason: REASON }, policy),
    ).toEqual({
      ok: false,
      code: 'OVERRIDE_NOT_ALLOWED',
      reason: 'Your role may not override SITE_NOT_READY (admin or operation_lead).',
      rules: ['SITE_NOT_READY'],
    });
  });

  it('any one role among several is enough', () => {
    expect(checkOverride([rule('SITE_NOT_READY')], { roles: ['partner', 'admin'], reason: REASON }, policy).ok).toBe(true);
  });

  it('a never-overridable rule is refused even to an admin, and named', () => {
    expect(
      checkOverride([rule('WINDOW_TOO_SHORT'), rule('CHILD_IN_ADULT_SITE')], { roles: ['admin'], reason: REASON }, policy),
    ).toEqual({ ok: false, code: 'RULE_NOT_OVERRIDABLE', reason: 'No one may override CHILD_IN_ADULT_SITE.', rules: ['CHILD_IN_ADULT_SITE'] });
  });

  it.each([
    ['no reason', undefined],
    ['a null reason', null],
    ['an empty reason', ''],
    ['only spaces', '           '],
    ['nine characters', '123456789'],
  ])('%s is refused', (_label, reason) => {
    const decision = checkOverride([rule('WINDOW_TOO_SHORT')], { roles: ['admin'], reason }, policy);
    expect(decision).toEqual({
      ok: false,
      code: 'OVERRIDE_REASON_REQUIRED',
      reason: 'Overriding WINDOW_TOO_SHORT needs a reason of at least 10 characters.',
      rules: ['WINDOW_TOO_SHORT'],
    });
  });

  it('exactly the minimum reason length is enough', () => {
    expect(checkOverride([rule('WINDOW_TOO_SHORT')], { roles: ['admin'], reason: '1234567890' }, policy).ok).toBe(true);
  });

  it('a role is refused before the reason is looked at (the caller must ask someone else first)', () => {
    const decision = checkOverride([rule('SITE_NOT_READY')], { roles: ['housing_officer'], reason: '' }, policy);
    expect(decision.ok === false && decision.code).toBe('OVERRIDE_NOT_ALLOWED');
  });

  it('a policy cannot make a never-overridable rule overridable', () => {
    const tampered: PlacementPolicy = {
      ...policy,
      overrides: { ...policy.overrides, CHILD_IN_ADULT_SITE: ['admin'], SUSPECT_IN_SITE: ['admin'] },
    };
    for (const code of NEVER_OVERRIDABLE) {
      expect(mayOverride(['admin'], code, tampered)).toBe(false);
      expect(checkOverride([rule(code)], { roles: ['admin'], reason: REASON }, tampered).ok).toBe(false);
    }
  });

  it('a rule a policy gives to nobody cannot be overridden', () => {
    const strict: PlacementPolicy = { ...policy, overrides: { ...policy.overrides, SITE_NOT_READY: [] } };
    const decision = checkOverride([rule('SITE_NOT_READY')], { roles: ['admin'], reason: REASON }, strict);
    expect(decision.ok === false && decision.code).toBe('RULE_NOT_OVERRIDABLE');
  });

  it('a rule repeated in the list is overridden once', () => {
    expect(checkOverride([rule('WINDOW_TOO_SHORT'), rule('WINDOW_TOO_SHORT')], { roles: ['admin'], reason: REASON }, policy)).toEqual({
      ok: true,
      overridden: ['WINDOW_TOO_SHORT'],
    });
  });
});
