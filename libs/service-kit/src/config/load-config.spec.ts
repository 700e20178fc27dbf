import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig, DatabaseConfig } from './common-config';
import { ConfigurationError, loadConfig } from './load-config';

class ExampleConfig extends DatabaseConfig {
  override HTTP_PORT = 18999;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  EXAMPLE_COUNT = 3;
}

describe('loadConfig', () => {
  const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };

  it('reads variables over the defaults and converts numbers', () => {
    const config = loadConfig(ExampleConfig, { ...valid, EXAMPLE_COUNT: '7', ENVIRONMENT_NAME: 'ci' });
    expect([config.EXAMPLE_COUNT, config.ENVIRONMENT_NAME, config.HTTP_PORT, config.KAFKA_BROKERS]).toEqual([7, 'ci', 18999, '127.0.0.1:19092']);
  });

  it('stops with a message naming every missing or bad variable, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig(ExampleConfig, { EXAMPLE_COUNT: '11', REDIS_URL: 'http://secret-host', KAFKA_BROKERS: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.map((problem) => problem.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'EXAMPLE_COUNT', 'KAFKA_BROKERS', 'REDIS_URL']);
    expect((error as Error).message).not.toContain('secret-host');
  });

  it('refuses a port outside 1..65535 in a service that has no default', () => {
    expect(() => loadConfig(CommonConfig, {})).toThrow(/HTTP_PORT/);
    expect(() => loadConfig(CommonConfig, { HTTP_PORT: '70000' })).toThrow(/HTTP_PORT/);
    expect(loadConfig(CommonConfig, { HTTP_PORT: '8080' }).HTTP_PORT).toBe(8080);
  });
});
