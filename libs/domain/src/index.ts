// Operations: lifecycle, references, triage, stations, readiness, merging
export * from './operations';
// Placement: suitability rules, scoring and override policy (issue 6).
export * from './placement';
export * from './inventory';
// Pure domain rules, imported as `@safe-harbour/domain`. Each feature keeps its export lines together.

// Pathway: NRM stages, deadline policy, working days and bank holidays (issue 5)
export * from './pathway';
// Pure domain rules, one folder per feature. Each helper keeps its export lines together.

// Reporting and forecast (issue 8)
export * from './reporting';
