import { NEVER_OVERRIDABLE, PlacementPolicy } from './placement-policy';
import { HardRuleCode, PlacementRole, Rule } from './placement.types';

/** May someone with these roles override this hard rule? Never for the rules in `NEVER_OVERRIDABLE`. */
export function mayOverride(roles: readonly string[], code: HardRuleCode, policy: PlacementPolicy): boolean {
  if (NEVER_OVERRIDABLE.includes(code)) return false;
  const allowed: readonly PlacementRole[] = policy.overrides[code] ?? [];
  return roles.some((role) => (allowed as readonly string[]).includes(role));
}

/** The roles that may override a rule under this policy (empty: nobody). */
export function overridableBy(code: HardRuleCode, policy: PlacementPolicy): readonly PlacementRole[] {
  return NEVER_OVERRIDABLE.includes(code) ? [] : (policy.overrides[code] ?? []);
}

export type OverrideRefusalCode = 'RULE_NOT_OVERRIDABLE' | 'OVERRIDE_NOT_ALLOWED' | 'OVERRIDE_REASON_REQUIRED';

export type OverrideDecision =
  | { ok: true; overridden: HardRuleCode[] }
  | { ok: false; code: OverrideRefusalCode; reason: string; rules: HardRuleCode[] };

/**
 * Whether a placement that breaks `excluded` may go ahead on this override. Checked in order of what the
 * caller can do about it: a rule nobody may override (pick another site), then rules this caller's roles
 * may not override (ask an operation lead), then a missing or too-short reason (write one). A placement
 * that breaks nothing needs no override and goes ahead with none recorded.
 */
export function checkOverride(
  excluded: readonly Rule[],
  override: { roles: readonly string[]; reason: string | null | undefined },
  policy: PlacementPolicy,
): OverrideDecision {
  const codes = [...new Set(excluded.map((r) => r.code))];
  if (codes.length === 0) return { ok: true, overridden: [] };
  const never = codes.filter((c) => NEVER_OVERRIDABLE.includes(c) || overridableBy(c, policy).length === 0);
  if (never.length) {
    return { ok: false, code: 'RULE_NOT_OVERRIDABLE', reason: `No one may override ${never.join(', ')}.`, rules: never };
  }
  const notAllowed = codes.filter((c) => !mayOverride(override.roles, c, policy));
  if (notAllowed.length) {
    const who = notAllowed.map((c) => `${c} (${overridableBy(c, policy).join(' or ')})`).join(', ');
    return { ok: false, code: 'OVERRIDE_NOT_ALLOWED', reason: `Your role may not override ${who}.`, rules: notAllowed };
  }
  const reason = (override.reason ?? '').trim();
  if (reason.length < policy.overrideReasonMinLength) {
    return {
      ok: false,
      code: 'OVERRIDE_REASON_REQUIRED',
      reason: `Overriding ${codes.join(', ')} needs a reason of at least ${policy.overrideReasonMinLength} characters.`,
      rules: codes,
    };
  }
  return { ok: true, overridden: codes };
}
