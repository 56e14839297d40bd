import { factWords, stageWords, worklistTagClass } from './case-words';

describe('the case page in words', () => {
  it.each([
    ['triage', { outcome: 'potential_victim', ageCategory: 'adult' }, 'Triaged: potential victim (adult)'],
    ['triage', { outcome: 'potential_victim', ageCategory: 'age_disputed', correction: true }, 'Triaged: potential victim (age disputed), correcting the earlier triage'],
    ['referral', { kind: 'nrm', consent: true }, 'Referred into the NRM, with consent'],
    ['referral', { kind: 'nrm', consent: false }, 'Referred into the NRM (a child: no consent needed)'],
    ['referral', { kind: 'duty_to_notify', consent: false }, 'Duty to notify: the Home Office was notified (no consent to an NRM referral)'],
    ['decision', { kind: 'reasonable_grounds', outcome: 'negative' }, 'Reasonable Grounds decision: negative'],
    ['exit', { outcome: 'settled_accommodation' }, 'Left support: moved to settled accommodation'],
    ['missing', { reportedAt: '2026-01-01T00:00:00Z' }, 'Reported missing'],
    ['reconsideration_requested', { decisionKind: 'reasonable_grounds' }, 'Reconsideration of the Reasonable Grounds decision requested'],
    ['reconsideration_decided', { decisionKind: 'reasonable_grounds', outcome: 'overturned' }, 'Reconsideration of the Reasonable Grounds decision: overturned (now positive)'],
    ['age_assessed', { assessedAs: 'adult' }, 'Age assessed: an adult'],
    ['withdrawal', { suspended: true }, 'NRM case suspended'],
    // a fact the pathway records later reads from its type and plain fields
    ['further_review_requested', { decisionKind: 'conclusive_grounds', requestedAt: '2026-01-01T00:00:00Z' }, 'Further review requested: decision kind: conclusive grounds'],
  ])('%s %j reads "%s"', (type, fact, expected) => {
    expect(factWords({ type, fact })).toBe(expected);
  });

  it('names every stage, and a stage it does not know from its code', () => {
    expect(stageWords('awaiting_rg')).toBe('Awaiting the Reasonable Grounds decision');
    expect(stageWords('suspended')).toBe('Suspended');
  });

  it('tags overdue red and due soon orange (with the words beside them)', () => {
    expect(worklistTagClass('overdue')).toBe('govuk-tag--red');
    expect(worklistTagClass('due_soon')).toBe('govuk-tag--orange');
  });
});
