export * from './calendar-day';
export * from './statistics';
export * from './suppression';
export * from './aggregate-export';
export * from './forecast-policy';
export * from './forecast';
export * from './working-days-elapsed';
export * from './forecast-inputs';
