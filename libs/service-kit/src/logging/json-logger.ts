import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentTraceIds } from '../tracing/tracing';
import { currentRequestContext } from './request-context';

const LEVEL_RANK = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type JsonLogLevel = keyof typeof LEVEL_RANK;

/** Fields whose values never reach a log line, whatever a caller passes. */
const SECRET_FIELD_PATTERN = /secret|password|passwd|authorization|api[-_]?key|private[-_]?key|hash$/i;
const FIELD_LENGTH_MAX = 2_000;
/**
 * Paths pino censors wherever a caller nests them (a request's headers, a config object, an
 * error's cause), on top of the field-name rule above for top-level fields.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  '*.secretKey',
  '*.privateKey',
  '*.hashKey',
  '*.password',
  '*.authorization',
  '*.apiKey',
  '*.headers.authorization',
  '*.headers["x-authorization"]',
  '*.headers.hash',
];

/**
 * One JSON object per line on stdout, written by pino: time, level, service, context, message, the
 * current request id, the active trace and span ids (OpenTelemetry, from pino's mixin) and any
 * structured fields (a field named `traceId` wins: a line about one command of a batch names that
 * command's trace). Secrets are censored by field name and by path (pino's redact). Implements
 * Nest's LoggerService, so the framework's own logs come out the same way (bootstrap passes it to
 * NestFactory). The class keeps our `event()` entry point; pino does the writing.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(
    service: string,
    private readonly levelMin: JsonLogLevel = 'info',
    write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.pino = pino(
      {
        level: levelMin,
        base: { service },
        messageKey: 'msg',
        timestamp: () => `,"time":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label }) },
        // Fields of the call win over these (pino's default merge), as the traceId rule above says.
        mixin: () => {
          const ids: Record<string, string> = {};
          const requestId = currentRequestContext()?.requestId;
          if (requestId) ids['requestId'] = requestId;
          const trace = currentTraceIds();
          if (trace) {
            ids['traceId'] = trace.traceId;
            ids['spanId'] = trace.spanId;
          }
          return ids;
        },
        redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
      },
      // Synchronous, line by line, as before: a line is written before the process may exit.
      { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The level comes from LOG_LEVEL at start-up; Nest's own level list is not used.
  }

  /** Structured entry point for our own code: `logger.event('info', 'Gateway', 'reply routed', {...})`. */
  event(level: JsonLogLevel, context: string, message: string, fields: Record<string, unknown> = {}): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[this.levelMin]) return;
    const entry: Record<string, unknown> = { context };
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = SECRET_FIELD_PATTERN.test(key) ? '[redacted]' : bounded(value);
    }
    this.pino[level](entry, message);
  }

  private emit(level: JsonLogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes (message, context) or (message, stack, context) for errors.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : 'App';
    const fields: Record<string, unknown> = {};
    if (level === 'error' && typeof rest[0] === 'string' && rest.length > 1) fields['stack'] = rest[0];
    if (message instanceof Error) {
      fields['error'] = message.name;
      fields['stack'] = message.stack;
      this.event(level, context, message.message, fields);
      return;
    }
    if (typeof message === 'object' && message !== null) {
      this.event(level, context, 'object', { ...fields, detail: message });
      return;
    }
    this.event(level, context, String(message), fields);
  }
}

function bounded(value: unknown): unknown {
  if (typeof value === 'string' && value.length > FIELD_LENGTH_MAX) return value.slice(0, FIELD_LENGTH_MAX) + '…';
  // JSON has no bigint: ids and minor units are written as their decimal text.
  if (typeof value === 'bigint') return value.toString();
  return value;
}
