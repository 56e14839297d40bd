// Pure domain rules, imported as `@safe-harbour/domain`: no framework, no I/O. One folder per feature.

// Accommodation inventory: site vocabulary, void readiness, CSV import rows (issue 3)
export * from './inventory';
// Operations: lifecycle, references, age, triage, stations, venue readiness, merging (issue 4)
export * from './operations';
// Pathway: NRM stages, deadline policy, working days and bank holidays (issue 5)
export * from './pathway';
// Placement: suitability rules, scoring and override policy (issue 6)
export * from './placement';
// Reporting and forecast (issue 8)
export * from './reporting';
// Access: organisation part x role -> capabilities, and break-glass reads (issue 13)
export * from './access';
