import { parseServiceApiTime, serviceApiTime } from './service-api-time';

describe('service-API times', () => {
  it('given an instant when written then it is dd-mm-yyyy hh:mm:ss in UTC, zero-padded', () => {
    expect(serviceApiTime(new Date('2021-03-24T11:03:04Z'))).toBe('24-03-2021 11:03:04');
    expect(serviceApiTime(new Date('2026-01-02T03:04:05.999+02:00'))).toBe('02-01-2026 01:04:05');
  });

  it('given the text when read back then it is the same instant, to the second', () => {
    expect(parseServiceApiTime('13-04-2021 11:04:04')?.toISOString()).toBe('2021-04-13T11:04:04.000Z');
  });

  it.each(['31-02-2021 00:00:00', '2021-04-13 11:04:04', '13-04-2021 24:00:00', '13-04-2021 11:04', ''])('given %j when read then it is no time', (text) => {
    expect(parseServiceApiTime(text)).toBeNull();
  });

  it('given an invalid date when written then it throws', () => {
    expect(() => serviceApiTime(new Date(Number.NaN))).toThrow(/invalid date/);
  });
});
