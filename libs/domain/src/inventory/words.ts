import { BedStatus, OutOfServiceReason, SiteType, StaffedHours } from './vocabulary';

/** The inventory's words as officers say them, for pages and messages (the API keeps its codes). */
export const SITE_TYPE_WORDS: Record<SiteType, string> = {
  place_of_safety: 'Place of safety',
  hostel: 'Hostel',
  bed_and_breakfast: 'B&B',
  void_property: 'Void council property',
  self_contained_flat: 'Self-contained flat',
  safe_house: 'Safe house',
  respite_centre: 'Respite centre',
  refuge: 'Refuge',
  reception_centre: 'Reception centre',
  foster_placement: 'Foster placement',
};

/** A bed's status as a tag: words always, the colour only repeats them (GOV.UK tag colour modifiers). */
export const BED_STATUS_TAGS: Record<BedStatus | 'not_ready', { text: string; colour: string }> = {
  available: { text: 'Available', colour: 'green' },
  not_ready: { text: 'Not ready', colour: 'grey' },
  reserved: { text: 'Reserved', colour: 'blue' },
  occupied: { text: 'Occupied', colour: 'purple' },
  out_of_service: { text: 'Out of service', colour: 'orange' },
  closed: { text: 'Closed', colour: 'grey' },
};

export const OUT_OF_SERVICE_REASON_WORDS: Record<OutOfServiceReason, string> = {
  cleaning: 'Cleaning',
  repair: 'Repair',
  damaged: 'Damaged',
  other: 'Other',
};

export const STAFFED_HOURS_WORDS: Record<StaffedHours, string> = {
  '24h': 'Staffed 24 hours',
  office: 'Staffed in office hours',
  on_call: 'Staff on call',
  none: 'Not staffed',
};

/**
 * How a bed shows on a page: a bed marked available in a site that is not ready (a void property whose
 * checklist is not done) is "Not ready", never "Available".
 */
export function bedStatusTag(status: BedStatus, siteReadiness: 'ready' | 'not_ready', reason: OutOfServiceReason | null = null): { text: string; colour: string } {
  if (status === 'available' && siteReadiness !== 'ready') return BED_STATUS_TAGS.not_ready;
  const tag = BED_STATUS_TAGS[status];
  return status === 'out_of_service' && reason ? { ...tag, text: `${tag.text}: ${OUT_OF_SERVICE_REASON_WORDS[reason].toLowerCase()}` } : tag;
}

/** "2 h 5 min", "35 min", "3 days 4 h": how long something has waited. */
export function waitedFor(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  return `${days} days${hours ? ` ${hours} h` : ''}`;
}

/** Pence as pounds: 4500 -> "£45.00", 129000 -> "£1,290.00". */
export function pounds(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** How far a site is from the place of exploitation, in the bands officers talk in. */
export function distanceBand(km: number | null): string {
  if (km === null || !Number.isFinite(km)) return 'Distance not known';
  if (km < 5) return 'Under 5 km';
  if (km < 20) return '5 to 20 km';
  if (km < 50) return '20 to 50 km';
  return '50 km or more';
}
