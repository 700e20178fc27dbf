// Test support only: never imported by production code, and excluded from the build.
export * from './fake-choice-gaming-provider';
export * from './php-json-decode';
