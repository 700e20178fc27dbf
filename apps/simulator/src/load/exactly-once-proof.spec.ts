import { exactlyOnceHolds, playersToCheck } from './load-run';

describe('the exactly-once proof of a load run', () => {
  const sound = { playersOpened: 60, playersChecked: 60, differences: 0, anomalies: 0, ledgerCheck: null };

  it('holds when every player was checked and nothing differs', () => {
    expect(exactlyOnceHolds(sound)).toBe(true);
  });

  it('fails on a proof that checked none of the players (all uncertain after a crash)', () => {
    expect(exactlyOnceHolds({ ...sound, playersChecked: 0 })).toBe(false);
  });

  it('fails when fewer players than required were checked, and holds at the bound', () => {
    expect(playersToCheck(60)).toBe(48);
    expect(exactlyOnceHolds({ ...sound, playersChecked: 47 })).toBe(false);
    expect(exactlyOnceHolds({ ...sound, playersChecked: 48 })).toBe(true);
    expect(playersToCheck(1)).toBe(1);
  });

  it('fails on any difference, anomaly or failed ledger check', () => {
    expect(exactlyOnceHolds({ ...sound, differences: 1 })).toBe(false);
    expect(exactlyOnceHolds({ ...sound, anomalies: 1 })).toBe(false);
    expect(exactlyOnceHolds({ ...sound, ledgerCheck: { passed: false } as never })).toBe(false);
  });
});
