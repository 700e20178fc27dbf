import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { MessageHeaders, Topics, topicName } from '@wallet-platform/contracts';
import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';

/**
 * One trace id followed through the real stack: the platform's HTTP request (its `traceparent`, or
 * none), the gateway's Kafka command, the wallet's log line for that command, the wallet's reply on
 * Kafka, and the gateway's log line for the answer. The services' own log files and the topics'
 * own messages are read: nothing is taken from the code under test.
 */
const PORT_BASE = 18570;
const WAIT_TIMEOUT_MS = 15_000;
const KAFKA_BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

interface LogLine {
  readonly msg: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly [field: string]: unknown;
}

interface TopicMessage {
  readonly headers: Record<string, string>;
}

describe('a trace across the gateway, Kafka and the wallet', () => {
  const stack = new TestStack(PORT_BASE);
  const kafka = new Kafka({ clientId: 'trace-e2e', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  let platform: GamePlatform;
  let client: PlatformClient;
  let player: SeededPlayer;

  beforeAll(async () => {
    await stack.start(1);
    client = new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY);
    platform = new GamePlatform(client);
    player = await stack.seedPlayer({ balance: '100.00' });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const logLines = (service: string): LogLine[] =>
    stack
      .logOf(service)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);

  /** Waits until `service` has logged a line that `accept` takes (log files are written asynchronously). */
  async function logLineOf(service: string, accept: (line: LogLine) => boolean): Promise<LogLine | undefined> {
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    for (;;) {
      const found = logLines(service).find(accept);
      if (found || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every message of a topic of the stack's environment so far, with its headers as text. */
  async function messagesOf(topic: string): Promise<TopicMessage[]> {
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const remaining = new Map(ends.filter((end) => Number(end.high) > Number(end.low)).map((end) => [end.partition, Number(end.high)]));
    const messages: TopicMessage[] = [];
    if (remaining.size === 0) return messages;
    const consumer = kafka.consumer({ groupId: `trace-e2e-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            messages.push({ headers: textHeaders(message.headers) });
            if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        });
      });
      await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`${topic} not read to its end`)), WAIT_TIMEOUT_MS))]);
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  const traceIdOf = (headers: Record<string, string>): string | undefined => TRACEPARENT_PATTERN.exec(headers['traceparent'] ?? '')?.[1];

  /** The command and reply messages of one trace, and that the reply answers that command. */
  async function kafkaMessagesOfTrace(traceId: string): Promise<{ command: TopicMessage | undefined; reply: TopicMessage | undefined }> {
    const commands = (await messagesOf(topicName(stack.environmentName, Topics.walletCommands))).filter((message) => traceIdOf(message.headers) === traceId);
    const replies = (await messagesOf(topicName(stack.environmentName, Topics.gatewayReplies))).filter((message) => traceIdOf(message.headers) === traceId);
    expect({ commands: commands.length, replies: replies.length }).toEqual({ commands: 1, replies: 1 });
    expect(replies[0].headers[MessageHeaders.correlationId]).toBe(commands[0].headers[MessageHeaders.correlationId]);
    return { command: commands[0], reply: replies[0] };
  }

  it("continues the platform's traceparent through Kafka to the wallet's log line and back", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const requestId = `trace-e2e-${randomBytes(4).toString('hex')}`;
    const call = await client.call('balance', `{"token":"${player.token}","user_id":"${player.user_id}","currency_code":"${player.currency}"}`, {
      requestId,
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
    });
    expect(call.status).toBe(200);
    expect(call.body).toContain('"status":"OK"');
    // The answer names the trace: the caller's, with the gateway's own span.
    const answerTrace = TRACEPARENT_PATTERN.exec(call.headers['traceresponse'] ?? '');
    expect(answerTrace?.[1]).toBe(traceId);
    expect(answerTrace?.[2]).not.toBe(callerSpanId);

    const { command, reply } = await kafkaMessagesOfTrace(traceId);
    expect(command?.headers[MessageHeaders.messageType]).toBe('wallet.balance');
    expect(command?.headers[MessageHeaders.requestId]).toBe(requestId);
    // The command's parent span is the gateway's, not the caller's; the reply's is the wallet's.
    const commandParent = TRACEPARENT_PATTERN.exec(command?.headers['traceparent'] ?? '')?.[2];
    const replyParent = TRACEPARENT_PATTERN.exec(reply?.headers['traceparent'] ?? '')?.[2];
    expect(new Set([callerSpanId, commandParent, replyParent]).size).toBe(3);

    const walletLine = await logLineOf('wallet', (line) => line.traceId === traceId && line.msg === 'command handled');
    expect(walletLine).toMatchObject({ service: 'wallet', type: 'wallet.balance', requestId, traceId, spanId: replyParent });
    const gatewayLine = await logLineOf('gateway-0', (line) => line.traceId === traceId && line.msg === 'answered');
    expect(gatewayLine).toMatchObject({ service: 'gateway', command: 'balance', result: 'OK', requestId, traceId });
  });

  it('starts a trace at the gateway when the request has none, and follows a batched money command with it', async () => {
    const bet = await platform.changeBalance(player, 'BET', '2.50');
    expect([bet.status, bet.balance]).toEqual(['OK', '97.50']);
    const traceId = TRACEPARENT_PATTERN.exec(bet.call.headers['traceresponse'] ?? '')?.[1];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));

    const { command } = await kafkaMessagesOfTrace(traceId as string);
    expect(command?.headers[MessageHeaders.messageType]).toBe('wallet.change-balance');
    const walletLine = await logLineOf('wallet', (line) => line.traceId === traceId && line.msg === 'command handled');
    expect(walletLine).toMatchObject({ type: 'wallet.change-balance', ok: true, traceId });
    expect(walletLine?.['batchCommands']).toBeGreaterThanOrEqual(1);
    const gatewayLine = await logLineOf('gateway-0', (line) => line.traceId === traceId && line.msg === 'answered');
    expect(gatewayLine).toMatchObject({ command: 'changebalance', result: 'OK', traceId });
  });

  it('refuses a malformed traceparent and starts a new trace instead', async () => {
    const malformed = `00-${'z'.repeat(32)}-${'1'.repeat(16)}-01`;
    const bet = await platform.changeBalance(player, 'BET', '1.00', { headers: { traceparent: malformed } });
    expect([bet.status, bet.balance]).toEqual(['OK', '96.50']);
    const traceId = TRACEPARENT_PATTERN.exec(bet.call.headers['traceresponse'] ?? '')?.[1];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const walletLine = await logLineOf('wallet', (line) => line.traceId === traceId && line.msg === 'command handled');
    expect(walletLine).toMatchObject({ type: 'wallet.change-balance', ok: true });
    expect(logLines('gateway-0').some((line) => JSON.stringify(line).includes('z'.repeat(32)))).toBe(false);
  });
});

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) text[name] = first.toString();
  }
  return text;
}

/** What an OTLP/HTTP collector receives (the JSON encoding the SDK's HTTP exporter sends). */
interface ExportedSpan {
  readonly service: string;
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly links: ReadonlyArray<{ traceId: string; spanId: string }>;
}

/**
 * With OTEL_TRACES_EXPORTER=otlp the spans themselves reach a collector: a small OTLP/HTTP
 * receiver of the test's own. One changebalance's spans form one tree across the two services,
 * and the wallet's batch, with its database statements, links to the command's span.
 */
describe('spans exported to an OTLP collector', () => {
  const COLLECTOR_PORT = 18595;
  const exported: ExportedSpan[] = [];
  let collector: Server;
  const stack = new TestStack(18580, { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${COLLECTOR_PORT}` });

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') exported.push(...spansOf(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces));
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(COLLECTOR_PORT, '127.0.0.1', resolve));
    await stack.start(1);
  });

  afterAll(async () => {
    await stack.stop();
    await new Promise((resolve) => collector.close(resolve));
  });

  it('sends one tree of spans from the HTTP request through Kafka to the batch and its statements', async () => {
    const player = await stack.seedPlayer({ balance: '10.00' });
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
    const bet = await platform.changeBalance(player, 'BET', '1.00', { headers: { traceparent: `00-${traceId}-${callerSpanId}-01` } });
    expect([bet.status, bet.balance]).toEqual(['OK', '9.00']);

    // Each service's batch processor sends on its own 5 s schedule: wait until both have sent theirs.
    const deadline = Date.now() + 20_000;
    const ofTrace = () => exported.filter((span) => span.traceId === traceId);
    const batchOf = (commandSpanId: string) => exported.find((span) => span.name === 'wallet.batch' && span.links.some((link) => link.spanId === commandSpanId));
    const statementsOf = (batchSpan: ExportedSpan | undefined) =>
      exported.filter((span) => batchSpan !== undefined && span.traceId === batchSpan.traceId && span.parentSpanId === batchSpan.spanId).map((span) => span.name);
    const find = (name: string) => ofTrace().find((span) => span.name === name);
    const arrived = () => {
      const consumer = find('wallet.change-balance process');
      return find('POST /operator-api/v2/:platformId/:command') && find('wallet.change-balance request') && consumer && statementsOf(batchOf(consumer.spanId)).length >= 2;
    };
    while (Date.now() < deadline && !arrived()) await new Promise((resolve) => setTimeout(resolve, 200));
    const server = find('POST /operator-api/v2/:platformId/:command');
    const client = find('wallet.change-balance request');
    const consumer = find('wallet.change-balance process');
    expect(server).toMatchObject({ service: 'gateway', parentSpanId: callerSpanId });
    expect(client).toMatchObject({ service: 'gateway', parentSpanId: server?.spanId });
    expect(consumer).toMatchObject({ service: 'wallet', parentSpanId: client?.spanId });
    // The batch is a trace of its own (it serves many), linked to this command's span.
    const batch = batchOf(consumer?.spanId ?? 'none');
    expect(batch).toMatchObject({ service: 'wallet' });
    expect(statementsOf(batch)).toEqual(expect.arrayContaining(['wallet.batch.read', 'wallet.batch.write']));
  });
});

interface OtlpTraces {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ spans: Array<{ name: string; traceId: string; spanId: string; parentSpanId?: string; links?: Array<{ traceId: string; spanId: string }> }> }>;
  }>;
}

function spansOf(body: OtlpTraces): ExportedSpan[] {
  return body.resourceSpans.flatMap((resource) => {
    const service = resource.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
    return resource.scopeSpans.flatMap((scope) =>
      scope.spans.map((span) => ({
        service,
        name: span.name,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || undefined,
        links: span.links ?? [],
      })),
    );
  });
}
