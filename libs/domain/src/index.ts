// Placement: suitability rules, scoring and override policy (issue 6).
export * from './placement';
