import { isLosslessNumber } from 'lossless-json';
import { answerJson, answerSlowly, TestHttpServer } from './testing';
import { OutboundHttpUsageError } from './outbound-http-error';
import { Repeatability } from './retry-policy';
import { closeTestClients, HTTP_CLIENT_TEST_PORT, outboundFailure, readCall, testClient } from './testing/outbound-test-kit';

describe('outbound HTTP client: deadlines and body bounds', () => {
  let server: TestHttpServer;

  beforeEach(async () => {
    server = await TestHttpServer.start({ port: HTTP_CLIENT_TEST_PORT });
  });

  afterEach(async () => {
    await closeTestClients();
    await server.close();
  });

  it('given a remote slower than the deadline, when a read is sent, then timeout after every bounded attempt', async () => {
    server.answerWith((_request, response) => {
      setTimeout(() => answerJson(response, 200, '{}'), 1_000).unref();
    });

    const error = await outboundFailure(testClient().send(readCall(server.baseUrl, { timeoutMs: 150 })));

    expect(error).toMatchObject({ kind: 'timeout', attempts: 3, requestMayHaveArrived: true });
    expect(error.httpStatus).toBeUndefined();
    expect(error.message).toBe('test-remote: getThing failed (timeout) after 3 attempts: no complete answer within 150 ms');
    expect(server.requests).toHaveLength(3);
  });

  it('given headers on time and a body trickling past the deadline, when sent, then timeout (the deadline covers the body)', async () => {
    server.answerWith((_request, response) => answerSlowly(response, '{"padding":"' + 'x'.repeat(40) + '"}', 10, 60));

    const error = await outboundFailure(testClient().send(readCall(server.baseUrl, { timeoutMs: 200, repeatability: Repeatability.Never })));

    expect(error).toMatchObject({ kind: 'timeout', attempts: 1, requestMayHaveArrived: true });
  });

  it('given one slow answer, when a read is sent, then the retry succeeds', async () => {
    let calls = 0;
    server.answerWith((_request, response) => {
      calls += 1;
      if (calls === 1) {
        setTimeout(() => answerJson(response, 200, '{}'), 1_000).unref();
      } else {
        answerJson(response, 200, '{"second":true}');
      }
    });

    await expect(testClient().sendForJson(readCall(server.baseUrl, { timeoutMs: 150 }))).resolves.toMatchObject({ attempts: 2, json: { second: true } });
  });

  it('given a declared Content-Length one byte over the bound, when sent, then body-too-large, not retried', async () => {
    server.answerWith((_request, response) => answerJson(response, 200, `"${'x'.repeat(1023)}"`));

    const error = await outboundFailure(testClient().send(readCall(server.baseUrl, { responseBytesMax: 1024 })));

    expect(error).toMatchObject({ kind: 'body-too-large', attempts: 1, reason: 'body larger than 1024 bytes' });
  });

  it('given a chunked body (no Content-Length) over the bound, when sent, then the byte count stops it', async () => {
    server.answerWith((_request, response) => answerSlowly(response, `"${'x'.repeat(4_000)}"`, 8, 1));

    await expect(outboundFailure(testClient().send(readCall(server.baseUrl, { responseBytesMax: 1024 })))).resolves.toMatchObject({
      kind: 'body-too-large',
      attempts: 1,
    });
  });

  it('given a body exactly at the bound, when sent, then it is read (the bound is inclusive)', async () => {
    const atBound = `"${'x'.repeat(1022)}"`;
    server.answerWith((_request, response) => answerSlowly(response, atBound, 4, 1));

    const response = await testClient().send(readCall(server.baseUrl, { responseBytesMax: 1024 }));

    expect(Buffer.from(response.body).toString('utf8')).toBe(atBound);
  });

  it('given invalid JSON, when read as JSON, then bad-json after one attempt (a deterministic answer is not retried)', async () => {
    server.answerWith((_request, response) => answerJson(response, 200, '{"ok": tru'));

    const error = await outboundFailure(testClient().sendForJson(readCall(server.baseUrl)));

    expect(error).toMatchObject({ kind: 'bad-json', attempts: 1, httpStatus: 200 });
    expect(error.message).toMatch(/^test-remote: getThing failed \(bad-json\) after 1 attempt: body is not valid JSON: /);
    expect(server.requests).toHaveLength(1);
  });

  it('given a 20-digit number and "3.30", when read as JSON, then both keep their literal text', async () => {
    server.answerWith((_request, response) => answerJson(response, 200, '{"id":12345678901234567890,"amount":3.30}'));

    const { json } = await testClient().sendForJson(readCall(server.baseUrl));

    const value = json as { id: unknown; amount: unknown };
    expect(isLosslessNumber(value.id) && value.id.toString()).toBe('12345678901234567890');
    expect(isLosslessNumber(value.amount) && value.amount.toString()).toBe('3.30');
  });

  it('given a timeout of 0 or an unbounded body, when sent, then it is refused before any byte leaves', async () => {
    await expect(testClient().send(readCall(server.baseUrl, { timeoutMs: 0 }))).rejects.toBeInstanceOf(OutboundHttpUsageError);
    await expect(testClient().send(readCall(server.baseUrl, { responseBytesMax: Number.POSITIVE_INFINITY }))).rejects.toBeInstanceOf(OutboundHttpUsageError);
    expect(server.requests).toHaveLength(0);
  });
});
