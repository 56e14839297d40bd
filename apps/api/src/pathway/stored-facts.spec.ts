import { replayPathway } from '@safe-harbour/domain';
import { modelFacts, parseFact, personStage, replayStored, serialiseFact, StoredFact } from './stored-facts';

const start = { encounteredAt: new Date('2025-06-10T05:00:00Z'), ageCategory: 'adult' as const, localAuthorityCode: 'E08000035' };
const at = (iso: string) => new Date(iso);

describe('stored pathway facts', () => {
  it('round-trips every kind of fact through JSON with its instants intact', () => {
    const facts: StoredFact[] = [
      { type: 'triage', at: at('2025-06-10T06:00:00Z'), outcome: 'potential_victim', ageCategory: 'adult', correction: true },
      { type: 'referral', kind: 'nrm', consent: true, submittedAt: at('2025-06-11T09:00:00Z') },
      { type: 'decision', kind: 'reasonable_grounds', outcome: 'positive', decidedAt: at('2025-06-13T12:00:00Z') },
      { type: 'missing', reportedAt: at('2025-06-14T22:00:00Z') },
      { type: 'found', foundAt: at('2025-06-15T08:00:00Z') },
      { type: 'exit', at: at('2025-09-01T10:00:00Z'), outcome: 'settled_accommodation' },
    ];
    for (const fact of facts) {
      const json = JSON.parse(JSON.stringify(serialiseFact(fact)));
      expect(parseFact(json)).toEqual(fact);
    }
  });

  it('a history without corrections replays exactly as the model does', () => {
    const history: StoredFact[] = [
      { type: 'triage', at: at('2025-06-10T06:00:00Z'), outcome: 'potential_victim', ageCategory: 'adult' },
      { type: 'referral', kind: 'nrm', consent: true, submittedAt: at('2025-06-11T09:00:00Z') },
    ];
    expect(replayStored(start, history)).toEqual(replayPathway(start, history));
  });

  it.each([
    ['victim corrected to suspect', 'suspect', 'adult', 'not_potential_victim'],
    ['adult victim corrected to a child', 'potential_victim', 'child', 'children_services'],
    ['adult victim corrected to age disputed', 'potential_victim', 'age_disputed', 'children_services'],
  ] as const)('a correction replaces the earlier triage: %s', (_, outcome, ageCategory, stage) => {
    const history: StoredFact[] = [
      { type: 'triage', at: at('2025-06-10T06:00:00Z'), outcome: 'potential_victim', ageCategory: 'adult' },
      { type: 'triage', at: at('2025-06-10T08:00:00Z'), outcome, ageCategory, correction: true },
    ];
    // without the flag the model refuses a second triage of a potential victim
    expect(replayPathway(start, history).ok).toBe(false);
    const result = replayStored(start, history);
    expect(result).toMatchObject({ ok: true, state: { stage, since: at('2025-06-10T08:00:00Z'), ageCategory } });
  });

  it('a correction keeps what happened in between (a missing episode) and drops only the triage', () => {
    const history: StoredFact[] = [
      { type: 'triage', at: at('2025-06-10T06:00:00Z'), outcome: 'potential_victim', ageCategory: 'adult' },
      { type: 'missing', reportedAt: at('2025-06-10T07:00:00Z') },
      { type: 'found', foundAt: at('2025-06-10T07:30:00Z') },
      { type: 'triage', at: at('2025-06-10T08:00:00Z'), outcome: 'witness', ageCategory: 'adult', correction: true },
    ];
    expect(modelFacts(history).map((f) => f.type)).toEqual(['missing', 'found', 'triage']);
    const result = replayStored(start, history);
    expect(result).toMatchObject({ ok: true, state: { stage: 'not_potential_victim', missing: { foundAt: at('2025-06-10T07:30:00Z') } } });
  });

  it('two corrections in a row leave only the last triage', () => {
    const history: StoredFact[] = [
      { type: 'triage', at: at('2025-06-10T06:00:00Z'), outcome: 'potential_victim', ageCategory: 'adult' },
      { type: 'triage', at: at('2025-06-10T07:00:00Z'), outcome: 'potential_victim', ageCategory: 'child', correction: true },
      { type: 'triage', at: at('2025-06-10T08:00:00Z'), outcome: 'potential_victim', ageCategory: 'adult', correction: true },
    ];
    expect(modelFacts(history)).toHaveLength(1);
    expect(replayStored(start, history)).toMatchObject({ ok: true, state: { stage: 'pre_nrm', since: at('2025-06-10T08:00:00Z') } });
  });

  it.each([
    ['not_potential_victim', 'encountered'],
    ['encountered', 'encountered'],
    ['pre_nrm', 'pre_nrm'],
    ['children_services', 'children_services'],
    ['awaiting_rg', 'awaiting_rg'],
    ['missing', 'missing'],
    ['exited', 'exited'],
  ] as const)('the person record shows pathway stage %s as %s', (stage, shown) => {
    expect(personStage(stage)).toBe(shown);
  });
});
