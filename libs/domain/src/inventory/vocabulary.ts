/** The accommodation inventory's words, shared by the API, the CSV import and the SQL CHECK constraints. */

export const SITE_TYPES = [
  'place_of_safety',
  'hostel',
  'bed_and_breakfast',
  'void_property',
  'self_contained_flat',
  'safe_house',
  'respite_centre',
  'refuge',
  'reception_centre',
  'foster_placement',
] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const ROOM_KINDS = ['bedroom', 'dormitory', 'interview', 'abe_suite', 'communal', 'staff', 'welfare'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
/** Only these rooms hold beds: nobody sleeps in an interview room or the staff room. */
export const BED_ROOM_KINDS: readonly RoomKind[] = ['bedroom', 'dormitory'];
export const roomHoldsBeds = (kind: RoomKind) => BED_ROOM_KINDS.includes(kind);

export const BED_STATUSES = ['available', 'reserved', 'occupied', 'out_of_service', 'closed'] as const;
export type BedStatus = (typeof BED_STATUSES)[number];
/** What an officer may set by hand; `reserved` and `occupied` follow from placements only. */
export const OFFICER_BED_STATUSES = ['available', 'out_of_service', 'closed'] as const;
export type OfficerBedStatus = (typeof OFFICER_BED_STATUSES)[number];
/** Someone is (or is about to be) in the bed. */
export const IN_USE_BED_STATUSES: readonly BedStatus[] = ['reserved', 'occupied'];

export const OUT_OF_SERVICE_REASONS = ['cleaning', 'repair', 'damaged', 'other'] as const;
export type OutOfServiceReason = (typeof OUT_OF_SERVICE_REASONS)[number];

/** `24h` staffed round the clock; `office` staffed in office hours; `on_call` someone reachable; `none`. */
export const STAFFED_HOURS = ['24h', 'office', 'on_call', 'none'] as const;
export type StaffedHours = (typeof STAFFED_HOURS)[number];

export const SINGLE_SEX = ['female', 'male'] as const;
export type SingleSex = (typeof SINGLE_SEX)[number];

export const READINESS = ['ready', 'not_ready'] as const;
export type Readiness = (typeof READINESS)[number];

/** ONS GSS code of a local authority, e.g. E08000035 (Leeds), E08000032 (Bradford). */
export const LOCAL_AUTHORITY_CODE = /^[A-Z][0-9]{8}$/;

export type BedCounts = Record<BedStatus, number> & { total: number };
export const emptyBedCounts = (): BedCounts => ({
  available: 0,
  reserved: 0,
  occupied: 0,
  out_of_service: 0,
  closed: 0,
  total: 0,
});
