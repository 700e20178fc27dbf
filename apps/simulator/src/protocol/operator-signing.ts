import { createHash } from 'node:crypto';

/**
 * The Operator API v2.49 signatures, written here from the vendor's document with node:crypto and
 * nothing of ours: the simulator is the platform's side, so a mistake in the gateway's protocol
 * library must show up as a failed certification, not be shared by both sides.
 */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** X-Authorization: sha1(command . secretKey). */
export function authorizationHeaderFor(command: string, secretKey: string): string {
  return sha1Hex(command + secretKey);
}

/** Request body hash: sha1(command . request_timestamp . secretKey). */
export function requestHashFor(command: string, requestTimestamp: string, secretKey: string): string {
  return sha1Hex(command + requestTimestamp + secretKey);
}

/** Response body hash: sha1(status . response_timestamp . secretKey), status being OK or ERROR. */
export function responseHashFor(status: string, responseTimestamp: string, secretKey: string): string {
  return sha1Hex(status + responseTimestamp + secretKey);
}

/** The protocol's timestamps: UTC, `Y-m-d H:i:s`, seconds truncated. */
export function operatorTimestamp(moment: Date): string {
  return moment.toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD` (UTC), for status' transaction_date and finishround's round_date. */
export function operatorDate(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}
