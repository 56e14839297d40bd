import { PathwayFact, PathwayStage, replayPathway, PathwayResult } from '@safe-harbour/domain';

/**
 * How facts are kept in `pathway_event.fact` and turned back into the pure model's facts.
 *
 * A fact is stored as the model's own shape with its instants as ISO strings. One API-only flag exists:
 * `correction` on a triage fact. Triage can be corrected (a victim turns out to be a suspect, an adult a
 * child) for as long as the person is still where triage put them; the model refuses a second triage of
 * a potential victim, so a correction *replaces* the earlier triage facts when the history is replayed.
 * Everything else recorded in between (a missing episode, say) stays in the history and is replayed.
 */
export type StoredFact = PathwayFact & { correction?: boolean };

const INSTANT_FIELDS = ['at', 'submittedAt', 'decidedAt', 'reportedAt', 'foundAt', 'riskAssessedAt'] as const;

export function serialiseFact(fact: StoredFact): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fact };
  for (const field of INSTANT_FIELDS) {
    const value = out[field];
    if (value instanceof Date) out[field] = value.toISOString();
  }
  return out;
}

export function parseFact(stored: Record<string, unknown>): StoredFact {
  const fact: Record<string, unknown> = { ...stored };
  for (const field of INSTANT_FIELDS) {
    if (typeof fact[field] === 'string') fact[field] = new Date(fact[field] as string);
  }
  return fact as StoredFact;
}

/** The facts the model replays: a triage correction drops the triage facts before it. */
export function modelFacts(history: StoredFact[]): PathwayFact[] {
  const facts: PathwayFact[] = [];
  for (const stored of history) {
    const { correction, ...fact } = stored as StoredFact & { correction?: boolean };
    if (fact.type === 'triage' && correction) {
      for (let i = facts.length - 1; i >= 0; i--) if (facts[i].type === 'triage') facts.splice(i, 1);
    }
    facts.push(fact as PathwayFact);
  }
  return facts;
}

export function replayStored(start: Parameters<typeof replayPathway>[0], history: StoredFact[]): PathwayResult {
  return replayPathway(start, modelFacts(history));
}

/** Stages in which triage may still be corrected: the ones triage itself decides. */
export const CORRECTABLE_STAGES: readonly PathwayStage[] = ['pre_nrm', 'children_services'];

/**
 * The person record speaks the operations vocabulary: someone triaged as a suspect, witness or not a
 * victim stays `encountered` there (their outcome says why); the pathway calls that `not_potential_victim`.
 */
export function personStage(stage: PathwayStage): string {
  return stage === 'not_potential_victim' ? 'encountered' : stage;
}
