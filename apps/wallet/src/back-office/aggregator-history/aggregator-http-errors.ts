import { BadGatewayException, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { AggregatorArgumentError, AggregatorBadResponseError, AggregatorErrorCode, AggregatorRefusedError, AggregatorUnavailableError, aggregatorErrorCodeEntry } from '@wallet-platform/aggregator-client';
import { UnknownAggregatorError } from '../../transfers/transfer-aggregators';

/**
 * How the back office answers when a read of an aggregator fails: the one table from the
 * client's typed errors to HTTP. The caller's own mistake (an aggregator not configured, no such
 * player or round there, an argument the aggregator's bounds refuse) is a 4xx; the aggregator
 * refusing us for its own or our configuration's reasons, being unreachable or answering
 * something we cannot read is a 502 naming the aggregator and the call. Never the API key.
 */
export function aggregatorHttpErrorOf(error: unknown): unknown {
  if (error instanceof UnknownAggregatorError) return new NotFoundException({ error: 'aggregator_not_configured', message: error.message });
  if (error instanceof AggregatorArgumentError) return new BadRequestException({ error: 'validation_failed', fields: [{ field: error.argument, problems: [error.message] }] });
  if (error instanceof AggregatorRefusedError) return refusal(error);
  if (error instanceof AggregatorUnavailableError) {
    return new BadGatewayException({ error: 'aggregator_unavailable', aggregatorId: error.aggregatorId, call: error.call, message: `the aggregator did not answer ${error.call}; try again later` });
  }
  if (error instanceof AggregatorBadResponseError) {
    return new BadGatewayException({ error: 'aggregator_bad_response', aggregatorId: error.aggregatorId, call: error.call, message: `${error.path}: ${error.problem}` });
  }
  return error;
}

function refusal(error: AggregatorRefusedError): HttpException {
  const body = { aggregatorId: error.aggregatorId, call: error.call, code: error.codeText, message: `${aggregatorErrorCodeEntry(error.code).meaning}: ${error.remoteMessage}` };
  switch (error.code) {
    case AggregatorErrorCode.PlayerNotFound:
      return new NotFoundException({ error: 'aggregator_player_not_found', ...body });
    case AggregatorErrorCode.IpNotAllowed:
    case AggregatorErrorCode.AgentNotFound:
    case AggregatorErrorCode.AgentNotActive:
    case AggregatorErrorCode.AgentProviderNotFound:
    case AggregatorErrorCode.AgentNotUnder:
    case AggregatorErrorCode.AgentInvalidType:
    case AggregatorErrorCode.PlayerUsernameUnavailable:
    case AggregatorErrorCode.PlayerInactive:
    case AggregatorErrorCode.Unlisted:
      return new BadGatewayException({ error: 'aggregator_refused', ...body });
  }
}
