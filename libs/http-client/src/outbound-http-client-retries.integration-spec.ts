import { answerJson, TestHttpServer } from './testing';
import { Repeatability } from './retry-policy';
import { closeTestClients, HTTP_CLIENT_CLOSED_PORT, HTTP_CLIENT_TEST_PORT, outboundFailure, readCall, TEST_BEARER, testClient } from './testing/outbound-test-kit';

describe('outbound HTTP client: retries only where the caller allows them', () => {
  let server: TestHttpServer;

  beforeEach(async () => {
    server = await TestHttpServer.start({ port: HTTP_CLIENT_TEST_PORT });
  });

  afterEach(async () => {
    await closeTestClients();
    await server.close();
  });

  function failTimes(times: number, httpStatus: number): void {
    let failures = 0;
    server.answerWith((_request, response) => {
      failures += 1;
      answerJson(response, failures <= times ? httpStatus : 200, '{"ok":true}');
    });
  }

  it('given a read answered 500 twice then 200, when sent, then it succeeds on the third attempt with the same request each time', async () => {
    failTimes(2, 500);

    const response = await testClient().sendForJson(readCall(server.baseUrl));

    expect(response).toMatchObject({ httpStatus: 200, attempts: 3, json: { ok: true } });
    expect(server.requests.map((request) => [request.method, request.path, request.bodyText, request.headers.authorization])).toEqual(
      Array(3).fill(['POST', '/getThing', '{"id":"1"}', TEST_BEARER]),
    );
  });

  it('given 429 once, when a read is sent, then it is retried', async () => {
    failTimes(1, 429);

    await expect(testClient().send(readCall(server.baseUrl))).resolves.toMatchObject({ httpStatus: 200, attempts: 2 });
  });

  it('given 503 on every attempt, when a read is sent, then http-status 503 after exactly attemptsMax', async () => {
    failTimes(99, 503);

    const error = await outboundFailure(testClient().send(readCall(server.baseUrl)));

    expect(error).toMatchObject({ remoteId: 'test-remote', call: 'getThing', kind: 'http-status', httpStatus: 503, attempts: 3, requestMayHaveArrived: true });
    expect(error.message).toBe('test-remote: getThing failed (http-status) after 3 attempts: HTTP 503');
    expect(server.requests).toHaveLength(3);
  });

  it('given 503, when a call marked never-repeat is sent, then exactly one attempt reaches the remote', async () => {
    failTimes(99, 503);

    const error = await outboundFailure(testClient().send(readCall(server.baseUrl, { call: 'deposit', repeatability: Repeatability.Never })));

    expect(error).toMatchObject({ call: 'deposit', kind: 'http-status', httpStatus: 503, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('given 404, when a read is sent, then it is not retried', async () => {
    failTimes(99, 404);

    await expect(outboundFailure(testClient().send(readCall(server.baseUrl)))).resolves.toMatchObject({ kind: 'http-status', httpStatus: 404, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('given a redirect, when sent, then it is not followed (it would carry the credential elsewhere)', async () => {
    server.answerWith((_request, response) => {
      response.writeHead(302, { Location: 'http://127.0.0.1:1/steal' });
      response.end();
    });

    await expect(outboundFailure(testClient().send(readCall(server.baseUrl)))).resolves.toMatchObject({ kind: 'http-status', httpStatus: 302, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('given a caller that reads 4xx bodies (a vendor error envelope), when answered 400, then the body is returned, not retried', async () => {
    failTimes(99, 400);

    const response = await testClient().sendForJson(readCall(server.baseUrl, { readsBodyOfStatus: (status) => status >= 200 && status <= 499 }));

    expect(response).toMatchObject({ httpStatus: 400, attempts: 1, json: { ok: true } });
  });

  it('given nothing listening, when a read is sent, then a connection error after every attempt, saying the request cannot have arrived', async () => {
    const error = await outboundFailure(testClient().send(readCall(`http://127.0.0.1:${HTTP_CLIENT_CLOSED_PORT}`)));

    expect(error).toMatchObject({ kind: 'connection', attempts: 3, requestMayHaveArrived: false });
    expect(error.message).toMatch(/^test-remote: getThing failed \(connection\) after 3 attempts: no answer: ECONNREFUSED/);
  });

  it('given a remote that reads the request then drops the connection, when a never-repeat call is sent, then a connection error that may have arrived, sent once', async () => {
    server.answerWith((_request, response) => {
      response.socket?.destroy();
    });

    const error = await outboundFailure(testClient().send(readCall(server.baseUrl, { call: 'withdraw', repeatability: Repeatability.Never })));

    expect(error).toMatchObject({ call: 'withdraw', kind: 'connection', attempts: 1, requestMayHaveArrived: true });
    expect(server.requests).toHaveLength(1);
  });
});
