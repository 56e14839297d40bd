// Pure domain rules, one folder per feature. Each helper keeps its export lines together.

// Reporting and forecast (issue 8)
export * from './reporting';
