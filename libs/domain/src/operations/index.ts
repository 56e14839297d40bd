export * from './age';
export * from './merge';
export * from './operation-lifecycle';
export * from './readiness';
export * from './reference';
export * from './stations';
export * from './triage';
export * from './venue-booking';
