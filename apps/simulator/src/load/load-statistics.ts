import { resultCodeOf, type OperatorCall } from '../protocol/operator-client';
import { LatencyRecorder, type LatencySummary } from './latency-percentiles';

/** What a load run counts: every HTTP exchange, by what it was (BET, WIN, cancel…) and its result code. */
export class LoadStatistics {
  readonly latency = new LatencyRecorder();
  private readonly latencyByKind = new Map<string, LatencyRecorder>();
  /** kind → result code → count. */
  private readonly codes = new Map<string, Map<string, number>>();
  requests = 0;
  /** Identical resends: after OP_50/timeouts, and the configured slice of answered requests. */
  retries = 0;
  /** Arrivals the open model could not start: every player busy or the in-flight bound reached. */
  missedArrivals = 0;
  /** For the once-a-second progress line. */
  private windowRequests = 0;
  private windowErrors = 0;
  private windowLatency = new LatencyRecorder(10_000);

  record(kind: string, call: OperatorCall, isRetry: boolean): void {
    this.requests++;
    if (isRetry) this.retries++;
    this.latency.record(call.latencyMs);
    this.windowLatency.record(call.latencyMs);
    this.windowRequests++;
    let recorder = this.latencyByKind.get(kind);
    if (!recorder) this.latencyByKind.set(kind, (recorder = new LatencyRecorder(200_000)));
    recorder.record(call.latencyMs);
    const code = resultCodeOf(call);
    if (code !== 'OK') this.windowErrors++;
    let byCode = this.codes.get(kind);
    if (!byCode) this.codes.set(kind, (byCode = new Map()));
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }

  /** Counts since the last call, for the progress line, then starts a new window. */
  takeWindow(): { requests: number; errors: number; latency: LatencySummary } {
    const window = { requests: this.windowRequests, errors: this.windowErrors, latency: this.windowLatency.summary() };
    this.windowRequests = 0;
    this.windowErrors = 0;
    this.windowLatency = new LatencyRecorder(10_000);
    return window;
  }

  resultCodes(): Record<string, Record<string, number>> {
    const result: Record<string, Record<string, number>> = {};
    for (const [kind, byCode] of [...this.codes].sort(([a], [b]) => a.localeCompare(b))) result[kind] = Object.fromEntries([...byCode].sort(([a], [b]) => a.localeCompare(b)));
    return result;
  }

  totalsByCode(): Record<string, number> {
    const totals = new Map<string, number>();
    for (const byCode of this.codes.values()) for (const [code, count] of byCode) totals.set(code, (totals.get(code) ?? 0) + count);
    return Object.fromEntries([...totals].sort(([a], [b]) => a.localeCompare(b)));
  }

  latencyByKindSummary(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.latencyByKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, recorder]) => [kind, recorder.summary()]));
  }
}
