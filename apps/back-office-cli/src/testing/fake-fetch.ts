/**
 * A stand-in for `fetch` in unit tests: answers from a handler and records every request, so a
 * test reads "given the API answers X, when the operator types Y, then Z" without a server.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly redirect: RequestInit['redirect'];
  readonly hasTimeoutSignal: boolean;
}

export type FakeAnswer = { readonly status: number; readonly body?: unknown; readonly text?: string; readonly headers?: Record<string, string> } | Error;

export interface FakeFetch {
  readonly fetchFunction: typeof fetch;
  readonly requests: RecordedRequest[];
}

export function fakeFetch(answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fetchFunction = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      redirect: init?.redirect,
      hasTimeoutSignal: init?.signal instanceof AbortSignal,
    };
    requests.push(request);
    const answered = await answer(request);
    if (answered instanceof Error) throw answered;
    const text = answered.text ?? (answered.body === undefined ? '' : JSON.stringify(answered.body));
    return new Response(answered.status === 204 ? null : text, {
      status: answered.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...answered.headers },
    });
  }) as typeof fetch;
  return { fetchFunction, requests };
}

/** A player as the API answers it. */
export function playerJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    playerId: '0b7c6a52-3f0e-4d55-9a55-2a4c1b9b7e11',
    operatorId: 'examplecasino',
    userId: 'alice-1',
    userName: 'alice',
    displayName: 'Alice',
    country: 'Malta',
    currency: 'EUR',
    group: null,
    status: 'active',
    balance: '100.10',
    createdAt: '2026-01-31T10:00:00.000000Z',
    ...overrides,
  };
}

/** A cashier operation as the API answers it. */
export function operationJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    operationId: '5d1f7c1e-8f0a-4b7e-9a55-7e1c2b3d4f50',
    kind: 'deposit',
    amount: '100.10',
    currency: 'EUR',
    balanceAfter: '100.10',
    reason: 'bank transfer 1',
    performedBy: 'desk-admin',
    createdAt: '2026-01-31T10:00:01.000000Z',
    ...overrides,
  };
}

/** Collects what a command writes, as the terminal would show it. */
export class CapturedOutput {
  stdoutText = '';
  stderrText = '';

  constructor(readonly stderrIsTerminal = false) {}

  readonly stdout = (text: string): void => {
    this.stdoutText += text;
  };

  readonly stderr = (text: string): void => {
    this.stderrText += text;
  };
}
