import { DEFAULT_PLACEMENT_POLICY, PlacementPolicy, validatePlacementPolicy } from './placement-policy';

const withPolicy = (change: (p: PlacementPolicy) => PlacementPolicy) => validatePlacementPolicy(change(DEFAULT_PLACEMENT_POLICY));

describe('validatePlacementPolicy', () => {
  it('accepts the defaults', () => {
    expect(validatePlacementPolicy(DEFAULT_PLACEMENT_POLICY)).toEqual([]);
  });

  it('the default weights add up to 100 without the needs-only ones, so each weight reads as points', () => {
    // pregnancy, pets and substance-misuse support count only for people with that need
    const { pregnancy, pets, substanceMisuseSupport, ...everyone } = DEFAULT_PLACEMENT_POLICY.weights;
    expect(Object.values(everyone).reduce((a, b) => a + b, 0)).toBe(100);
    expect([pregnancy, pets, substanceMisuseSupport].every((w) => w > 0)).toBe(true);
  });

  it.each<[string, (p: PlacementPolicy) => PlacementPolicy, string]>([
    ['a negative minimum distance', (p) => ({ ...p, minimumDistanceKm: -1 }), 'minimumDistanceKm must be a number of kilometres, 0 or more'],
    ['a full-credit distance not above the minimum', (p) => ({ ...p, fullDistanceCreditKm: 5 }), 'fullDistanceCreditKm must be greater than minimumDistanceKm'],
    ['a negative weight', (p) => ({ ...p, weights: { ...p.weights, language: -1 } }), 'weight language must be 0 or more'],
    ['a weight that is not a number', (p) => ({ ...p, weights: { ...p.weights, distance: Number.NaN } }), 'weight distance must be 0 or more'],
    [
      'every weight zero',
      (p) => ({ ...p, weights: Object.fromEntries(Object.keys(p.weights).map((k) => [k, 0])) as PlacementPolicy['weights'] }),
      'at least one preference weight must be above 0',
    ],
    ['a credit above 1', (p) => ({ ...p, credits: { ...p.credits, crossBoundaryAgreement: 1.5 } }), 'credit crossBoundaryAgreement must be between 0 and 1'],
    ['a staffed-hours credit below 0', (p) => ({ ...p, credits: { ...p.credits, staffedHours: { '24h': -0.1 } } }), 'credit for staffed hours 24h must be between 0 and 1'],
    ['an override of a never-overridable rule', (p) => ({ ...p, overrides: { ...p.overrides, CHILD_IN_ADULT_SITE: ['admin'] } }), 'CHILD_IN_ADULT_SITE can never be overridden'],
    ['a zero override reason length', (p) => ({ ...p, overrideReasonMinLength: 0 }), 'overrideReasonMinLength must be a whole number, 1 or more'],
  ])('refuses %s', (_label, change, error) => {
    expect(withPolicy(change)).toEqual([error]);
  });
});
