import { LOCAL_AUTHORITY_CODE, SINGLE_SEX, SITE_TYPES, STAFFED_HOURS } from './vocabulary';

/** Everything about a site that its own rules look at, after parsing (API body, PATCH merge or CSV row). */
export interface SiteFacts {
  name: string;
  type: string;
  localAuthorityCode: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  singleSex: string | null;
  acceptsChildren: boolean;
  acceptsFamilies: boolean;
  wheelchairAccessible: boolean;
  selfContained: boolean;
  dormitory: boolean;
  staffedHours: string;
  traumaInformed: boolean;
  acceptsNoRecourseToPublicFunds: boolean;
  acceptsPets: boolean;
  /** Drug and alcohol support on site or by arrangement. */
  substanceMisuseSupport: boolean;
  languages: string[];
  nightlyCostPence: number | null;
}

export interface SiteRuleViolation {
  field: keyof SiteFacts;
  message: string;
}

export const SITE_LIMITS = { name: 200, address: 500, languages: 50, language: 50 } as const;

const isBlank = (s: string | null | undefined) => !s || s.trim().length === 0;

/**
 * The rules a site must keep whoever writes it. The SQL CHECK constraints say the same, so a writer that
 * skips this still cannot store a broken site; this gives the user every reason at once, in words.
 */
export function siteRuleViolations(site: SiteFacts): SiteRuleViolation[] {
  const out: SiteRuleViolation[] = [];
  const add = (field: keyof SiteFacts, message: string) => out.push({ field, message });

  if (isBlank(site.name)) add('name', 'name is required');
  else if (site.name.trim().length > SITE_LIMITS.name) add('name', `name must be at most ${SITE_LIMITS.name} characters`);
  if (!(SITE_TYPES as readonly string[]).includes(site.type)) {
    add('type', `type must be one of ${SITE_TYPES.join(', ')}`);
  }
  if (!LOCAL_AUTHORITY_CODE.test(site.localAuthorityCode ?? '')) {
    add('localAuthorityCode', 'localAuthorityCode must be an ONS code like E08000035');
  }
  if (isBlank(site.address)) add('address', 'address is required');
  else if (site.address.trim().length > SITE_LIMITS.address) add('address', `address must be at most ${SITE_LIMITS.address} characters`);

  const { latitude, longitude } = site;
  if ((latitude === null) !== (longitude === null)) {
    add('latitude', 'a location needs both latitude and longitude, or neither');
  }
  if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90)) {
    add('latitude', 'latitude must be between -90 and 90');
  }
  if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180)) {
    add('longitude', 'longitude must be between -180 and 180');
  }

  const from = site.availableFrom;
  const until = site.availableUntil;
  if (from && Number.isNaN(from.getTime())) add('availableFrom', 'availableFrom is not a valid date');
  if (until && Number.isNaN(until.getTime())) add('availableUntil', 'availableUntil is not a valid date');
  if (from && until && !(until.getTime() > from.getTime())) {
    add('availableUntil', 'availableUntil must be after availableFrom');
  }

  if (site.singleSex !== null && !(SINGLE_SEX as readonly string[]).includes(site.singleSex)) {
    add('singleSex', `singleSex must be one of ${SINGLE_SEX.join(', ')}, or null for mixed`);
  }
  if (!(STAFFED_HOURS as readonly string[]).includes(site.staffedHours)) {
    add('staffedHours', `staffedHours must be one of ${STAFFED_HOURS.join(', ')}`);
  }
  // Shared sleeping and a self-contained unit exclude each other; placement relies on the distinction
  // to keep people with additional vulnerabilities out of dormitories.
  if (site.dormitory && site.selfContained) {
    add('dormitory', 'a site cannot be both dormitory and selfContained');
  }
  if (site.languages.length > SITE_LIMITS.languages) {
    add('languages', `at most ${SITE_LIMITS.languages} languages`);
  }
  if (site.languages.some((l) => isBlank(l) || l.trim().length > SITE_LIMITS.language)) {
    add('languages', `each language must be 1-${SITE_LIMITS.language} characters`);
  }
  if (site.nightlyCostPence !== null && !(Number.isInteger(site.nightlyCostPence) && site.nightlyCostPence >= 0)) {
    add('nightlyCostPence', 'nightlyCostPence must be a whole number of pence, 0 or more');
  }
  return out;
}

/** Languages as stored: trimmed, duplicates (case-insensitive) dropped, first spelling kept. */
export function normaliseLanguages(languages: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of languages) {
    const l = raw.trim();
    if (!l || seen.has(l.toLowerCase())) continue;
    seen.add(l.toLowerCase());
    out.push(l);
  }
  return out;
}

/** Is the site usable for the whole of [from, until)? A missing bound of the window is open. */
export function windowCovers(
  window: { availableFrom: Date | null; availableUntil: Date | null },
  from: Date,
  until: Date | null,
): boolean {
  if (window.availableFrom && window.availableFrom.getTime() > from.getTime()) return false;
  if (window.availableUntil) {
    if (until === null) return false;
    if (window.availableUntil.getTime() < until.getTime()) return false;
  }
  return true;
}
