import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentTraceIds } from '../tracing/tracing';
import { currentRequestContext } from './request-context';

const LEVEL_RANK = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type JsonLogLevel = keyof typeof LEVEL_RANK;

/** Fields whose values never reach a log line, whatever a caller passes. */
const SECRET_FIELD_PATTERN = /secret|password|passwd|authorization|api[-_]?key|private[-_]?key|hash$/i;
const FIELD_LENGTH_MAX = 2_000;

/**
 * One JSON object per line on stdout: time, level, service, context, message, the current request id,
 * the active trace and span ids (OpenTelemetry) and any structured fields (a field named `traceId`
 * wins: a line about one command of a batch names that command's trace). Implements Nest's LoggerService so framework logs come out the same way.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly levelMin: JsonLogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

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
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      msg: message,
    };
    const requestId = currentRequestContext()?.requestId;
    if (requestId) entry['requestId'] = requestId;
    const trace = currentTraceIds();
    if (trace) {
      entry['traceId'] = trace.traceId;
      entry['spanId'] = trace.spanId;
    }
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = SECRET_FIELD_PATTERN.test(key) ? '[redacted]' : bounded(value);
    }
    this.write(JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
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
  return value;
}
