export * from './capabilities';
export * from './special-category';
