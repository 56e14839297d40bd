export * from './retention';
export * from './subject-access-redaction';
