import { counter } from '@wallet-platform/service-kit';

/** The platform's reason for promotional free spins: a WIN without a BET is expected there. */
const PROMO_FREESPIN_REASON = 'PROMO-FREESPIN';

const winsWithoutBet = counter({
  name: 'wallet_wins_without_bet_total',
  help: 'WINs paid on a round with no applied BET, by platform and reason (promo_freespin: expected for free rounds; other: worth a look, see docs/security.md).',
  labelNames: ['platform', 'reason'],
});

/** One WIN without a BET; the reason label is bounded to two values (the platform's reason is free text). */
export function countWinWithoutBet(platformId: string, reason: string | null): void {
  winsWithoutBet.inc({ platform: platformId, reason: reason === PROMO_FREESPIN_REASON ? 'promo_freespin' : 'other' });
}
