import { gauge } from '@wallet-platform/service-kit';

/** When the newest ledger event applied by this process entered the topic (epoch ms), or null before the first. */
let newestAppliedAtMs: number | null = null;

gauge({
  name: 'reporting_ledger_intake_newest_event_age_seconds',
  help: 'Age, at scrape time, of the newest wallet.ledger-events message this process has applied to the reports (its Kafka timestamp); absent until one is applied. Rises while the wallet is idle too: read it with the consumer lag.',
  collect() {
    if (newestAppliedAtMs === null) return;
    this.set(Math.max(0, (Date.now() - newestAppliedAtMs) / 1000));
  },
});

/** A chunk was applied and committed: `timestamps` are its messages' Kafka timestamps (epoch ms as decimal strings). */
export function recordAppliedEvents(timestamps: readonly string[]): void {
  for (const timestamp of timestamps) {
    const ms = Number(timestamp);
    if (Number.isFinite(ms) && ms > (newestAppliedAtMs ?? 0)) newestAppliedAtMs = ms;
  }
}
