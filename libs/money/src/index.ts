export * from './currency-code';
export * from './money';
