// Operations: lifecycle, references, triage, stations, readiness, merging
export * from './operations';
// Placement: suitability rules, scoring and override policy (issue 6).
export * from './placement';
export * from './inventory';
