import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Controller, Module, Param, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { raw } from 'express';
import { REQUEST_BODY_BYTES_MAX } from '@wallet-platform/operator-api';

/**
 * One HTTP server for the HTTP-layer benchmark (run-http-layer-benchmark.sh): NestJS on Express
 * (what the gateway uses), NestJS on Fastify, or Node's own http, each doing the same work per
 * request. Fastify is not a dependency of the product: the script installs it into .local.
 */
type AnyRequest = { body?: unknown };
type AnyReply = { status(code: number): AnyReply; type(value: string): AnyReply; header(name: string, value: string): AnyReply; send(body: string): void };
const fastifyRequire = createRequire(resolve(process.env['HTTP_BENCH_MODULES'] ?? '.local/http-bench/node_modules', 'index.js'));

// The work of one Operator API request minus the wallet round trip: raw bytes in, a hash, a JSON answer.
function answer(platformId: string, command: string, body: Buffer): string {
  const hash = createHash('sha1').update(command).update(body).digest('hex');
  return JSON.stringify({ status: 'OP_00', platform: platformId, command, hash, balance: '100.00' });
}

@Controller('operator-api/v2/:platformId')
class ExpressController {
  @Post(':command')
  command(@Param('platformId') platformId: string, @Param('command') command: string, @Req() request: AnyRequest, @Res() response: AnyReply): void {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    response.status(200).type('application/json; charset=utf-8').send(answer(platformId, command, body));
  }
}
@Module({ controllers: [ExpressController] })
class ExpressModule {}

@Controller('operator-api/v2/:platformId')
class FastifyController {
  @Post(':command')
  command(@Param('platformId') platformId: string, @Param('command') command: string, @Req() request: AnyRequest, @Res() reply: AnyReply): void {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    reply.status(200).header('content-type', 'application/json; charset=utf-8').send(answer(platformId, command, body));
  }
}
@Module({ controllers: [FastifyController] })
class FastifyModule {}

interface FastifyAdapterLike {
  getInstance(): {
    removeAllContentTypeParsers(): void;
    addContentTypeParser(type: string, options: { parseAs: 'buffer' }, parser: (request: unknown, body: Buffer, done: (error: null, body: Buffer) => void) => void): void;
  };
}

async function main(): Promise<void> {
  const [kind, port] = [process.argv[2], Number(process.argv[3])];
  if (kind === 'express') {
    const app = await NestFactory.create(ExpressModule, { logger: false, bodyParser: false });
    app.use('/operator-api', raw({ type: () => true, limit: REQUEST_BODY_BYTES_MAX }));
    await app.listen(port, '127.0.0.1');
  } else if (kind === 'fastify') {
    const { FastifyAdapter } = fastifyRequire('@nestjs/platform-fastify') as { FastifyAdapter: new (options: object) => FastifyAdapterLike };
    const adapter = new FastifyAdapter({ bodyLimit: REQUEST_BODY_BYTES_MAX });
    adapter.getInstance().removeAllContentTypeParsers();
    // The gateway needs the raw bytes: no JSON parsing before the handler, like Express's raw().
    adapter.getInstance().addContentTypeParser('*', { parseAs: 'buffer' }, (_request: unknown, body: Buffer, done: (error: null, body: Buffer) => void) => done(null, body));
    const app = await NestFactory.create(FastifyModule, adapter as never, { logger: false, bodyParser: false });
    await app.listen(port, '127.0.0.1');
  } else {
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const [, , , platformId, command] = (request.url ?? '').split('/');
        const text = answer(platformId, command, Buffer.concat(chunks));
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        response.end(text);
      });
    }).listen(port, '127.0.0.1');
  }
  process.send?.('ready');
}
void main();
