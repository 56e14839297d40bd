import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { PersonPlacementProfile } from './placement.types';

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
export function bedsNeeded(person: Pick<PersonPlacementProfile, 'groupSize' | 'needs'>): number {
  const group = Math.max(1, Math.floor(person.groupSize || 1));
  const withDependants = 1 + Math.max(0, Math.floor(person.needs.dependants || 0));
  return Math.max(group, withDependants);
}

/** A family (not merely people who travelled together) must go to a site that accepts families. */
export function isFamily(person: Pick<PersonPlacementProfile, 'groupSize' | 'groupKind' | 'needs'>): boolean {
  return person.needs.dependants > 0 || (person.groupKind === 'family' && person.groupSize > 1);
}

export const isTreatedAsChild = (person: Pick<PersonPlacementProfile, 'ageCategory'>) =>
  person.ageCategory === 'child' || person.ageCategory === 'age_disputed';
