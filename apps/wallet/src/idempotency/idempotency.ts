import { assertNever } from '../ledger/ledger-kinds';

/**
 * Idempotency, in one place. Every command that moves money carries a key chosen by its caller
 * (a platform's transaction id, a promotion's award id, a cashier operator's idempotency key).
 * Two rules hold for all of them:
 *
 * 1. The ledger transaction a command posts has a unique idempotency key derived from the
 *    caller's key by `postingIdempotencyKey`: the database refuses a second posting for the same
 *    key, whatever else went wrong (the last guard).
 * 2. A command whose key was seen before is answered from the stored outcome when it is the same
 *    request, and refused as a reuse of the key when it differs in anything that moves money or
 *    names what is moved (`matchStoredRequest`). Nothing is written for either.
 *
 * The stores keep each source's own table (game_transactions, promotion_credits,
 * cashier_operations) with a unique constraint on the caller's key; this module decides what a
 * stored row means for an incoming request.
 */

/** Where a ledger posting comes from, with the caller's key that makes it unique. */
export type PostingSource =
  | { readonly kind: 'game'; readonly platformId: string; readonly operatorId: string; readonly transactionId: string }
  | { readonly kind: 'game-cancel'; readonly platformId: string; readonly operatorId: string; readonly transactionId: string }
  | { readonly kind: 'promotion'; readonly platformId: string; readonly operatorId: string; readonly awardId: string }
  | { readonly kind: 'cashier'; readonly operatorId: string; readonly idempotencyKey: string }
  /** The opening balance the seed tool gives a development player: once per player, whatever re-runs. */
  | { readonly kind: 'seed-deposit'; readonly operatorId: string; readonly userId: string }
  /** One step (sent, posted, voided) of an aggregator transfer (apps/wallet/src/transfers): each posted once, whoever writes it. */
  | { readonly kind: 'aggregator-transfer'; readonly transferId: string; readonly step: 'sent' | 'posted' | 'voided' };

/**
 * The `ledger_transactions.idempotency_key` of a posting. The source's kind comes first, so keys
 * of different sources can never collide. These spellings are stored: never change one.
 */
export function postingIdempotencyKey(source: PostingSource): string {
  switch (source.kind) {
    case 'game':
      return `game:${source.platformId}:${source.operatorId}:${source.transactionId}`;
    case 'game-cancel':
      return `game-cancel:${source.platformId}:${source.operatorId}:${source.transactionId}`;
    case 'promotion':
      return `promotion:${source.platformId}:${source.operatorId}:${source.awardId}`;
    case 'cashier':
      return `cashier:${source.operatorId}:${source.idempotencyKey}`;
    case 'seed-deposit':
      return `seed:${source.operatorId}:${source.userId}:initial-deposit`;
    case 'aggregator-transfer':
      return `aggregator-transfer:${source.transferId}:${source.step}`;
    default:
      return assertNever(source);
  }
}

/**
 * What identifies a request beyond its key: the fields a retry must repeat exactly. Values are
 * strings (money as decimal strings with their full scale), so equality is exact.
 */
export type RequestFingerprint = Readonly<Record<string, string | boolean | null>>;

export type StoredRequestMatch<Outcome> =
  /** The key is new: decide the command. */
  | { readonly kind: 'new' }
  /** The same request again: answer with what was answered the first time. */
  | { readonly kind: 'retry'; readonly outcome: Outcome }
  /** The key was used for another request: refuse, naming the fields that differ. */
  | { readonly kind: 'key-reused'; readonly differingFields: readonly string[] };

/**
 * The meaning of a stored request for an incoming one with the same key. `stored` is undefined
 * when the key is new. Both fingerprints must have the same fields: a field missing from one of
 * them is a programming error, not a difference.
 */
export function matchStoredRequest<F extends RequestFingerprint, Outcome>(
  stored: { readonly fingerprint: F; readonly outcome: Outcome } | undefined,
  incoming: F,
): StoredRequestMatch<Outcome> {
  if (!stored) return { kind: 'new' };
  const fields = Object.keys(incoming);
  if (fields.length !== Object.keys(stored.fingerprint).length || fields.some((field) => !(field in stored.fingerprint))) {
    throw new Error(`fingerprints of different shapes: ${Object.keys(stored.fingerprint).join(',')} vs ${fields.join(',')}`);
  }
  const differingFields = fields.filter((field) => stored.fingerprint[field] !== incoming[field]);
  return differingFields.length === 0 ? { kind: 'retry', outcome: stored.outcome } : { kind: 'key-reused', differingFields };
}
