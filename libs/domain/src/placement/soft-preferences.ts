import { PlacementPolicy } from './placement-policy';
import { PersonPlacementProfile, PreferenceCode, PreferenceScore, SitePlacementProfile } from './placement.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `pt-BR`, `PT`, `pt_br` all mean Portuguese for matching staff to a person. */
export const normaliseLanguage = (language: string) => language.trim().toLowerCase().split(/[-_]/)[0];

const STAGE_WORDS: Record<string, string> = {
  encountered: 'encountered',
  pre_nrm: 'pre-NRM',
  awaiting_rg: 'awaiting Reasonable Grounds',
  recovery_period: 'recovery period',
  move_on: 'move-on',
  children_services: "children's services",
  duty_to_notify: 'duty to notify',
};
const stageWords = (stage: string) => STAGE_WORDS[stage] ?? stage.replace(/_/g, ' ');

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

type Credit = { credit: number | null; reason: string };
type PreferenceContext = { policy: PlacementPolicy; distanceKm: number | null; nearestDangerKm: number | null };
type Scorer = (person: PersonPlacementProfile, site: SitePlacementProfile, ctx: PreferenceContext) => Credit;

/**
 * Each preference gives a credit 0..1, or null when it does not apply to the person (no exploitation site
 * known, no language recorded): then it is left out of the mean, as it separates no site from another.
 * A fact missing on the site's side gets the policy's neutral credit instead, so a site with an unknown
 * location never outranks one known to be far away.
 */
const SCORERS: Record<PreferenceCode, Scorer> = {
  distance(person, site, { policy, nearestDangerKm }) {
    const keepAway = person.keepAwayFrom?.length ?? 0;
    if (!person.exploitationSite && keepAway === 0) return { credit: null, reason: 'The place of exploitation is not recorded.' };
    if (nearestDangerKm == null || !site.location) {
      return { credit: policy.credits.unknownSiteFact, reason: "The site's location is not recorded: distance unknown." };
    }
    const span = policy.fullDistanceCreditKm - policy.minimumDistanceKm;
    const from = keepAway > 0 ? 'the nearest place to keep away from' : 'the place of exploitation';
    return {
      credit: clamp01((nearestDangerKm - policy.minimumDistanceKm) / span),
      reason: `${nearestDangerKm.toFixed(1)} km from ${from} (further is safer).`,
    };
  },
  language(person, site, { policy }) {
    const spoken = new Set(person.languages.map(normaliseLanguage).filter(Boolean));
    if (spoken.size === 0) return { credit: null, reason: "The person's languages are not recorded." };
    const staff = new Set([...site.languages, ...policy.assumedStaffLanguages].map(normaliseLanguage).filter(Boolean));
    if (staff.size === 0) return { credit: policy.credits.unknownSiteFact, reason: "The staff's languages are not recorded." };
    const shared = [...spoken].filter((l) => staff.has(l));
    return shared.length
      ? { credit: 1, reason: `Staff speak ${shared.join(', ')}.` }
      : { credit: 0, reason: `No staff language in common with the person (${[...spoken].join(', ')}): an interpreter is needed.` };
  },
  localAuthority(person, site, { policy }) {
    const home = person.localAuthorityCode;
    if (!home) return { credit: null, reason: "The person's local authority is not recorded." };
    if (site.localAuthorityCode === home) return { credit: 1, reason: `In the same local authority (${home}).` };
    const agreed = policy.crossBoundaryAgreements.some(
      (a) => a.fromAuthority === home && a.toAuthority === site.localAuthorityCode,
    );
    return agreed
      ? {
          credit: policy.credits.crossBoundaryAgreement,
          reason: `In ${site.localAuthorityCode}, covered by a cross-boundary agreement with ${home}.`,
        }
      : { credit: 0, reason: `In ${site.localAuthorityCode}, outside ${home}, with no cross-boundary agreement.` };
  },
  selfContained(_person, site, { policy }) {
    if (site.dormitory) return { credit: 0, reason: 'Dormitory-style.' };
    if (site.selfContained) return { credit: 1, reason: 'Self-contained.' };
    return { credit: policy.credits.sharedNotDormitory, reason: 'Shared accommodation.' };
  },
  availabilityLength(person, site) {
    const need = person.stageRemainingDays;
    if (need == null || !Number.isFinite(need) || need <= 0) {
      return { credit: null, reason: "The stage's remaining days are not known." };
    }
    if (!site.availableUntil) return { credit: 1, reason: 'Available with no end date.' };
    const days = (site.availableUntil.getTime() - person.requestedPeriod.from.getTime()) / DAY_MS;
    const whole = Math.max(0, Math.floor(days));
    return {
      credit: clamp01(days / need),
      reason: `Available for ${plural(whole, 'day')}; the ${stageWords(person.stage)} stage has about ${plural(Math.ceil(need), 'day')} left.`,
    };
  },
  traumaInformed(_person, site) {
    return site.traumaInformed
      ? { credit: 1, reason: 'Trauma-informed.' }
      : { credit: 0, reason: 'Not trauma-informed.' };
  },
  staffing(person, site, { policy }) {
    if (!person.needs.medical) return { credit: null, reason: 'No medical needs recorded.' };
    const hours = site.staffedHours ?? null;
    const credits = policy.credits.staffedHours;
    if (hours == null || !Object.hasOwn(credits, hours)) {
      return { credit: policy.credits.unknownSiteFact, reason: "Medical needs: the site's staffed hours are not recorded." };
    }
    return { credit: credits[hours], reason: `Medical needs: staffed ${hours.replace(/_/g, ' ')}.` };
  },
  singleSexPreference(person, site) {
    if (!person.prefersSingleSex) return { credit: null, reason: 'No single-sex preference.' };
    return site.singleSex != null && site.singleSex === person.sex
      ? { credit: 1, reason: 'Single-sex, as the person asked.' }
      : { credit: 0, reason: 'Not single-sex, though the person asked for it.' };
  },
  pregnancy(person, site, { policy }) {
    if (!person.needs.pregnant) return { credit: null, reason: 'Not pregnant.' };
    const { pregnancy, pregnancyStaffedBonus } = policy.credits;
    const [base, kind] = site.dormitory
      ? [pregnancy.dormitory, 'dormitory-style']
      : site.selfContained
        ? [pregnancy.selfContained, 'self-contained']
        : [pregnancy.shared, 'shared'];
    const staffed = site.staffedHours === '24h';
    return {
      credit: clamp01(base + (staffed ? pregnancyStaffedBonus : 0)),
      reason: `Pregnant: the site is ${kind}${staffed ? ' and staffed 24 hours' : ', not staffed 24 hours'}.`,
    };
  },
  pets(person, site) {
    if (!person.needs.pets) return { credit: null, reason: 'No pets.' };
    return site.acceptsPets
      ? { credit: 1, reason: 'Takes pets: the person can bring theirs.' }
      : { credit: 0, reason: 'Does not take pets, and the person has one: the placement may not hold.' };
  },
  substanceMisuseSupport(person, site) {
    if (!person.needs.substanceMisuseSupport) return { credit: null, reason: 'No substance-misuse support needed.' };
    return site.substanceMisuseSupport
      ? { credit: 1, reason: 'Drug and alcohol support is available, as the person needs.' }
      : { credit: 0, reason: 'No drug and alcohol support at this site, though the person needs it.' };
  },
};

export const PREFERENCE_CODES = Object.keys(SCORERS) as PreferenceCode[];

export interface SoftScore {
  score: number;
  reasons: string[];
  breakdown: PreferenceScore[];
}

/**
 * Weighted mean of the applicable preferences, 0–100 (rounded). Reasons list the preferences that count,
 * heaviest first. When none applies, every site is as good as another: 100.
 */
export function scorePreferences(
  person: PersonPlacementProfile,
  site: SitePlacementProfile,
  policy: PlacementPolicy,
  distanceKm: number | null,
  nearestDangerKm: number | null = distanceKm,
): SoftScore {
  const breakdown: PreferenceScore[] = PREFERENCE_CODES.map((code) => {
    const { credit, reason } = SCORERS[code](person, site, { policy, distanceKm, nearestDangerKm });
    return { code, weight: policy.weights[code] ?? 0, credit, reason };
  });
  const counted = breakdown.filter((p) => p.credit != null && p.weight > 0);
  const totalWeight = counted.reduce((sum, p) => sum + p.weight, 0);
  const score =
    totalWeight > 0 ? Math.round((100 * counted.reduce((sum, p) => sum + p.weight * (p.credit as number), 0)) / totalWeight) : 100;
  const reasons = [...counted].sort((a, b) => b.weight - a.weight).map((p) => p.reason);
  return { score, reasons, breakdown };
}
