import { AgeCategory, treatedAsChild } from './age';
import { TriageOutcome } from './triage';

/**
 * A reception centre works as stations that each person passes through. The order is the usual order of
 * the day: interpreter first (everything else depends on it), then police de-brief, health check, the
 * first-responder conversation (NRM consent or Duty to Notify; children's services act for children),
 * housing needs and welfare.
 */
export const STATIONS = ['interpreter', 'police_debrief', 'health_check', 'first_responder', 'housing_needs', 'welfare'] as const;
export type Station = (typeof STATIONS)[number];

export const STATION_STATUSES = ['queued', 'in_progress', 'done'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export interface StationProfile {
  triageOutcome: TriageOutcome | null;
  ageCategory: AgeCategory;
  interpreterNeeded: boolean;
}

/**
 * Which stations apply. Everyone is de-briefed by the police. Before triage everyone is also offered a
 * health check and welfare, since nobody yet knows who is a victim. After triage:
 * - potential victims: health check, first responder, housing needs (adults only: children's services
 *   find a child's placement, never adult housing), welfare;
 * - suspects: de-brief only (custody takes over);
 * - witnesses and people who are not victims: welfare;
 * - any child or age-disputed person keeps welfare and the health check whatever the outcome.
 */
export function stationsFor(profile: StationProfile): Station[] {
  const child = treatedAsChild(profile.ageCategory);
  const wanted = new Set<Station>(['police_debrief']);
  if (profile.interpreterNeeded) wanted.add('interpreter');
  switch (profile.triageOutcome) {
    case null:
      wanted.add('health_check').add('welfare');
      break;
    case 'potential_victim':
      wanted.add('health_check').add('first_responder').add('welfare');
      if (!child) wanted.add('housing_needs');
      break;
    case 'suspect':
      break;
    case 'witness':
    case 'not_victim':
      wanted.add('welfare');
      break;
  }
  if (child) wanted.add('health_check').add('welfare');
  return STATIONS.filter((s) => wanted.has(s));
}

export interface StationTaskState {
  station: Station;
  status: StationStatus;
}

/**
 * Bring a checklist in line with the stations that now apply: add what is missing (queued), drop queued
 * tasks that no longer apply, and keep anything already started or done as part of the person's history.
 */
export function planChecklist(current: StationTaskState[], required: Station[]): { add: Station[]; remove: Station[] } {
  const have = new Map(current.map((t) => [t.station, t.status]));
  const add = required.filter((s) => !have.has(s));
  const remove = current.filter((t) => !required.includes(t.station) && t.status === 'queued').map((t) => t.station);
  return { add, remove };
}

const MOVES: Record<StationStatus, StationStatus[]> = {
  queued: ['in_progress', 'done'],
  // Back to the queue when an interview is interrupted (the interpreter had to leave, the person needed a break).
  in_progress: ['done', 'queued'],
  done: [],
};

export type StationMove =
  | { ok: true; from: StationStatus; to: StationStatus }
  | { ok: false; code: 'ILLEGAL_TRANSITION'; reason: string };

export function moveStationTask(from: StationStatus, to: StationStatus): StationMove {
  if (MOVES[from].includes(to)) return { ok: true, from, to };
  return {
    ok: false,
    code: 'ILLEGAL_TRANSITION',
    reason: from === 'done' ? 'This station is already done' : `A station task that is ${from} cannot move to ${to}`,
  };
}

const PROGRESS: Record<StationStatus, number> = { queued: 0, in_progress: 1, done: 2 };

/** When two registrations prove to be one person, each station counts as far as either got. */
export function furthestStatus(a: StationStatus, b: StationStatus): StationStatus {
  return PROGRESS[a] >= PROGRESS[b] ? a : b;
}
