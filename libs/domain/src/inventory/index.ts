export * from './vocabulary';
export * from './site-rules';
export * from './bed-status';
export * from './site-access';
export * from './readiness';
export * from './site-import';
export * from './words';
