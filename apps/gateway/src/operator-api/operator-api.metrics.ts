import { isOperatorCommandName, type EdgeRefusalKind, type OperatorCommandName, type OpErrorCode } from '@wallet-platform/operator-api';
import { counter, histogram } from '@wallet-platform/service-kit';

/** What a request ended as: a signed OK, a signed OP_xx error, or 403 (unknown operator, bad X-Authorization, unknown command). */
export type OperatorApiResult = 'OK' | OpErrorCode | 'ACCESS_DENIED';

/** A command outside the protocol's list shares one label value: the path segment is the caller's. */
const UNKNOWN_COMMAND = 'unknown';

const requests = counter({
  name: 'operator_api_requests_total',
  help: 'Operator API requests answered, by command and result (OK, an OP_xx code, ACCESS_DENIED).',
  labelNames: ['command', 'result'],
});
const requestDuration = histogram({
  name: 'operator_api_request_duration_seconds',
  help: 'Operator API requests from arrival to the signed answer (the gateway total, the wallet round trip included), by command.',
  labelNames: ['command'],
});

/** Times one Operator API request; call the returned function with its result when answered. */
export function startOperatorApiRequest(pathCommand: string): (result: OperatorApiResult) => void {
  const command: OperatorCommandName | typeof UNKNOWN_COMMAND = isOperatorCommandName(pathCommand) ? pathCommand : UNKNOWN_COMMAND;
  const stopTimer = requestDuration.startTimer({ command });
  return (result) => {
    requests.inc({ command, result });
    stopTimer();
  };
}

const edgeRefusals = counter({
  name: 'operator_api_edge_refusals_total',
  help: 'Operator API requests the gateway refused at its edge before the wallet saw them, by platform and kind (SOURCE_NOT_ALLOWED, STALE_REQUEST, CREDIT_ABOVE_MAXIMUM, OVERLOADED, BODY_TOO_LARGE).',
  labelNames: ['platform', 'kind'],
});

/** One edge refusal; the platform label comes from our configuration only (an unknown platform id is never a label). */
export function countEdgeRefusal(platformId: string, kind: EdgeRefusalKind): void {
  edgeRefusals.inc({ platform: platformId, kind });
}
