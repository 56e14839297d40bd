// Operations: lifecycle, references, triage, stations, readiness, merging
export * from './operations';
export * from './inventory';
