import { resultCodeOf, type OperatorCall } from '../protocol/operator-client';
import { isRequestEchoedExactly, isResponseHashValid } from '../protocol/operator-response';
import { CertificationContext, ScenarioFailure, check, type ScenarioOutcome } from './certification-kit';

/**
 * Properties of every answer, checked over all the calls the run made; these scenarios run last.
 * A run where nothing was answered fails them rather than passing vacuously.
 */
function answeredCalls(context: CertificationContext): OperatorCall[] {
  const answered = context.calls.filter((call) => call.response !== null);
  if (answered.length === 0) throw new ScenarioFailure('protocol answers to check', 'none answered');
  return answered;
}

function summary(answered: readonly OperatorCall[], failing: readonly OperatorCall[], what: string, detail: (call: OperatorCall) => string): ScenarioOutcome {
  const first = failing[0];
  return check(
    `${answered.length} of ${answered.length} ${what}`,
    `${answered.length - failing.length} of ${answered.length} ${what}${first ? `; first not: ${first.request.command} ${resultCodeOf(first)} ${detail(first)}` : ''}`,
  );
}

export async function responseHashValidOnEveryResponse(context: CertificationContext): Promise<ScenarioOutcome> {
  const answered = answeredCalls(context);
  const invalid = answered.filter((call) => !isResponseHashValid(call.response!, context.secretKey));
  return summary(answered, invalid, 'with a valid response hash', (call) => `hash ${call.response!.hash} at ${call.response!.responseTimestamp}`);
}

export async function requestEchoedExactlyOnEveryResponse(context: CertificationContext): Promise<ScenarioOutcome> {
  const answered = answeredCalls(context);
  const altered = answered.filter((call) => !isRequestEchoedExactly(call.request.body, call.response!.request));
  return summary(answered, altered, 'passing the request back exactly', (call) => `sent ${call.request.body.slice(0, 160)}`);
}
