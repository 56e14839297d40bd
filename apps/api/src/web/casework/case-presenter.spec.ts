import type { CaseSummary } from '../../casework/case.service';
import { presentCase } from './case-presenter';

const at = new Date('2026-12-01T10:00:00Z');
function summary(stage: string, viewer: CaseSummary['viewer']): CaseSummary {
  return {
    generatedAt: at,
    personId: 'p1',
    reference: 'RAV-007',
    operation: { id: 'o1', name: 'Operation Harbour', code: 'RAV', localAuthorityCode: 'E08000035', leadOrganisationName: 'Leeds', status: 'active' },
    person: { ageCategory: 'adult' } as CaseSummary['person'],
    identity: null,
    personalData: 'not_requested',
    timeline: {
      personId: 'p1',
      reference: 'RAV-007',
      stage,
      since: at,
      route: 'adult',
      deadlines: [],
      nextDeadline: null,
      closedDeadlines: [],
      exit: null,
      status: { referralRound: 1, decisionsOwed: [], pendingReconsideration: null, pendingRecoveryNeedsAssessment: null, moveOnExtendedUntil: null, disqualification: null } as unknown as CaseSummary['timeline']['status'],
      history: [{ seq: 1, type: 'triage', at, fromStage: 'encountered', toStage: 'pre_nrm', cause: 'triage', fact: { outcome: 'potential_victim', ageCategory: 'adult' }, recordedBy: 'u1', recordedAt: at }],
    },
    staffNames: { u1: 'Sam Officer (Leeds)' },
    currentPlacement: null,
    placements: [],
    viewer,
  };
}
const staff = { narrow: false, mayRecord: true, maySeeIdentity: true };
const partner = { narrow: true, mayRecord: false, maySeeIdentity: false };
const actions = (s: CaseSummary) => presentCase(s).actions.map((a) => a.text);

describe('the case page for one viewer', () => {
  it.each([
    ['staff, pre-NRM: the contract actions', 'pre_nrm', staff, ['Find a bed', 'Record referral', 'Record decision', 'Report missing', 'Record exit']],
    ['staff, not yet triaged: triage first', 'encountered', staff, ['Find a bed', 'Record triage', 'Record referral', 'Record decision', 'Report missing', 'Record exit']],
    ['staff, missing: record found first', 'missing', staff, ['Find a bed', 'Record referral', 'Record decision', 'Record found', 'Report missing', 'Record exit']],
    ['staff, exited: nothing left to record', 'exited', staff, []],
    ['a rostered agency that may view only: find a bed, nothing to record', 'pre_nrm', { narrow: false, mayRecord: false, maySeeIdentity: false }, ['Find a bed']],
    ['a partner: the narrow view, no actions', 'pre_nrm', partner, []],
  ])('%s', (_name, stage, viewer, expected) => {
    expect(actions(summary(stage, viewer))).toEqual(expected);
  });

  it('after a negative Reasonable Grounds decision: a reconsideration can be requested; once requested, its outcome recorded', () => {
    const negative = summary('move_on', staff);
    negative.timeline.history.push({ seq: 2, type: 'decision', at, fromStage: 'awaiting_rg', toStage: 'move_on', cause: 'recorded', fact: { kind: 'reasonable_grounds', outcome: 'negative' }, recordedBy: 'u1', recordedAt: at });
    expect(actions(negative)).toContain('Record reconsideration request');
    negative.timeline.status = { ...negative.timeline.status, pendingReconsideration: { decisionKind: 'reasonable_grounds', requestedAt: at } };
    expect(actions(negative)).toContain('Record reconsideration outcome');
    expect(actions(negative)).not.toContain('Record reconsideration request');
    expect(presentCase(negative).pending[0]).toMatch(/^Reconsideration of the negative Reasonable Grounds decision requested on 1 December 2026/);
  });

  it('a reception officer records missing and found, not referrals or decisions', () => {
    expect(presentCase(summary('missing', staff), new Set(['triage', 'missing', 'found'])).actions.map((a) => a.text)).toEqual(['Find a bed', 'Record found', 'Report missing']);
  });

  it('names who recorded each fact for staff, nobody for partners', () => {
    expect(presentCase(summary('pre_nrm', staff)).history[0].who).toBe('Sam Officer (Leeds)');
    expect(presentCase(summary('pre_nrm', partner)).history[0].who).toBeNull();
  });
});
