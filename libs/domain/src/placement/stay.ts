import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { PersonPlacementProfile, PlacementDependant } from './placement.types';

export const PLACEMENT_TIME_ZONE = 'Europe/London';

/**
 * When the stay is expected to end: the requested `until` when given; otherwise the end of the stage's
 * remaining days, counted as calendar days in Europe/London so a stay that crosses a clock change still
 * ends at the same wall-clock time; null when neither is known (an open-ended stay of unknown length).
 * Part days count as whole days: a bed must not run out on the last day.
 */
export function expectedStayEnd(person: Pick<PersonPlacementProfile, 'requestedPeriod' | 'stageRemainingDays'>): Date | null {
  const { from, until } = person.requestedPeriod;
  if (until) return until;
  if (person.stageRemainingDays == null || !Number.isFinite(person.stageRemainingDays)) return null;
  const days = Math.max(0, Math.ceil(person.stageRemainingDays));
  return new Date(addDays(new TZDate(from.getTime(), PLACEMENT_TIME_ZONE), days).getTime());
}

/**
 * Beds the person needs in one site. Dependants are normally registered as people of the same group, so
 * the group size already counts them; when they are only a count on this person (a baby not registered),
 * they still need beds. Taking the larger of the two never undercounts either way.
 */
export function bedsNeeded(person: Pick<PersonPlacementProfile, 'groupSize' | 'needs' | 'dependants'>): number {
  const group = Math.max(1, Math.floor(person.groupSize || 1));
  const withDependants = 1 + dependantsOf(person).length;
  return Math.max(group, withDependants);
}

/** A family (not merely people who travelled together) must go to a site that accepts families. */
export function isFamily(person: Pick<PersonPlacementProfile, 'groupSize' | 'groupKind' | 'needs' | 'dependants'>): boolean {
  return dependantsOf(person).length > 0 || (person.groupKind === 'family' && person.groupSize > 1);
}

export const isTreatedAsChild = (person: Pick<PersonPlacementProfile, 'ageCategory'>) =>
  person.ageCategory === 'child' || person.ageCategory === 'age_disputed';

/**
 * The dependants who come with the person: as described, or else `needs.dependants` children of unknown
 * age and sex. A count with no detail is treated as children, the safe reading for every child rule.
 */
export function dependantsOf(person: Pick<PersonPlacementProfile, 'needs' | 'dependants'>): readonly PlacementDependant[] {
  if (person.dependants && person.dependants.length > 0) return person.dependants;
  const count = Math.max(0, Math.floor(person.needs.dependants || 0));
  return Array.from({ length: count }, () => ({ ageCategory: 'child' as const }));
}

export const childDependants = (person: Pick<PersonPlacementProfile, 'needs' | 'dependants'>) =>
  dependantsOf(person).filter((d) => d.ageCategory === 'child').length;

/**
 * Kept apart from the victims of their own operation: a suspect, a flagged possible controller, or a
 * potential victim who is also a suspected offender.
 */
export const isKeptApart = (person: Pick<PersonPlacementProfile, 'triageOutcome' | 'possibleController' | 'suspectedOffender'>) =>
  person.triageOutcome === 'suspect' || person.possibleController || person.suspectedOffender === true;

/** The sexes of everyone the site would house for this person (dependants of unknown sex as `unknown`). */
export const sexesToHouse = (person: Pick<PersonPlacementProfile, 'sex' | 'needs' | 'dependants'>): string[] => [
  person.sex,
  ...dependantsOf(person).map((d) => d.sex || 'unknown'),
];

/**
 * Which live pathway deadline ends each stage's expected stay. The recovery period runs at least to its
 * minimum (support continues to the Conclusive Grounds decision, often much later); awaiting RG uses the
 * decision maker's target. Stages not listed (children's services, encountered) have no known end.
 */
export const STAGE_END_DEADLINE: Readonly<Record<string, string>> = {
  pre_nrm: 'pre_nrm_accommodation_ends',
  awaiting_rg: 'rg_decision_expected',
  recovery_period: 'recovery_period_minimum_ends',
  move_on: 'move_on_ends',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days of the person's stage still to run at `from`, from the pathway's live deadlines; null when the stage
 * has no known end. Fractional: `expectedStayEnd` rounds up to whole days. Past due counts as 0.
 */
export function stageRemainingDays(
  stage: string,
  deadlines: readonly { kind: string; dueAt: Date | string }[],
  from: Date,
): number | null {
  const kind = STAGE_END_DEADLINE[stage];
  if (!kind) return null;
  const due = deadlines
    .filter((d) => d.kind === kind)
    .map((d) => new Date(d.dueAt).getTime())
    .filter(Number.isFinite)
    .sort((a, b) => a - b)[0];
  if (due === undefined) return null;
  return Math.max(0, (due - from.getTime()) / DAY_MS);
}
