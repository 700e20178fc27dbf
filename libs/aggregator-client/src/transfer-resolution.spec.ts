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

  it('given play just before the balance was read (the history starts a clock-skew margin earlier), then the chain tells where the read fell: not applied', () => {
    const earlier = [
      { walletTxId: 'g1', kind: 'game' as const, beforeBalance: '70.00', afterBalance: '60.00' },
      { walletTxId: 'g2', kind: 'game' as const, beforeBalance: '60.00', afterBalance: '50.00' },
    ];
    // Read at 50.00 after g1 and g2; g3 came after the read.
    const after = [{ walletTxId: 'g3', kind: 'game' as const, beforeBalance: '50.00', afterBalance: '45.50' }];
    expect(decideTransfer({ ...base, entriesSince: [...earlier, ...after], balanceNow: '45.50' }).resolution).toBe('not-applied');
    expect(decideTransfer({ ...base, entriesSince: earlier, balanceNow: '50.00' }).resolution).toBe('not-applied');
    // A balance that no cut of the chain explains is still unknown.
    expect(decideTransfer({ ...base, entriesSince: [...earlier, ...after], balanceNow: '44.00' }).resolution).toBe('still-unknown');
    // A cut is only where the chain stood at the balance before: 70.00 -> 60.00 has no place for a read at 50.00.
    expect(decideTransfer({ ...base, entriesSince: [{ walletTxId: 'g1', kind: 'game', beforeBalance: '70.00', afterBalance: '60.00' }], balanceNow: '40.00' }).resolution).toBe('still-unknown');
  });

  it('given an earlier transfer of the caller in the window, then it is part of the chain, never a match nor another transfer', () => {
    const window = [
      { walletTxId: 'g1', kind: 'game' as const, beforeBalance: '44.21', afterBalance: '25.42' },
      { walletTxId: 'w65', kind: 'earlier-transfer' as const, beforeBalance: '25.42', afterBalance: '12.34' },
      { walletTxId: 'g2', kind: 'game' as const, beforeBalance: '12.34', afterBalance: '16.57' },
      { walletTxId: 'w150', kind: 'earlier-transfer' as const, beforeBalance: '16.57', afterBalance: '7.15' },
    ];
    // Read at 7.15, after the earlier withdraw; nothing since.
    expect(decideTransfer({ ...base, direction: 'withdraw', amount: '9.42', balanceBefore: '7.15', entriesSince: window, balanceNow: '7.15' }).resolution).toBe('not-applied');
    // The earlier withdraw of the same amount is not this one's match.
    expect(decideTransfer({ ...base, direction: 'withdraw', amount: '9.42', balanceBefore: '16.57', entriesSince: window.slice(0, 3), balanceNow: '16.57' }).resolution).toBe('not-applied');
    // A read placed before an earlier transfer of ours cannot be: still unknown.
    expect(decideTransfer({ ...base, direction: 'deposit', amount: '1.00', balanceBefore: '12.34', entriesSince: window, balanceNow: '7.15' }).resolution).toBe('still-unknown');
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
