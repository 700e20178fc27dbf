import { classifyHistoryEntry, decideTransfer, type TransferEvidence } from './transfer-resolution';

const base: TransferEvidence = {
  direction: 'deposit',
  amount: '100.00',
  balanceBefore: '50.00',
  entriesSince: [],
  historyComplete: true,
  balanceNow: '50.00',
  requestCanNoLongerArrive: true,
};

describe('transfer resolution', () => {
  it('given one deposit entry of the amount, then applied with its wallet tx id', () => {
    const decision = decideTransfer({ ...base, entriesSince: [{ walletTxId: 'w1', kind: 'deposit', beforeBalance: '50.00', afterBalance: '150' }], balanceNow: '150.00' });
    expect(decision).toMatchObject({ resolution: 'applied', walletTxId: 'w1' });
  });

  it('given a withdraw entry of the amount after some play, then applied', () => {
    const decision = decideTransfer({
      ...base,
      direction: 'withdraw',
      amount: '20.5',
      entriesSince: [
        { walletTxId: 'g1', kind: 'game', beforeBalance: '50.00', afterBalance: '49.00' },
        { walletTxId: 'w2', kind: 'withdraw', beforeBalance: '49.00', afterBalance: '28.50' },
      ],
      balanceNow: '28.50',
    });
    expect(decision).toMatchObject({ resolution: 'applied', walletTxId: 'w2' });
  });

  it('given a deposit entry of another amount only, then not counted as ours', () => {
    const decision = decideTransfer({ ...base, entriesSince: [{ walletTxId: 'w1', kind: 'deposit', beforeBalance: '50', afterBalance: '60' }], balanceNow: '60' });
    expect(decision.resolution).toBe('still-unknown');
  });

  it('given two matching entries, then still unknown (which is ours cannot be told)', () => {
    const entry = { walletTxId: 'w', kind: 'deposit' as const, beforeBalance: '50', afterBalance: '150' };
    expect(decideTransfer({ ...base, entriesSince: [entry, { ...entry, walletTxId: 'x', beforeBalance: '150', afterBalance: '250' }] }).resolution).toBe('still-unknown');
  });

  it('given no entry, a complete history, the deadline past and only game play moving the balance, then not applied', () => {
    const decision = decideTransfer({ ...base, entriesSince: [{ walletTxId: 'g', kind: 'game', beforeBalance: '50.00', afterBalance: '47.35' }], balanceNow: '47.35' });
    expect(decision.resolution).toBe('not-applied');
  });

  it('given no entry but an incomplete history, then still unknown', () => {
    expect(decideTransfer({ ...base, historyComplete: false }).resolution).toBe('still-unknown');
  });

  it('given no entry while the request may still arrive, then still unknown', () => {
    expect(decideTransfer({ ...base, requestCanNoLongerArrive: false }).resolution).toBe('still-unknown');
  });

  it('given no entry but the balance up by exactly the amount, then still unknown (never decided on a guess)', () => {
    expect(decideTransfer({ ...base, balanceNow: '150.00' }).resolution).toBe('still-unknown');
  });

  it('given amounts with many places, then compared exactly (0.1 + 0.2 is 0.3)', () => {
    const decision = decideTransfer({
      ...base,
      amount: '0.3',
      balanceBefore: '0.1',
      entriesSince: [{ walletTxId: 'w', kind: 'deposit', beforeBalance: '0.1', afterBalance: '0.4000000000' }],
      balanceNow: '0.4',
    });
    expect(decision.resolution).toBe('applied');
  });

  it('given a non-positive or malformed amount, then it is a caller bug', () => {
    expect(() => decideTransfer({ ...base, amount: '0' })).toThrow(RangeError);
    expect(() => decideTransfer({ ...base, amount: '1e2' })).toThrow(RangeError);
  });

  it('given history labels, then Deposit and Withdraw are transfers and everything else is play', () => {
    expect(['Deposit', 'Withdraw', 'Bet', 'Settle', '__proto__'].map(classifyHistoryEntry)).toEqual(['deposit', 'withdraw', 'game', 'game', 'game']);
  });
});
