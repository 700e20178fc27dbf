import type { OutboundHttpError } from '@wallet-platform/http-client';
import { aggregatorErrorCodeEntry, type AggregatorErrorCode } from './aggregator-error-code';
import type { AggregatorCallName } from './aggregator-call-name';

/** The aggregator answered and said no (`ok: false`): a definite refusal, nothing was done. */
export class AggregatorRefusedError extends Error {
  constructor(
    readonly aggregatorId: string,
    readonly call: AggregatorCallName,
    readonly code: AggregatorErrorCode,
    /** The code as it came (differs from `code` only when that is UNLISTED). */
    readonly codeText: string,
    /** The aggregator's message, cut to ERROR_MESSAGE_LENGTH_MAX. */
    readonly remoteMessage: string,
  ) {
    super(`aggregator ${JSON.stringify(aggregatorId)}: ${call} refused with ${codeText} (${aggregatorErrorCodeEntry(code).meaning}): ${remoteMessage}`);
    this.name = 'AggregatorRefusedError';
  }
}

/** No usable answer to a read (timeout, connection, HTTP status, size): try again later. */
export class AggregatorUnavailableError extends Error {
  constructor(
    readonly aggregatorId: string,
    readonly call: AggregatorCallName,
    readonly transport: OutboundHttpError,
  ) {
    super(`aggregator ${JSON.stringify(aggregatorId)}: ${call} unavailable: ${transport.message}`, { cause: transport });
    this.name = 'AggregatorUnavailableError';
  }
}

/** An answer that is not the envelope or the shape the call expects; `path` names the field. */
export class AggregatorBadResponseError extends Error {
  constructor(
    readonly aggregatorId: string,
    readonly call: AggregatorCallName,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`aggregator ${JSON.stringify(aggregatorId)}: ${call} answered something we do not accept: ${path}: ${problem}`);
    this.name = 'AggregatorBadResponseError';
  }
}

/** An argument refused before calling (a username outside the rule, a page size over the bound): the caller's bug. */
export class AggregatorArgumentError extends RangeError {
  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`${argument}: ${problem}`);
    this.name = 'AggregatorArgumentError';
  }
}

/** A configuration that can never work; thrown when the client is built, so a bad deployment fails at start-up. */
export class AggregatorConfigError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`aggregator client configuration: ${field} ${problem}`);
    this.name = 'AggregatorConfigError';
  }
}

/** Our own username for a player is taken at the aggregator by someone else (getPlayerStatus does not find it under our agent). */
export class AggregatorUsernameTakenError extends Error {
  constructor(
    readonly aggregatorId: string,
    readonly username: string,
  ) {
    super(`aggregator ${JSON.stringify(aggregatorId)}: username ${username} is unavailable and is not one of our players`);
    this.name = 'AggregatorUsernameTakenError';
  }
}

/** A shape problem found while decoding; the client turns it into AggregatorBadResponseError. */
export class AggregatorShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'AggregatorShapeError';
  }
}
