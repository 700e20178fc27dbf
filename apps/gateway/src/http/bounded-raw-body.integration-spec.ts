import { request as httpRequest, type Server } from 'node:http';
import express from 'express';
import { boundedRawBody, unreadBodyOf } from './bounded-raw-body';

/** A real Express server on 18602 (this suite's port): what the route sees, and what the client gets. */
const PORT = 18602;
const LIMIT = 1024;

describe('boundedRawBody', () => {
  let server: Server;
  let bytesReceivedByRoute: number[] = [];

  beforeAll(async () => {
    const app = express();
    app.use('/api', boundedRawBody(LIMIT));
    app.post('/api/x', (request, response) => {
      const unread = unreadBodyOf(request);
      bytesReceivedByRoute.push(Buffer.isBuffer(request.body) ? request.body.length : -1);
      response.status(200).send(unread ?? 'read');
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(PORT, '127.0.0.1', () => resolve(listening));
    });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    bytesReceivedByRoute = [];
  });

  function post(body: Buffer, headers: Record<string, string | number>): Promise<{ status: number; text: string; connection: string | undefined }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: PORT, path: '/api/x', method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString(), connection: response.headers.connection }));
      });
      // The server may close before the whole body is sent: that is the point.
      request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      request.end(body);
    });
  }

  it('passes a body within the limit to the route as bytes', async () => {
    expect(await post(Buffer.alloc(LIMIT, 'a'), { 'Content-Length': LIMIT })).toMatchObject({ status: 200, text: 'read' });
    expect(bytesReceivedByRoute).toEqual([LIMIT]);
  });

  it('hands a body over the limit (by Content-Length) to the route unread, which answers it, and closes the connection', async () => {
    expect(await post(Buffer.alloc(LIMIT + 1, 'a'), { 'Content-Length': LIMIT + 1 })).toEqual({ status: 200, text: 'too-large', connection: 'close' });
    expect(bytesReceivedByRoute).toEqual([-1]);
  });

  it('does the same for a chunked body as soon as it passes the limit', async () => {
    expect(await post(Buffer.alloc(64 * 1024, 'a'), { 'Transfer-Encoding': 'chunked' })).toEqual({ status: 200, text: 'too-large', connection: 'close' });
  });

  it('marks a Content-Encoding it does not read as unreadable', async () => {
    expect(await post(Buffer.from('abc'), { 'Content-Length': 3, 'Content-Encoding': 'x-unknown' })).toMatchObject({ status: 200, text: 'unreadable' });
  });
});
