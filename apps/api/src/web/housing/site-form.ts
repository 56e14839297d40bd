import { TZDate } from '@date-fns/tz';
import { SITE_TYPE_WORDS, SITE_TYPES, STAFFED_HOURS, STAFFED_HOURS_WORDS } from '@safe-harbour/domain';
import { SiteView } from '../../sites/site-access.service';

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const ticked = (form: Form, name: string) => {
  const v = form[name];
  return v === 'yes' || v === 'on' || v === 'true' || (Array.isArray(v) && v.includes('yes'));
};

/** The yes/no facts a site form asks, in the order it asks them, with their questions. */
export const SITE_FLAG_FIELDS = [
  { name: 'acceptsChildren', text: 'Takes children' },
  { name: 'acceptsFamilies', text: 'Takes families' },
  { name: 'wheelchairAccessible', text: 'Wheelchair accessible' },
  { name: 'selfContained', text: 'Self-contained' },
  { name: 'dormitory', text: 'Dormitory (shared sleeping area)' },
  { name: 'traumaInformed', text: 'Trauma-informed staff' },
  { name: 'acceptsNoRecourseToPublicFunds', text: 'Takes people with no recourse to public funds' },
] as const;

export const SITE_TYPE_ITEMS = SITE_TYPES.map((t) => ({ value: t, text: SITE_TYPE_WORDS[t] }));
export const STAFFED_HOURS_ITEMS = STAFFED_HOURS.map((s) => ({ value: s, text: STAFFED_HOURS_WORDS[s] }));

/** `2026-12-01T14:05` as London wall-clock time -> ISO instant; '' -> null; anything else is kept to fail validation. */
export function fromLondonInput(value: string): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h = '00', mi = '00'] = m;
  return new Date(new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), 0, 0, 'Europe/London').getTime()).toISOString();
}

/** "45.00" or "£45" -> 4500 pence; '' -> null; a non-number stays as NaN to fail validation. */
export function penceFrom(value: string): number | null {
  if (!value) return null;
  const cleaned = value.replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

/** The site form as the API's create body (the same DTO validates both). */
export function siteBodyFrom(form: Form, organisationId: string) {
  const singleSex = text(form.singleSex);
  const languages = text(form.languages)
    .split(/[,;]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const nightly = penceFrom(text(form.nightlyCost));
  return {
    name: text(form.name),
    type: text(form.type),
    organisationId,
    localAuthorityCode: text(form.localAuthorityCode).toUpperCase(),
    address: text(form.address),
    availableFrom: fromLondonInput(text(form.availableFrom)),
    availableUntil: fromLondonInput(text(form.availableUntil)),
    nightlyCostPence: nightly,
    attributes: {
      singleSex: singleSex === 'female' || singleSex === 'male' ? singleSex : null,
      staffedHours: text(form.staffedHours) || 'none',
      languages,
      ...Object.fromEntries(SITE_FLAG_FIELDS.map((f) => [f.name, ticked(form, f.name)])),
    },
  };
}

/** What the form shows again: what was typed, or the stored site. */
export function siteFormValues(source: Form | SiteView | null): Record<string, unknown> {
  if (!source) return { staffedHours: 'none', singleSex: 'mixed', flags: [] };
  if ('attributes' in source && typeof source.attributes === 'object' && source.attributes && 'id' in source) {
    const s = source as SiteView;
    return {
      name: s.name,
      type: s.type,
      address: s.address ?? '',
      localAuthorityCode: s.localAuthorityCode,
      availableFrom: s.availableFrom,
      availableUntil: s.availableUntil,
      nightlyCost: s.nightlyCostPence === null ? '' : (s.nightlyCostPence / 100).toFixed(2),
      singleSex: s.attributes.singleSex ?? 'mixed',
      staffedHours: s.attributes.staffedHours,
      languages: s.attributes.languages.join(', '),
      flags: SITE_FLAG_FIELDS.filter((f) => s.attributes[f.name]).map((f) => f.name),
    };
  }
  const form = source as Form;
  return {
    ...Object.fromEntries(['name', 'type', 'address', 'localAuthorityCode', 'availableFrom', 'availableUntil', 'nightlyCost', 'singleSex', 'staffedHours', 'languages'].map((k) => [k, text(form[k])])),
    flags: SITE_FLAG_FIELDS.filter((f) => ticked(form, f.name)).map((f) => f.name),
  };
}

/** Which form field each body property is shown beside. */
export const SITE_FIELD_IDS: Record<string, string> = {
  name: 'name',
  type: 'type',
  localAuthorityCode: 'localAuthorityCode',
  address: 'address',
  availableFrom: 'availableFrom',
  availableUntil: 'availableUntil',
  nightlyCostPence: 'nightlyCost',
  'attributes.languages': 'languages',
  'attributes.staffedHours': 'staffedHours',
};

export const SITE_MESSAGES: Record<string, string> = {
  name: 'Enter the site’s name',
  type: 'Choose the type of site',
  localAuthorityCode: 'Enter the local authority’s ONS code, like E08000035',
  address: 'Enter the address',
  availableFrom: 'Enter the date and time it is available from, like 2026-12-01 18:00',
  availableUntil: 'Enter the date and time it is available until, like 2026-12-06 12:00',
  nightlyCostPence: 'Enter the nightly cost in pounds, like 45.00',
};
