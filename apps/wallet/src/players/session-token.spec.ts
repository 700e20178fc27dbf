import { newSessionToken, SESSION_TOKEN_LENGTH } from './session-token';

describe('session tokens', () => {
  it('given 1000 new tokens when inspected then each is 32 of [A-Za-z0-9] and all differ', () => {
    const tokens = Array.from({ length: 1000 }, () => newSessionToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(SESSION_TOKEN_LENGTH).toBe(32);
    expect(new Set(tokens).size).toBe(1000);
  });
});
