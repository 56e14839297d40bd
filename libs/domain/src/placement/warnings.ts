import { PersonPlacementProfile, PlacementWarning, SitePlacementProfile } from './placement.types';

/**
 * What an officer should see before choosing a site that breaks no hard rule: facts that are not known
 * yet and would decide whether the placement holds. Each has a stable code and a reason in plain words.
 */
export function placementWarnings(person: PersonPlacementProfile, site: SitePlacementProfile, stayEnd: Date | null): PlacementWarning[] {
  const warnings: PlacementWarning[] = [];
  if ((person.recourseToPublicFunds ?? 'unknown') === 'unknown' && !site.acceptsNoRecourseToPublicFunds) {
    warnings.push({
      code: 'RECOURSE_UNKNOWN',
      reason:
        "The person's recourse to public funds is not known and this site does not accept people with no " +
        'recourse: check before placing, or the council may not be able to fund the stay.',
    });
  }
  if (!stayEnd && site.availableUntil) {
    warnings.push({
      code: 'STAY_END_UNKNOWN',
      reason: "How long the stay will last is not known (no end asked for, and the stage has no expected end) and this site's availability ends: plan the move.",
    });
  }
  return warnings;
}
