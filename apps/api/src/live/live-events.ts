/**
 * What the live feed carries: the event types the features write (the contract's list in docs/api.md,
 * "Live", and the features' additions), the wire shape of an event, and the rule that keeps personal data
 * out of it.
 */
export const LIVE_EVENT_TYPES = [
  'bed.created',
  'bed.status_changed',
  'room.created',
  'site.created',
  'site.updated',
  'placement.created',
  'placement.confirmed',
  'placement.arrived',
  'placement.not_arrived',
  'placement.expired',
  'placement.ended',
  'placement.transferred',
  'person.registered',
  'person.updated',
  'person.triaged',
  'person.stage_changed',
  'person.missing',
  'person.found',
  'person.merged',
  'group.created',
  'station.updated',
  'deadline.created',
  'deadline.due_soon',
  'deadline.overdue',
  'deadline.closed',
  'operation.created',
  'operation.updated',
  'agency.updated',
  'user.access_changed',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/**
 * An account was deactivated or its roles changed. It has no operation and no area, so it reaches no
 * room; every server's gateway closes that user's connections (see LiveGateway).
 */
export const USER_ACCESS_CHANGED = 'user.access_changed';

/** An event as a subscribed client receives it (`event` message). */
export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  operationId?: string;
  localAuthorityCode?: string;
  siteId?: string;
  data: Record<string, unknown>;
}

/** An outbox row as the relay reads it; `organisationId` stays on the server (it only scopes). */
export interface OutboxRow {
  seq: number;
  type: string;
  at: Date;
  operationId: string | null;
  localAuthorityCode: string | null;
  siteId: string | null;
  /** Scopes delivery (an operation's lead, a site's owner); never sent to clients. */
  organisationId?: string | null;
  data: Record<string, unknown>;
}

/** The organisation an event is scoped to, kept beside the event (not on it: clients never see it). */
const EVENT_ORGANISATION = new WeakMap<LiveEvent, string | null>();
export const eventOrganisation = (event: LiveEvent): string | null => EVENT_ORGANISATION.get(event) ?? null;

export const operationRoom = (operationId: string) => `operation:${operationId}`;
export const areaRoom = (localAuthorityCode: string) => `area:${localAuthorityCode}`;

/** The rooms an event goes to: its operation's and its area's (a client in both gets it once). */
export function roomsFor(row: { operationId?: string | null; localAuthorityCode?: string | null }): string[] {
  const rooms: string[] = [];
  if (row.operationId) rooms.push(operationRoom(row.operationId));
  if (row.localAuthorityCode) rooms.push(areaRoom(row.localAuthorityCode));
  return rooms;
}

/**
 * Keys that would carry names, dates of birth, addresses or contact details of a person or a safe
 * site. Events use pseudonymous references (`RAV-007`, ids) only: a dashboard on a laptop in a busy
 * room is not the place for them, and the feed fans out to everyone watching an area.
 * Compared case-insensitively with `_` and `-` removed.
 */
const PERSONAL_KEYS = new Set([
  'givenname',
  'familyname',
  'fullname',
  'firstname',
  'lastname',
  'surname',
  'dateofbirth',
  'dob',
  'birthdate',
  'address',
  'addressline1',
  'addressline2',
  'street',
  'postcode',
  'location',
  'lat',
  'lng',
  'latitude',
  'longitude',
  'exploitationsite',
  'contactname',
  'contactphone',
  'phone',
  'email',
  'nationality',
  'notes',
]);

const normalise = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** The path of the first personal-data key inside `value`, or null when there is none. */
export function findPersonalData(value: unknown, path = 'data'): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findPersonalData(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(normalise(key))) return `${path}.${key}`;
      const found = findPersonalData(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** A copy of `data` without personal-data keys (the relay's last line of defence for raw inserts). */
export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !PERSONAL_KEYS.has(normalise(key)))
        .map(([key, inner]) => [key, withoutPersonalData(inner)]),
    );
  }
  return value;
}

export function toLiveEvent(row: OutboxRow): LiveEvent {
  const event: LiveEvent = { seq: row.seq, type: row.type, at: row.at.toISOString(), data: {} };
  if (row.operationId) event.operationId = row.operationId;
  if (row.localAuthorityCode) event.localAuthorityCode = row.localAuthorityCode;
  if (row.siteId) event.siteId = row.siteId;
  event.data = (findPersonalData(row.data) ? withoutPersonalData(row.data) : row.data) as Record<string, unknown>;
  EVENT_ORGANISATION.set(event, row.organisationId ?? null);
  return event;
}
