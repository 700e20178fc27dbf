import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { applyHttpServerLimits, HTTP_SERVER_LIMITS, type HttpServerLimits } from './server-limits';

/** Real sockets against a real Node HTTP server (port 18601, this suite's own). */
const PORT = 18601;
const LIMITS: HttpServerLimits = { headersTimeoutMs: 2_000, bodyTimeoutMs: 500, keepAliveIdleMs: 300, connectionsMax: 3 };

describe('HTTP server limits', () => {
  let server: Server;
  const sockets: Socket[] = [];

  async function start(limits: HttpServerLimits | null): Promise<void> {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => response.end(`got ${Buffer.concat(chunks).length}`));
    });
    if (limits) applyHttpServerLimits(server, limits);
    await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(PORT, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
      sockets.push(socket);
    });
  }

  /** Resolves with how the socket ended, or 'open' if it is still open after `withinMs`. */
  function endOf(socket: Socket, withinMs: number): Promise<'closed' | 'open'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('open'), withinMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve('closed');
      });
    });
  }

  const slowBodyHeaders = 'POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n';

  it('closes a connection whose body does not arrive within the body timeout, though it trickles', async () => {
    await start(LIMITS);
    const socket = await open();
    socket.write(slowBodyHeaders + 'a');
    // One byte every 100 ms: never idle, never complete.
    const trickle = setInterval(() => socket.writable && socket.write('a'), 100);
    try {
      expect(await endOf(socket, 2_000)).toBe('closed');
    } finally {
      clearInterval(trickle);
    }
  });

  it('without the limits the same connection stays open (Node waits up to 300 s)', async () => {
    await start(null);
    const socket = await open();
    socket.write(slowBodyHeaders + 'a');
    const trickle = setInterval(() => socket.writable && socket.write('a'), 100);
    try {
      expect(await endOf(socket, 1_500)).toBe('open');
    } finally {
      clearInterval(trickle);
    }
  });

  it('still answers a body that arrives in time, and then closes the idle keep-alive connection', async () => {
    await start(LIMITS);
    const socket = await open();
    const answer = new Promise<string>((resolve) => socket.once('data', (data: Buffer) => resolve(data.toString())));
    socket.write('POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc');
    expect(await answer).toMatch(/^HTTP\/1\.1 200[\s\S]*got 3$/);
    expect(await endOf(socket, 1_500)).toBe('closed');
  });

  it('closes connections beyond the cap as they arrive', async () => {
    await start(LIMITS);
    const held = await Promise.all([open(), open(), open()]);
    // Let the server count the three before the fourth arrives.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extra = await open();
    expect(await endOf(extra, 1_000)).toBe('closed');
    for (const socket of held) expect(socket.destroyed).toBe(false);
  });

  it('has named production values far below Node’s 300 s', () => {
    expect(HTTP_SERVER_LIMITS.headersTimeoutMs + HTTP_SERVER_LIMITS.bodyTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(HTTP_SERVER_LIMITS.connectionsMax).toBeGreaterThan(0);
  });
});
