import type { CurrencyCode } from '@wallet-platform/money';
import { SkipReason } from './campaign';
import { PlayerStatus, type PlayerFacts } from './player-facts.port';

/** Null when the player may be granted; otherwise why not. Checked when the player is added. */
export function skipReasonFor(facts: Pick<PlayerFacts, 'status' | 'currency'> | undefined, campaignCurrency: CurrencyCode): SkipReason | null {
  if (facts === undefined) return SkipReason.UnknownPlayer;
  switch (facts.status) {
    case PlayerStatus.Blocked:
      return SkipReason.Blocked;
    case PlayerStatus.Inactive:
      return SkipReason.Inactive;
    case PlayerStatus.Active:
      return facts.currency === campaignCurrency ? null : SkipReason.CurrencyMismatch;
    default:
      return unreachable(facts.status);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled player status ${String(value)}`);
}
