// The shapes the dashboard reads from the API snapshots.
export const BED_STATES = [
  { key: 'available', label: 'available', short: 'free' },
  // beds of a void property whose readiness checklist is not done: not placeable, so never "free"
  { key: 'not_ready', label: 'not ready', short: 'not ready' },
  { key: 'reserved', label: 'reserved', short: 'held' },
  { key: 'occupied', label: 'occupied', short: 'in use' },
  { key: 'out_of_service', label: 'out of service', short: 'out' },
  { key: 'closed', label: 'closed', short: 'closed' },
] as const;

export type BedState = (typeof BED_STATES)[number]['key'];

export interface SiteOccupancy {
  siteId: string;
  name: string;
  type: string;
  localAuthorityCode: string;
  readiness?: 'ready' | 'not_ready';
  total: number;
  counts: Record<BedState, number>;
}

export interface Occupancy {
  seq: number;
  sites: SiteOccupancy[];
}

/** The parts of `GET /api/v1/operations/:id/summary` the dashboard shows. */
export interface OperationSummary {
  seq: number;
  operationId: string;
  name: string;
  code: string;
  status: string;
  funnel: { registered: number; triaged: number; potentialVictims: number; placed: number; referredOrNotified: number; rgDecided: number };
  awaitingBed: { count: number; people: Array<{ reference: string; since: string }> };
  nextDeadlines: Array<{ reference: string; kind: string; dueAt: string; state: 'pending' | 'due_soon' | 'overdue' }>;
  missingPeople: Array<{ reference: string; reportedAt: string; bedHoldEndsAt: string | null }>;
  agencyRoster: Array<{ organisationId: string; name: string; attendance: 'present' | 'on_call'; contactName: string | null; contactPhone: string | null }>;
  stillInCentre: Array<{ reference: string; bedLabel: string; centreClosesAt: string; pastCentreWindow: boolean }>;
}

export const minutesSince = (iso: string) => Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));

export function formatWait(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return `${h} h ${minutes % 60} min`;
}
