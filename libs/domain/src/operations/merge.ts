import { AgeCategory } from './age';
import { isTriageStage, keepPathwayName, TriageOutcome, triageEffects } from './triage';

export interface PersonNeeds {
  wheelchair?: boolean;
  medical?: boolean;
  dependants?: number;
  additionalVulnerability?: boolean;
  pregnant?: boolean;
  pets?: boolean;
  substanceMisuseSupport?: boolean;
  prefersSingleSex?: boolean;
}

export interface MergeCandidate {
  id: string;
  operationId: string;
  stage: string;
  ageCategory: AgeCategory;
  triageOutcome: TriageOutcome | null;
  possibleController: boolean;
  interpreterNeeded: boolean;
  languages: string[];
  needs: PersonNeeds;
  groupId: string | null;
  mergedIntoPersonId: string | null;
}

export interface MergedRecord {
  ageCategory: AgeCategory;
  triageOutcome: TriageOutcome | null;
  /** The kept record adopts the duplicate's triage decision (who, when, bed wait) when it had none itself. */
  triageFromDuplicate: boolean;
  possibleController: boolean;
  interpreterNeeded: boolean;
  languages: string[];
  needs: PersonNeeds;
  groupId: string | null;
  stage: string;
}

export type MergeResult =
  | { ok: true; kept: MergedRecord }
  | {
      ok: false;
      code: 'SAME_PERSON' | 'DIFFERENT_OPERATIONS' | 'ALREADY_MERGED' | 'TRIAGE_CONFLICT' | 'DUPLICATE_PAST_TRIAGE' | 'GROUP_CONFLICT';
      reason: string;
    };

/**
 * Two registrations found to be the same person (a claimed name first, the real one later). The kept
 * record carries on; the duplicate stays, marked as merged, so both histories survive. Nothing that keeps
 * people safe is lost: a controller flag, a need, a language or an interpreter need on either record
 * carries over, and if the two disagree about age the person is treated as age disputed (a child until
 * assessed). Conflicting triage decisions must be settled by re-triaging one record first.
 */
export function mergePeople(kept: MergeCandidate, duplicate: MergeCandidate): MergeResult {
  if (kept.id === duplicate.id) return { ok: false, code: 'SAME_PERSON', reason: 'A registration cannot be merged into itself' };
  if (kept.operationId !== duplicate.operationId) {
    return { ok: false, code: 'DIFFERENT_OPERATIONS', reason: 'Only registrations of the same operation can be merged' };
  }
  if (kept.mergedIntoPersonId || duplicate.mergedIntoPersonId) {
    return { ok: false, code: 'ALREADY_MERGED', reason: 'One of these registrations has already been merged into another' };
  }
  if (!isTriageStage(duplicate.stage)) {
    return {
      ok: false,
      code: 'DUPLICATE_PAST_TRIAGE',
      reason: `The duplicate is already at stage ${duplicate.stage}: keep that record and merge the other into it`,
    };
  }
  if (kept.triageOutcome && duplicate.triageOutcome && kept.triageOutcome !== duplicate.triageOutcome) {
    return {
      ok: false,
      code: 'TRIAGE_CONFLICT',
      reason: `The records were triaged differently (${kept.triageOutcome} / ${duplicate.triageOutcome}): re-triage one first`,
    };
  }
  if (kept.groupId && duplicate.groupId && kept.groupId !== duplicate.groupId) {
    return { ok: false, code: 'GROUP_CONFLICT', reason: 'The records are linked to different groups: unlink one first' };
  }

  const ageCategory: AgeCategory = kept.ageCategory === duplicate.ageCategory ? kept.ageCategory : 'age_disputed';
  const triageFromDuplicate = kept.triageOutcome === null && duplicate.triageOutcome !== null;
  const triageOutcome = kept.triageOutcome ?? duplicate.triageOutcome;
  const possibleController = kept.possibleController || duplicate.possibleController;
  let stage = kept.stage;
  if (isTriageStage(kept.stage)) {
    stage = keepPathwayName(kept.stage, triageOutcome ? triageEffects(triageOutcome, ageCategory, possibleController).stage : 'encountered');
  }
  return {
    ok: true,
    kept: {
      ageCategory,
      triageOutcome,
      triageFromDuplicate,
      possibleController,
      interpreterNeeded: kept.interpreterNeeded || duplicate.interpreterNeeded,
      languages: [...new Set([...kept.languages, ...duplicate.languages])],
      needs: mergeNeeds(kept.needs, duplicate.needs),
      groupId: kept.groupId ?? duplicate.groupId,
      stage,
    },
  };
}

export function mergeNeeds(a: PersonNeeds, b: PersonNeeds): PersonNeeds {
  const merged: PersonNeeds = {};
  for (const flag of ['wheelchair', 'medical', 'additionalVulnerability', 'pregnant', 'pets', 'substanceMisuseSupport', 'prefersSingleSex'] as const) {
    if (a[flag] !== undefined || b[flag] !== undefined) merged[flag] = Boolean(a[flag] || b[flag]);
  }
  if (a.dependants !== undefined || b.dependants !== undefined) merged.dependants = Math.max(a.dependants ?? 0, b.dependants ?? 0);
  return merged;
}

export interface PlacementFactsOfRecord {
  suspectedOffender: boolean;
  recourseToPublicFunds: 'yes' | 'no' | 'unknown';
  dependants: ReadonlyArray<{ ageCategory: 'child' | 'adult'; age?: number; sex?: string; relationship?: string }>;
  keepAwayFrom: ReadonlyArray<{ lat: number; lng: number; radiusKm: number }>;
}

/**
 * The placement facts of two merged registrations, the safe way round: a suspected-offender flag on either
 * stands; no recourse to public funds on either stands (then recourse, then unknown); every place to keep
 * away from is kept (once); the kept record's dependants unless it described none.
 */
export function mergePlacementFacts(kept: PlacementFactsOfRecord, duplicate: PlacementFactsOfRecord): PlacementFactsOfRecord {
  const statuses = [kept.recourseToPublicFunds, duplicate.recourseToPublicFunds];
  const seen = new Set<string>();
  const keepAwayFrom = [...kept.keepAwayFrom, ...duplicate.keepAwayFrom].filter((k) => {
    const key = `${k.lat},${k.lng},${k.radiusKm}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    suspectedOffender: kept.suspectedOffender || duplicate.suspectedOffender,
    recourseToPublicFunds: statuses.includes('no') ? 'no' : statuses.includes('yes') ? 'yes' : 'unknown',
    dependants: kept.dependants.length ? kept.dependants : duplicate.dependants,
    keepAwayFrom,
  };
}
