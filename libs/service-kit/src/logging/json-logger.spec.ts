import { JsonLogger } from './json-logger';
import { runWithRequestContext } from './request-context';

function linesOf(log: (logger: JsonLogger) => void, level: 'debug' | 'info' = 'debug'): Record<string, unknown>[] {
  const lines: string[] = [];
  log(new JsonLogger('spec', level, (line) => lines.push(line)));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JsonLogger (on pino)', () => {
  it('writes one JSON line with our fields: time, level, service, context, msg, the request id', () => {
    const [line] = linesOf((logger) => runWithRequestContext({ requestId: 'req-1' }, () => logger.event('info', 'Gateway', 'reply routed', { partition: 3 })));
    expect(line).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: 'info', service: 'spec', context: 'Gateway', msg: 'reply routed', requestId: 'req-1', partition: 3 });
  });

  it('censors secrets by field name at the top and by path below it, and writes bigints as text', () => {
    const [line] = linesOf((logger) =>
      logger.event('warn', 'Config', 'loaded', { secretKey: 'top-secret-0001', platform: { privateKey: 'nested-secret-0002', headers: { authorization: 'Bearer x' } }, amountMinor: 1234567890123456789n }),
    );
    expect(line).toMatchObject({ secretKey: '[redacted]', platform: { privateKey: '[redacted]', headers: { authorization: '[redacted]' } }, amountMinor: '1234567890123456789' });
    expect(JSON.stringify(line)).not.toMatch(/top-secret|nested-secret/);
  });

  it('drops lines below its level, and takes Nest’s own logs (message, context) the same way', () => {
    const lines = linesOf((logger) => {
      logger.debug('hidden', 'Nest');
      logger.log('Nest application successfully started', 'NestApplication');
    }, 'info');
    expect(lines.map((line) => [line['level'], line['context'], line['msg']])).toEqual([['info', 'NestApplication', 'Nest application successfully started']]);
  });
});
