import { CalendarDate, isCalendarDate } from './london-time';
import { DayCounting } from './working-days';

/**
 * The timeframes of the pathway are policy, not constants: they differ between councils, they change
 * in law, and every deadline shown to a caseworker must say which rule and which version produced it.
 *
 * A policy is a list of versions, each in force from an effective date; a rule is looked up in the
 * version in force on the (Europe/London) date of the event the deadline runs from, so a change never
 * moves deadlines that started under the previous version. A deployment picks one policy by name
 * (`councilPractice45` by default, or `statutory30`); local authorities may override the rules that
 * are local practice (`LOCALLY_CONFIGURABLE_RULES`), again by effective date.
 */
export const RULE_NAMES = [
  'pre_nrm_accommodation',
  'rg_decision_target',
  'recovery_period_minimum',
  'further_recovery_period_minimum',
  'move_on_after_positive_cg',
  'move_on_after_negative_decision',
  'missing_bed_hold',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** National rules change by a new policy version; these are local practice and may differ per authority. */
export const LOCALLY_CONFIGURABLE_RULES = ['pre_nrm_accommodation', 'move_on_after_negative_decision'] as const;
export type LocallyConfigurableRule = (typeof LOCALLY_CONFIGURABLE_RULES)[number];

export const DURATION_UNITS = ['working_days', 'calendar_days', 'hours'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface DeadlineRule {
  amount: number;
  unit: DurationUnit;
  /**
   * For day units: `after_basis_day` (default) counts from the day after the event ("5 working days after
   * the referral"); `including_basis_day` counts the event's day as day 1 ("30 days beginning with the
   * day of the decision"). Day deadlines fall at the end of the last day, 23:59:59.999 Europe/London.
   */
  counting?: DayCounting;
  /** where the rule comes from: a statute, guidance, a contract, or local practice */
  source: string;
}

/**
 * What a pending reconsideration of a negative decision does to the negative-decision move-on clock:
 * - `extended`: support continues until the outcome; an upheld decision starts the full move-on period
 *   again from the outcome's date
 * - `paused`: the count stops on the day of the request and resumes from the outcome's date with the
 *   working days that were left (at least one)
 */
export const RECONSIDERATION_CLOCKS = ['extended', 'paused'] as const;
export type ReconsiderationClock = (typeof RECONSIDERATION_CLOCKS)[number];

export interface ReconsiderationPolicy {
  moveOnWhilePending: ReconsiderationClock;
  source: string;
}

export interface PolicyVersion {
  /** shown on every deadline, e.g. `statutory30@2022-12-13` */
  version: string;
  /** first Europe/London date on which this version applies */
  effectiveFrom: CalendarDate;
  /** a deadline is "due soon" this many hours before it is due */
  dueSoonHours: number;
  rules: Record<RuleName, DeadlineRule>;
  reconsideration: ReconsiderationPolicy;
  note?: string;
}

export interface LocalAuthorityOverride {
  /** ONS/GSS code of the local authority, e.g. `E08000035` (Leeds) */
  localAuthorityCode: string;
  effectiveFrom: CalendarDate;
  rules: Partial<Record<LocallyConfigurableRule, DeadlineRule>>;
}

export interface DeadlinePolicy {
  name: string;
  description: string;
  versions: PolicyVersion[];
  localAuthorityOverrides: LocalAuthorityOverride[];
}

export interface ResolvedRule {
  name: RuleName;
  rule: DeadlineRule;
  reconsideration: ReconsiderationPolicy;
  /** the version id, with `+<localAuthorityCode>@<effectiveFrom>` when a local override supplied the rule */
  policyVersion: string;
  dueSoonHours: number;
}

const SOURCE_DOMAIN_NOTES = 'Safe Harbour domain notes (shared/docs/domain.md)';
const SOURCE_SECOND_WAVE = 'Safe Harbour domain notes, second-wave notes (shared/docs/domain.md)';

/** Rules common to both national policies; only the recovery periods differ between them. */
const COMMON_RULES: Omit<Record<RuleName, DeadlineRule>, 'recovery_period_minimum' | 'further_recovery_period_minimum'> = {
  pre_nrm_accommodation: {
    amount: 5,
    unit: 'working_days',
    source:
      `Council reception-centre practice: emergency accommodation planned for up to 5 working days until an NRM ` +
      `referral is made or declined (national "places of safety" offered up to 3 working days; some PCC-funded ` +
      `beds up to 7 nights). ${SOURCE_DOMAIN_NOTES}. Configurable per local authority.`,
  },
  rg_decision_target: {
    amount: 5,
    unit: 'working_days',
    source:
      `Modern Slavery Statutory Guidance for England and Wales: the Single Competent Authority aims to make the ` +
      `Reasonable Grounds decision within 5 working days of the referral. A target for the decision maker, ` +
      `not a limit on support. ${SOURCE_DOMAIN_NOTES}.`,
  },
  move_on_after_positive_cg: {
    amount: 45,
    unit: 'calendar_days',
    source:
      `Home Office, support after a positive conclusive grounds decision: "at least 45 days" of move-on support ` +
      `after a positive Conclusive Grounds decision, a minimum that a Recovery Needs Assessment can extend (RNA ` +
      `process guidance); the deadline says support ends only while no assessment is pending or has extended it. ` +
      `${SOURCE_SECOND_WAVE}.`,
  },
  move_on_after_negative_decision: {
    amount: 9,
    unit: 'working_days',
    source:
      `Modern Slavery Statutory Guidance for England and Wales: commonly 9 working days of move-on support after ` +
      `a negative Reasonable or Conclusive Grounds decision (some sources say up to 14 days). ` +
      `${SOURCE_DOMAIN_NOTES}. Configurable per local authority.`,
  },
  missing_bed_hold: {
    amount: 72,
    unit: 'hours',
    source:
      `Safe Harbour default: a missing person's bed is held for 72 hours from the missing report, then released ` +
      `through the placement rules. ${SOURCE_DOMAIN_NOTES} ("bed held for a policy period").`,
  },
};

const RECOVERY_45: DeadlineRule = {
  amount: 45,
  unit: 'calendar_days',
  source:
    `Council practice and the national victim-care contract: at least 45 calendar days of support from a ` +
    `positive Reasonable Grounds decision, continuing until the Conclusive Grounds decision. ${SOURCE_DOMAIN_NOTES}.`,
};

const RECOVERY_30_GUIDANCE: DeadlineRule = {
  amount: 30,
  unit: 'calendar_days',
  source:
    `Minimum recovery period of 30 days from a positive Reasonable Grounds decision as guidance from 13 Dec 2022 ` +
    `(Written Ministerial Statement of that date; RNA guidance updated the same day), support continuing until the ` +
    `Conclusive Grounds decision. Not yet law: the statute follows on 30 Jan 2023. Counted from the day after the ` +
    `decision, which errs on the person's side. ${SOURCE_SECOND_WAVE}.`,
};

const RECOVERY_30_STATUTE: DeadlineRule = {
  amount: 30,
  unit: 'calendar_days',
  source:
    `Statutory minimum recovery period of 30 days from a positive Reasonable Grounds decision from 30 Jan 2023 ` +
    `(Nationality and Borders Act 2022 ss.60-65, commenced by SI 2023/33), support continuing until the Conclusive ` +
    `Grounds decision. Counted from the day after the decision, which errs on the person's side. ${SOURCE_SECOND_WAVE}.`,
};

const FURTHER_RECOVERY_45: DeadlineRule = {
  ...RECOVERY_45,
  source:
    `A further positive Reasonable Grounds decision (after a withdrawal, a suspension or a further referral) brings ` +
    `a further recovery period; council practice gives it the same 45 calendar days as the first. ${SOURCE_SECOND_WAVE}.`,
};

const FURTHER_RECOVERY_30_STATUTE: DeadlineRule = {
  amount: 30,
  unit: 'calendar_days',
  counting: 'including_basis_day',
  source:
    `Modern Slavery Act 2015 s.50A (inserted by Nationality and Borders Act 2022 s.64, in force 30 Jan 2023 by ` +
    `SI 2023/33): a further recovery period of "30 days beginning with the day" of the further positive Reasonable ` +
    `Grounds decision, so the decision's own day counts as day 1. ${SOURCE_SECOND_WAVE}.`,
};

const RECONSIDERATION_EXTENDED: ReconsiderationPolicy = {
  moveOnWhilePending: 'extended',
  source:
    `Competent-authority guidance: a first responder or support provider may ask for a negative Reasonable or ` +
    `Conclusive Grounds decision to be reconsidered; support continues while the request is considered, and an ` +
    `upheld decision is followed by move-on support counted from the outcome. ${SOURCE_SECOND_WAVE}.`,
};

const DUE_SOON_HOURS = 24;
/** The NRM began on 1 April 2009; no pathway in this system starts earlier. */
const NRM_START: CalendarDate = '2009-04-01';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

export const COUNCIL_PRACTICE_45: DeadlinePolicy = deepFreeze({
  name: 'councilPractice45',
  description:
    'What councils and the national victim-care contract worked to and what our users ask for: a recovery period of at least 45 calendar days from a positive RG decision, whatever the date.',
  versions: [
    {
      version: `councilPractice45@${NRM_START}`,
      effectiveFrom: NRM_START,
      dueSoonHours: DUE_SOON_HOURS,
      rules: { ...COMMON_RULES, recovery_period_minimum: RECOVERY_45, further_recovery_period_minimum: FURTHER_RECOVERY_45 },
      reconsideration: RECONSIDERATION_EXTENDED,
    },
  ],
  localAuthorityOverrides: [],
});

export const STATUTORY_30: DeadlinePolicy = deepFreeze({
  name: 'statutory30',
  description:
    'The national minimum: 45 days of recovery period for positive RG decisions before 13 Dec 2022, 30 days from that date on (guidance from 13 Dec 2022, law from 30 Jan 2023).',
  versions: [
    {
      version: `statutory30@${NRM_START}`,
      effectiveFrom: NRM_START,
      dueSoonHours: DUE_SOON_HOURS,
      rules: { ...COMMON_RULES, recovery_period_minimum: RECOVERY_45, further_recovery_period_minimum: FURTHER_RECOVERY_45 },
      reconsideration: RECONSIDERATION_EXTENDED,
    },
    {
      version: 'statutory30@2022-12-13',
      effectiveFrom: '2022-12-13',
      dueSoonHours: DUE_SOON_HOURS,
      rules: {
        ...COMMON_RULES,
        recovery_period_minimum: RECOVERY_30_GUIDANCE,
        further_recovery_period_minimum: { ...RECOVERY_30_GUIDANCE, source: `A further recovery period, as the first: ${RECOVERY_30_GUIDANCE.source}` },
      },
      reconsideration: RECONSIDERATION_EXTENDED,
      note: '30-day minimum recovery period as guidance (Written Ministerial Statement, 13 Dec 2022).',
    },
    {
      version: 'statutory30@2023-01-30',
      effectiveFrom: '2023-01-30',
      dueSoonHours: DUE_SOON_HOURS,
      rules: { ...COMMON_RULES, recovery_period_minimum: RECOVERY_30_STATUTE, further_recovery_period_minimum: FURTHER_RECOVERY_30_STATUTE },
      reconsideration: RECONSIDERATION_EXTENDED,
      note: '30-day minimum recovery period in law (SI 2023/33 commencing NABA 2022 ss.60-65).',
    },
  ],
  localAuthorityOverrides: [],
});

export const DEADLINE_POLICIES: Readonly<Record<string, DeadlinePolicy>> = Object.freeze({
  councilPractice45: COUNCIL_PRACTICE_45,
  statutory30: STATUTORY_30,
});

export const DEFAULT_DEADLINE_POLICY = 'councilPractice45';

export function deadlinePolicy(name: string = DEFAULT_DEADLINE_POLICY): DeadlinePolicy {
  const policy = DEADLINE_POLICIES[name];
  if (!policy) throw new Error(`unknown deadline policy "${name}"; known: ${Object.keys(DEADLINE_POLICIES).join(', ')}`);
  return policy;
}

/** A copy of `policy` with local-authority overrides added; throws with every problem if invalid. */
export function withLocalAuthorityOverrides(policy: DeadlinePolicy, overrides: LocalAuthorityOverride[]): DeadlinePolicy {
  const next: DeadlinePolicy = { ...policy, localAuthorityOverrides: [...policy.localAuthorityOverrides, ...overrides] };
  const errors = validateDeadlinePolicy(next);
  if (errors.length) throw new Error(`invalid deadline policy "${policy.name}": ${errors.join('; ')}`);
  return next;
}

function ruleErrors(rule: DeadlineRule | undefined, where: string): string[] {
  if (!rule || typeof rule !== 'object') return [`${where} is missing`];
  const errors: string[] = [];
  if (!Number.isInteger(rule.amount) || rule.amount < 1) errors.push(`${where}.amount must be a positive whole number`);
  if (!(DURATION_UNITS as readonly string[]).includes(rule.unit)) errors.push(`${where}.unit must be one of ${DURATION_UNITS.join(', ')}`);
  if (rule.counting !== undefined && rule.counting !== 'after_basis_day' && rule.counting !== 'including_basis_day') {
    errors.push(`${where}.counting must be after_basis_day or including_basis_day`);
  }
  if (rule.counting !== undefined && rule.unit === 'hours') errors.push(`${where}.counting applies to day units only`);
  if (typeof rule.source !== 'string' || rule.source.trim() === '') errors.push(`${where}.source must name where the rule comes from`);
  return errors;
}

/** Every problem with a policy (a policy may come from configuration, so it is checked, not trusted). */
export function validateDeadlinePolicy(policy: DeadlinePolicy): string[] {
  const errors: string[] = [];
  if (!policy.versions?.length) return ['a policy needs at least one version'];
  const ids = new Set<string>();
  let previous: CalendarDate | undefined;
  policy.versions.forEach((v, i) => {
    const where = `versions[${i}] (${v.version})`;
    if (!v.version) errors.push(`versions[${i}].version is required`);
    if (ids.has(v.version)) errors.push(`${where}: version id used twice`);
    ids.add(v.version);
    if (!isCalendarDate(v.effectiveFrom)) errors.push(`${where}.effectiveFrom must be a date YYYY-MM-DD`);
    else if (previous && v.effectiveFrom <= previous) errors.push(`${where}: versions must be in increasing effectiveFrom order`);
    previous = v.effectiveFrom;
    if (!Number.isInteger(v.dueSoonHours) || v.dueSoonHours < 0) errors.push(`${where}.dueSoonHours must be a whole number of hours`);
    for (const name of RULE_NAMES) errors.push(...ruleErrors(v.rules?.[name], `${where}.rules.${name}`));
    if (!(RECONSIDERATION_CLOCKS as readonly string[]).includes(v.reconsideration?.moveOnWhilePending)) {
      errors.push(`${where}.reconsideration.moveOnWhilePending must be one of ${RECONSIDERATION_CLOCKS.join(', ')}`);
    }
    if (typeof v.reconsideration?.source !== 'string' || v.reconsideration.source.trim() === '') {
      errors.push(`${where}.reconsideration.source must name where the rule comes from`);
    }
  });
  policy.localAuthorityOverrides.forEach((o, i) => {
    const where = `localAuthorityOverrides[${i}] (${o.localAuthorityCode})`;
    if (!o.localAuthorityCode) errors.push(`localAuthorityOverrides[${i}].localAuthorityCode is required`);
    if (!isCalendarDate(o.effectiveFrom)) errors.push(`${where}.effectiveFrom must be a date YYYY-MM-DD`);
    const names = Object.keys(o.rules ?? {});
    if (names.length === 0) errors.push(`${where} overrides no rule`);
    for (const name of names) {
      if (!(LOCALLY_CONFIGURABLE_RULES as readonly string[]).includes(name)) {
        errors.push(`${where}: ${name} is a national rule and cannot be overridden locally (locally configurable: ${LOCALLY_CONFIGURABLE_RULES.join(', ')})`);
      } else {
        errors.push(...ruleErrors(o.rules[name as LocallyConfigurableRule], `${where}.rules.${name}`));
      }
    }
  });
  const seen = new Set<string>();
  for (const o of policy.localAuthorityOverrides) {
    const key = `${o.localAuthorityCode}@${o.effectiveFrom}`;
    if (seen.has(key)) errors.push(`two overrides for ${o.localAuthorityCode} take effect on ${o.effectiveFrom}`);
    seen.add(key);
  }
  return errors;
}

/**
 * The rule in force on `basisDate` for a person of `localAuthorityCode`: the latest version whose
 * effective date is on or before it, replaced by the latest local override of that rule, if any.
 */
export function resolveRule(
  policy: DeadlinePolicy,
  name: RuleName,
  basisDate: CalendarDate,
  localAuthorityCode?: string,
): ResolvedRule {
  const version = [...policy.versions].reverse().find((v) => v.effectiveFrom <= basisDate);
  if (!version) throw new PolicyNotInForceError(policy, basisDate);
  const override = localAuthorityCode
    ? policy.localAuthorityOverrides
        .filter((o) => o.localAuthorityCode === localAuthorityCode && o.effectiveFrom <= basisDate && o.rules[name as LocallyConfigurableRule])
        .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
        .pop()
    : undefined;
  if (override) {
    return {
      name,
      rule: override.rules[name as LocallyConfigurableRule]!,
      reconsideration: version.reconsideration,
      policyVersion: `${version.version}+${override.localAuthorityCode}@${override.effectiveFrom}`,
      dueSoonHours: version.dueSoonHours,
    };
  }
  return { name, rule: version.rules[name], reconsideration: version.reconsideration, policyVersion: version.version, dueSoonHours: version.dueSoonHours };
}

/** A deadline asked for a date before the policy's first version (the NRM began on 1 April 2009). */
export class PolicyNotInForceError extends Error {
  constructor(
    readonly policy: DeadlinePolicy,
    readonly basisDate: CalendarDate,
  ) {
    super(`deadline policy "${policy.name}" has no version in force on ${basisDate} (its first version applies from ${policy.versions[0]?.effectiveFrom})`);
  }
}
