export * from './capabilities';
export * from './special-category';
export * from './live-filter';
export * from './login-backoff';
