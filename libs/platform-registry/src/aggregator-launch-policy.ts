import { z } from 'zod';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';

/**
 * How much of a player's wallet balance a game launch at an aggregator moves there (the wallet's
 * aggregator sessions, docs/aggregator.md#game-launch):
 * - `amount`: this decimal in the player's currency, or their whole balance when it is smaller;
 * - `whole-balance`: the whole wallet balance.
 * The one place this shape is validated: the platform registry's aggregator entry embeds this schema
 * as its optional `launch` (the default when left out), and TransferAggregators.fromRegistry hands it on.
 */
export const AggregatorLaunchPolicyKind = { Amount: 'amount', WholeBalance: 'whole-balance' } as const;
export type AggregatorLaunchPolicyKind = (typeof AggregatorLaunchPolicyKind)[keyof typeof AggregatorLaunchPolicyKind];

/** Ours: the launch amount is a positive decimal of at most 2 places and 16 integer digits, spelt once (no leading zeros). */
export const LAUNCH_AMOUNT_PATTERN = /^(?!0(\.0{1,2})?$)(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

const launchAmount = z
  .string({ error: 'must be a decimal string such as "50.00"' })
  .regex(LAUNCH_AMOUNT_PATTERN, { error: 'must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros', abort: true })
  .refine((amount) => Money.parse(amount, AMOUNT_SCALE, currencyCodeOf('EUR')).ok, { error: `must be a decimal of at most ${AMOUNT_SCALE} places` });

export const aggregatorLaunchPolicySchema = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal(AggregatorLaunchPolicyKind.Amount), amount: launchAmount }), z.strictObject({ kind: z.literal(AggregatorLaunchPolicyKind.WholeBalance) })],
  { error: `kind must be ${AggregatorLaunchPolicyKind.Amount} or ${AggregatorLaunchPolicyKind.WholeBalance}` },
);

export type AggregatorLaunchPolicy = z.output<typeof aggregatorLaunchPolicySchema>;

/** When an aggregator's configuration names no policy: the player takes their whole balance to the game. */
export const AGGREGATOR_LAUNCH_POLICY_DEFAULT: AggregatorLaunchPolicy = { kind: AggregatorLaunchPolicyKind.WholeBalance };
