export * from './json/bounded-json';
export * from './digest/digests-equal';
