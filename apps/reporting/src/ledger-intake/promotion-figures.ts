import { PromotionCreditKind } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, type CurrencyCode } from '@wallet-platform/money';
import type { ReportedPromotionCredit } from './reportable-event';

/** The row of `daily_promotion_totals` a prize counts in. */
export interface DailyPromotionKey {
  readonly day: string;
  readonly operatorId: string;
  readonly platformId: string;
  readonly vendor: string;
  readonly currency: CurrencyCode;
  /** '' when the prize names no campaign. */
  readonly campaignCode: string;
}

/** Changes to one `daily_promotion_totals` row. */
export interface DailyPromotionFigures {
  tournamentWinsSum: Money;
  tournamentWinsCount: bigint;
  promoWinsSum: Money;
  promoWinsCount: bigint;
}

export function zeroDailyPromotionFigures(currency: CurrencyCode): DailyPromotionFigures {
  const zero = Money.zero(AMOUNT_SCALE, currency);
  return { tournamentWinsSum: zero, tournamentWinsCount: 0n, promoWinsSum: zero, promoWinsCount: 0n };
}

export function dailyPromotionKeyOf(credit: ReportedPromotionCredit): DailyPromotionKey {
  const { day, operatorId, platformId, vendor, currency, campaignCode } = credit;
  return { day, operatorId, platformId, vendor, currency, campaignCode };
}

/**
 * Adds a prize to its day. Prizes are never game wins: they stay out of the GGR (docs/reporting.md)
 * and are counted by kind. The wallet has no cancel of a prize, so nothing is ever taken out.
 */
export function addPromotionCredit(figures: DailyPromotionFigures, credit: ReportedPromotionCredit): void {
  switch (credit.kind) {
    case PromotionCreditKind.TournamentWin:
      figures.tournamentWinsSum = figures.tournamentWinsSum.add(credit.amount);
      figures.tournamentWinsCount += 1n;
      return;
    case PromotionCreditKind.PromoWin:
      figures.promoWinsSum = figures.promoWinsSum.add(credit.amount);
      figures.promoWinsCount += 1n;
      return;
    default: {
      const unknown: never = credit.kind;
      throw new Error(`unhandled promotion credit kind ${String(unknown)}`);
    }
  }
}
