import { haversineKm } from './distance';
import { hardRuleExclusions } from './hard-rules';
import { DEFAULT_PLACEMENT_POLICY, PlacementPolicy } from './placement-policy';
import { PersonPlacementProfile, Rule, SiteAssessment, SitePlacementProfile } from './placement.types';
import { scorePreferences } from './soft-preferences';
import { bedsNeeded, expectedStayEnd, isFamily } from './stay';
import { placementWarnings } from './warnings';
import { PlacementWarning, PreferenceScore } from './placement.types';

/** Kilometres from the nearest place the person must be kept away from: the exploitation site or a keep-away point. */
export function nearestDangerKm(person: PersonPlacementProfile, site: SitePlacementProfile): number | null {
  if (!site.location) return null;
  const points = [...(person.exploitationSite ? [person.exploitationSite] : []), ...(person.keepAwayFrom ?? [])];
  return points.length ? Math.min(...points.map((p) => haversineKm(p, site.location!))) : null;
}

/** Is this site suitable for this person over the requested period, and how well does it fit? */
export function assessSite(
  person: PersonPlacementProfile,
  site: SitePlacementProfile,
  policy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY,
): SiteAssessment {
  const distanceKm = person.exploitationSite && site.location ? haversineKm(person.exploitationSite, site.location) : null;
  const stayEnd = expectedStayEnd(person);
  const excluded = hardRuleExclusions(person, site, {
    policy,
    stayEnd,
    bedsNeeded: bedsNeeded(person),
    family: isFamily(person),
    distanceKm,
  });
  const danger = nearestDangerKm(person, site);
  const { score, reasons, breakdown } = scorePreferences(person, site, policy, distanceKm, danger);
  const warnings = placementWarnings(person, site, stayEnd);
  return { siteId: site.siteId, suitable: excluded.length === 0, excluded, score, reasons, breakdown, distanceKm, nearestDangerKm: danger, warnings };
}

export interface BedCandidate {
  bedId: string;
  site: SitePlacementProfile;
}

export interface RankedBed {
  bedId: string;
  siteId: string;
  score: number;
  reasons: string[];
  /** Each preference with its stable code, weight, credit (null: does not apply) and reason. */
  preferences: PreferenceScore[];
  warnings: PlacementWarning[];
  distanceKm: number | null;
}

export interface ExcludedSite {
  siteId: string;
  rules: Rule[];
  score: number;
}

export interface RankBedsOptions {
  /** Keep the best `limit` beds (after `maxBedsPerSite`). */
  limit?: number;
  /** At most this many beds per site, so one large site does not fill the whole list. */
  maxBedsPerSite?: number;
}

export interface BedRanking {
  options: RankedBed[];
  /** Every site with candidate beds that a hard rule excludes, each once, in site id order. */
  excluded: ExcludedSite[];
}

/**
 * Ranks candidate beds (e.g. the rows the SQL pre-filter returned, one per bed) by their site's score;
 * ties go to the further site, then by site and bed id so the same inputs always give the same list.
 * Each site is assessed once, whatever the number of its beds.
 */
export function rankBeds(
  person: PersonPlacementProfile,
  candidates: readonly BedCandidate[],
  policy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY,
  limits: RankBedsOptions = {},
): BedRanking {
  const assessments = new Map<string, SiteAssessment>();
  const ranked: RankedBed[] = [];
  for (const { bedId, site } of candidates) {
    let assessment = assessments.get(site.siteId);
    if (!assessment) {
      assessment = assessSite(person, site, policy);
      assessments.set(site.siteId, assessment);
    }
    if (assessment.suitable) {
      ranked.push({
        bedId,
        siteId: site.siteId,
        score: assessment.score,
        reasons: assessment.reasons,
        preferences: assessment.breakdown,
        warnings: assessment.warnings,
        // ties go to the site further from danger
        distanceKm: assessment.nearestDangerKm,
      });
    }
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      (b.distanceKm ?? -1) - (a.distanceKm ?? -1) ||
      compareText(a.siteId, b.siteId) ||
      compareText(a.bedId, b.bedId),
  );
  const perSite = new Map<string, number>();
  const options: RankedBed[] = [];
  for (const bed of ranked) {
    if (limits.limit != null && options.length >= limits.limit) break;
    const taken = perSite.get(bed.siteId) ?? 0;
    if (limits.maxBedsPerSite != null && taken >= limits.maxBedsPerSite) continue;
    perSite.set(bed.siteId, taken + 1);
    options.push(bed);
  }
  const excluded = [...assessments.values()]
    .filter((a) => !a.suitable)
    .map((a) => ({ siteId: a.siteId, rules: a.excluded, score: a.score }))
    .sort((a, b) => compareText(a.siteId, b.siteId));
  return { options, excluded };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
