import type { ArgumentsHost } from '@nestjs/common';
import { lastValueFrom, isObservable } from 'rxjs';
import { JsonLogger } from '@wallet-platform/service-kit';
import { BackOfficeErrorFilter } from './back-office-error.filter';

describe('the back-office error filter on a Kafka handler', () => {
  it('hands the handler’s own error back to the transport, not a TypeError about HTTP headers', async () => {
    const filter = new BackOfficeErrorFilter(new JsonLogger('wallet', 'error'));
    const host = { getType: () => 'rpc', switchToHttp: () => ({ getRequest: () => undefined, getResponse: () => undefined }) } as unknown as ArgumentsHost;
    const cause = new RangeError('connection terminated unexpectedly');
    const answer = filter.catch(cause, host);
    expect(isObservable(answer)).toBe(true);
    await expect(lastValueFrom(answer as never)).rejects.toBe(cause);
  });
});
