import type { ProgressClock } from '../catalog/sync-progress';

/** Time that moves only when a test says so; spinner ticks run when the test calls `tick()`. */
export class ManualClock implements ProgressClock {
  private nowMs = 1_000_000;
  private readonly ticks = new Set<() => void>();

  now(): number {
    return this.nowMs;
  }

  every(_intervalMs: number, tick: () => void): () => void {
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }

  tick(): void {
    for (const tick of this.ticks) tick();
  }

  get activeTimers(): number {
    return this.ticks.size;
  }
}
