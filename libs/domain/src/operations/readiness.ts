import { RoomKind } from '../inventory/vocabulary';
/**
 * Does the booked venue have what the plan needs? The reported operations needed interview rooms, a
 * communal area, a sleeping area, toilets and showers, and a staff room for coordination; how many of
 * each depends on how many people the police expect to find.
 */

export interface ReadinessPolicy {
  /** De-briefs take an hour or two each: one interview room (or ABE suite) per this many expected people. */
  peoplePerInterviewRoom: number;
}

export const DEFAULT_READINESS_POLICY: ReadinessPolicy = { peoplePerInterviewRoom: 5 };

export interface VenueFacts {
  rooms: Partial<Record<RoomKind, number>>;
  /** Beds in the venue's sleeping rooms that can be used (not closed, not out of service). */
  usableBeds: number;
}

export const VENUE_READINESS_ITEMS = ['interview_rooms', 'sleeping_capacity', 'communal_area', 'toilets_showers', 'staff_room'] as const;
export type VenueReadinessItem = (typeof VENUE_READINESS_ITEMS)[number];

export interface ReadinessLine {
  item: VenueReadinessItem;
  needed: number;
  available: number;
  ok: boolean;
  explanation: string;
}

export interface VenueReadiness {
  ready: boolean;
  items: ReadinessLine[];
}

export function assessReadiness(expectedPeople: number, venue: VenueFacts, policy: ReadinessPolicy = DEFAULT_READINESS_POLICY): VenueReadiness {
  const rooms = (kind: RoomKind) => venue.rooms[kind] ?? 0;
  const line = (item: VenueReadinessItem, needed: number, available: number, explanation: string): ReadinessLine => ({
    item,
    needed,
    available,
    ok: available >= needed,
    explanation,
  });
  const interviewNeeded = expectedPeople === 0 ? 1 : Math.ceil(expectedPeople / policy.peoplePerInterviewRoom);
  const items = [
    line(
      'interview_rooms',
      interviewNeeded,
      rooms('interview') + rooms('abe_suite'),
      `one interview room or ABE suite per ${policy.peoplePerInterviewRoom} expected people (at least one)`,
    ),
    line('sleeping_capacity', expectedPeople, venue.usableBeds, 'a usable bed for every expected person for the first nights'),
    line('communal_area', 1, rooms('communal'), 'somewhere to wait, eat and rest between stations'),
    line('toilets_showers', 1, rooms('welfare'), 'toilets and showers (welfare rooms)'),
    line('staff_room', 1, rooms('staff'), 'a staff room for multi-agency coordination'),
  ];
  return { ready: items.every((i) => i.ok), items };
}
