import { providerOfGame } from './aggregator-catalog-sync.service';

describe('the provider of an aggregator game', () => {
  const listed = new Set(['pg', 'pp']);

  it('is the listed provider whose id is the game id before its first "_"', () => {
    expect(providerOfGame('pg_00001', listed)).toBe('pg');
    expect(providerOfGame('pp_vs20_olympus', listed)).toBe('pp');
  });

  it('is none, never a guess, when that prefix is not a listed provider or there is no prefix', () => {
    expect(providerOfGame('png_00072', listed)).toBeNull();
    expect(providerOfGame('pg00001', listed)).toBeNull();
    expect(providerOfGame('_pg_1', listed)).toBeNull();
    expect(providerOfGame('pg_1', new Set())).toBeNull();
  });
});
