import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

/**
 * The one Prometheus registry of this process, served at `/metrics` (MetricsModule). Every part of
 * a service registers its own metrics here through the helpers below, so a metric is declared once
 * beside the code it measures. Labels must have few values: never a player, transaction or round id.
 */
export const metricsRegistry = new Registry();

/** Latency buckets in seconds: from a cached balance (~1 ms) to past the gateway's wallet deadline (3 s). */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

// Registering a name twice throws in prom-client; a second Nest app in one process (tests) must
// get the same metric back instead.
function existing<T>(name: string): T | undefined {
  return metricsRegistry.getSingleMetric(name) as T | undefined;
}

export function counter<L extends string>(configuration: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return existing<Counter<L>>(configuration.name) ?? new Counter<L>({ ...configuration, registers: [metricsRegistry] });
}

export function histogram<L extends string>(configuration: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  return existing<Histogram<L>>(configuration.name) ?? new Histogram<L>({ buckets: [...LATENCY_BUCKETS_SECONDS], ...configuration, registers: [metricsRegistry] });
}

export function gauge<L extends string>(configuration: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  return existing<Gauge<L>>(configuration.name) ?? new Gauge<L>({ ...configuration, registers: [metricsRegistry] });
}

let processMetricsStarted = false;

/** The Node process's own metrics (CPU, memory, event-loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
