import type { DataSource } from 'typeorm';
import { AwardKind } from '@wallet-platform/contracts';
import { counter, gauge, scrapeTimeRead } from '@wallet-platform/service-kit';
import { AwardState } from './domain/award';

/** Awards left `crediting` counted at most: past it the gauge says "at least this many". */
export const AWARDS_CREDITING_COUNTED_MAX = 10_000;
const AWARDS_READ_TIMEOUT_MS = 1_000;

const awards = counter<'kind' | 'state'>({
  name: 'promotions_awards_total',
  help: 'Tournament and promo wins that entered a state, by kind and state: crediting (recorded, the wallet asked), credited, refused (for good).',
  labelNames: ['kind', 'state'],
});

const recoveryPasses = counter<'outcome'>({
  name: 'promotions_award_recovery_passes_total',
  help: 'Passes of the award recovery (awards left crediting asked of the wallet again), by outcome: completed, failed.',
  labelNames: ['outcome'],
});

const recoveredAwards = counter<'outcome'>({
  name: 'promotions_award_recovery_awards_total',
  help: 'Awards the recovery pass asked of the wallet again, by outcome: credited, refused, unanswered (still crediting).',
  labelNames: ['outcome'],
});

const RECOVERY_PASS_OUTCOMES = ['completed', 'failed'] as const;
const RECOVERED_AWARD_OUTCOMES = ['credited', 'refused', 'unanswered'] as const;

// Every label set exists from the start at 0: a first award or pass is an increase, not a new series.
for (const kind of Object.values(AwardKind)) for (const state of Object.values(AwardState)) awards.inc({ kind, state }, 0);
for (const outcome of RECOVERY_PASS_OUTCOMES) recoveryPasses.inc({ outcome }, 0);
for (const outcome of RECOVERED_AWARD_OUTCOMES) recoveredAwards.inc({ outcome }, 0);

export function countAward(kind: AwardKind, state: AwardState): void {
  awards.inc({ kind, state });
}

export function countRecoveryPass(outcome: (typeof RECOVERY_PASS_OUTCOMES)[number]): void {
  recoveryPasses.inc({ outcome });
}

export function countRecoveredAward(outcome: (typeof RECOVERED_AWARD_OUTCOMES)[number]): void {
  recoveredAwards.inc({ outcome });
}

interface CreditingBacklog {
  readonly crediting: number;
  readonly oldestAgeSeconds: number;
}

let backlog: { current(): Promise<CreditingBacklog> } | null = null;

gauge({
  name: 'promotions_awards_crediting',
  help: `Awards recorded but not yet paid or refused by the wallet (counted up to ${AWARDS_CREDITING_COUNTED_MAX}), read at scrape time.`,
  async collect() {
    if (backlog) this.set((await backlog.current()).crediting);
  },
});

gauge({
  name: 'promotions_award_oldest_crediting_age_seconds',
  help: 'Age of the oldest award still crediting (the wallet has not answered it for good); 0 when none.',
  async collect() {
    if (backlog) this.set((await backlog.current()).oldestAgeSeconds);
  },
});

/** Reads the awards left crediting at scrape time: one statement on the partial index of crediting awards. */
export function registerAwardMetrics(dataSource: DataSource): void {
  backlog = scrapeTimeRead<CreditingBacklog>(
    async () => {
      const [row] = (await dataSource.query(
        `SELECT (SELECT count(*) FROM (SELECT 1 FROM awards WHERE state = 'crediting' LIMIT $1) AS capped)::int AS crediting,
                COALESCE(EXTRACT(EPOCH FROM now() - (SELECT min(created_at) FROM awards WHERE state = 'crediting')), 0)::float8 AS age`,
        [AWARDS_CREDITING_COUNTED_MAX],
      )) as Array<{ crediting: number; age: number }>;
      return { crediting: Number(row.crediting), oldestAgeSeconds: Math.max(0, Number(row.age)) };
    },
    { crediting: 0, oldestAgeSeconds: 0 },
    { timeoutMs: AWARDS_READ_TIMEOUT_MS, minIntervalMs: 0 },
  );
}
