/**
 * Bounds of what the reporting service accepts from `wallet.ledger-events`, checked where a
 * message enters (read-ledger-event.ts). They mirror the reporting database's columns, so a
 * message that passes can always be stored.
 */
export const EVENT_ID_LENGTH_MAX = 64;
export const PLATFORM_ID_LENGTH_MAX = 40;
export const OPERATOR_ID_LENGTH_MAX = 20;
export const USER_ID_LENGTH_MAX = 100;
export const TRANSACTION_ID_LENGTH_MAX = 20;
export const GAME_ID_LENGTH_MAX = 20;
export const VENDOR_LENGTH_MAX = 100;
/** The wallet's award ids of promotion credits. */
export const AWARD_ID_LENGTH_MAX = 100;
/** Campaign codes as the wallet stores them (varchar 255). */
export const CAMPAIGN_CODE_LENGTH_MAX = 255;
/** The Operator API's `context.reason` is STRING 32. */
export const REASON_LENGTH_MAX = 32;
/** Aggregator ids (the client's rule) and usernames there (the aggregator's rule: 4-30). */
export const AGGREGATOR_ID_LENGTH_MAX = 64;
export const AGGREGATOR_USERNAME_LENGTH_MAX = 30;
/** An aggregator balance as the wallet keeps it (varchar 60 of a plain decimal). */
export const AGGREGATOR_BALANCE_LENGTH_MAX = 60;
/** Transfer ids are the wallet's UUIDs. */
export const TRANSFER_ID_LENGTH_MAX = 36;
/** Longest raw message kept in `rejected_ledger_events` for a human to look at. */
export const REJECTED_PAYLOAD_CHARS_MAX = 4000;
/** Longest reason text stored with a rejected message. */
export const REJECTION_REASON_CHARS_MAX = 300;

/**
 * Events applied in one database transaction (a Kafka batch is cut into chunks of this size; the
 * offset is committed after each chunk's transaction). Bounds the transaction's duration and the
 * work a crash makes the next process redo.
 */
export const LEDGER_EVENTS_PER_TRANSACTION_MAX = 500;
/** Bytes fetched per partition per request: bounds the memory a batch holds. */
export const LEDGER_FETCH_BYTES_PER_PARTITION_MAX = 1024 * 1024;
