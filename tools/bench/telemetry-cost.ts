/**
 * CPU cost of the telemetry one Operator API request makes, measured on the real functions
 * (docs/benchmarks.md, "Telemetry cost"): the gateway's HTTP metrics and server span, the Operator
 * API counters and its (filtered) answer log line, the wallet client's round-trip metrics and
 * client span with its traceparent; the wallet's consumer span from the message's headers, its
 * (filtered) log line, its command metrics, the reply's traceparent; and the batch engine's span,
 * its two statement spans and batch metrics for a batch of BATCH_COMMANDS commands.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/telemetry-cost.ts [off|none|recording]
 *
 * `off` installs no OpenTelemetry SDK (the API's no-op spans: the metrics' cost alone, as before
 * tracing); `none` is the default configuration (OTEL_TRACES_EXPORTER=none: non-recording spans);
 * `recording` records every span and hands each, as it ends, to an exporter that drops it (the
 * SDK's own cost when exporting, without the OTLP encoding and the network; a simple processor,
 * not the batch one, so that no span is dropped by a full queue in this tight loop).
 */
import { EventEmitter } from 'node:events';
import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { AlwaysOnSampler, SimpleSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { NextFunction, Request, Response } from 'express';
import { WalletCommandType } from '@wallet-platform/contracts';
import { addTraceHeaders, KafkaCommandServer, MESSAGING_TRACER, traceContextOfMessage } from '@wallet-platform/messaging';
import { httpMetricsMiddleware, JsonLogger, startTracing, traceMiddleware } from '@wallet-platform/service-kit';
import { WalletClient } from '@wallet-platform/wallet-client';
import { startOperatorApiRequest } from '../../apps/gateway/src/operator-api/operator-api.metrics';
import { batchCommands, batchDuration, playerLockWait } from '../../apps/wallet/src/game-play/game-play.metrics';
import { walletCommandMetrics } from '../../apps/wallet/src/wallet-commands.metrics';

const REQUESTS = 100_000;
const WARM_UP = 10_000;
/** The average batch of the peak run (docs/benchmarks.md: 4.4 commands per batch). */
const BATCH_COMMANDS = 4;

const mode = process.argv[2] ?? 'none';
if (mode === 'recording') {
  const dropping: SpanExporter = { export: (_spans: ReadableSpan[], done) => done({ code: ExportResultCode.SUCCESS }), shutdown: async () => undefined };
  trace.setGlobalTracerProvider(new TracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new SimpleSpanProcessor({ exporter: dropping })] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
} else if (mode === 'none') {
  startTracing({ serviceName: 'bench', instanceId: 'bench-1', exporter: 'none', sampleRatio: 1 });
} else if (mode !== 'off') {
  throw new Error(`mode: off, none or recording, got ${mode}`);
}

const logger = new JsonLogger('bench', 'info', () => undefined);
const observer = walletCommandMetrics('bench.wallet', new Set(Object.values(WalletCommandType)));
const server = new KafkaCommandServer({} as never);
const walletClient = new WalletClient({ request: () => Promise.resolve({ ok: true, result: { balance: '1.00', currency: 'EUR' } }) } as never, 3_000);
const tracer = () => trace.getTracer(MESSAGING_TRACER);
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function fakeExchange(): { request: Request; response: Response & EventEmitter } {
  const response = Object.assign(new EventEmitter(), { statusCode: 200, setHeader: () => undefined }) as unknown as Response & EventEmitter;
  const request = { method: 'POST', baseUrl: '', route: { path: '/operator-api/v2/:platformId/:command' }, headers: { traceparent } } as unknown as Request;
  return { request, response };
}

/** The gateway's telemetry for one request, around a wallet call that answers at once. */
async function gatewayRequest(): Promise<void> {
  const { request, response } = fakeExchange();
  const next: NextFunction = () => undefined;
  httpMetricsMiddleware(request, response, next);
  await new Promise<void>((resolve) => {
    traceMiddleware(request, response, () => {
      void (async () => {
        const answered = startOperatorApiRequest('changebalance');
        // The round trip's client span and the message's traceparent (RequestReplyClient.send).
        const span = tracer().startSpan(`${WalletCommandType.ChangeBalance} request`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'kafka' } });
        addTraceHeaders({}, trace.setSpan(context.active(), span));
        await walletClient.call(WalletCommandType.ChangeBalance, 'op', 'user', {} as never);
        span.end();
        answered('OK');
        logger.event('debug', 'OperatorApi', 'answered', { command: 'changebalance', result: 'OK', durationMs: 1 });
        resolve();
      })();
    });
  });
  response.emit('finish');
  response.emit('close');
}

/** The wallet's telemetry for one command of a batch (KafkaCommandServer.handleChunk and sendReplies). */
function walletCommand(): void {
  const headers = { traceparent: Buffer.from(traceparent), 'x-message-type': Buffer.from(WalletCommandType.ChangeBalance) };
  traceContextOfMessage(headers);
  const traced = (server as unknown as { startCommandSpan: (type: string, topic: string, partition: number, h: unknown) => { span: { end(): void }; context: never } }).startCommandSpan(
    WalletCommandType.ChangeBalance,
    'bench.wallet.commands',
    3,
    headers,
  );
  context.with(traced.context, () => logger.event('debug', 'WalletCommands', 'command handled', { type: WalletCommandType.ChangeBalance, ok: true }));
  observer.commandHandled(WalletCommandType.ChangeBalance, 'ok', 0.004);
  addTraceHeaders({ 'x-correlation-id': 'c' }, traced.context);
  traced.span.end();
}

/** The engine's telemetry for one batch (GamePlayEngine.process, run, attemptBatch). */
async function walletBatch(links: number): Promise<void> {
  const span = trace.getTracer('wallet-platform.wallet').startSpan('wallet.batch', { links: Array.from({ length: links }, () => ({ context: trace.getSpanContext(ROOT_CONTEXT) ?? { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 } })) }, ROOT_CONTEXT);
  batchCommands.observe(links);
  const stopBatch = batchDuration.startTimer();
  await context.with(trace.setSpan(ROOT_CONTEXT, span), async () => {
    const stopLock = playerLockWait.startTimer();
    stopLock();
    for (const name of ['wallet.batch.read', 'wallet.batch.write']) {
      await trace.getTracer('wallet-platform.wallet').startActiveSpan(name, async (child) => child.end());
    }
  });
  stopBatch();
  span.end();
}

async function measure(label: string, work: () => Promise<void> | void, iterations: number): Promise<number> {
  for (let index = 0; index < WARM_UP; index++) await work();
  const before = process.cpuUsage();
  for (let index = 0; index < iterations; index++) await work();
  const used = process.cpuUsage(before);
  const microseconds = (used.user + used.system) / iterations;
  process.stdout.write(`${label.padEnd(44)} ${microseconds.toFixed(1).padStart(7)} µs CPU\n`);
  return microseconds;
}

async function main(): Promise<void> {
  process.stdout.write(`mode ${mode}, ${REQUESTS} requests, Node ${process.version}\n`);
  const empty = await measure('empty loop (subtracted)', () => Promise.resolve(), REQUESTS);
  const gateway = (await measure('gateway, per request', gatewayRequest, REQUESTS)) - empty;
  const wallet = (await measure('wallet, per command', walletCommand, REQUESTS)) - empty;
  const batch = (await measure(`wallet engine, per batch of ${BATCH_COMMANDS}`, () => walletBatch(BATCH_COMMANDS), REQUESTS / BATCH_COMMANDS)) - empty;
  const total = gateway + wallet + batch / BATCH_COMMANDS;
  process.stdout.write(`total per request: ${total.toFixed(1)} µs CPU (gateway ${gateway.toFixed(1)}, wallet ${(wallet + batch / BATCH_COMMANDS).toFixed(1)})\n`);
}

void main();
