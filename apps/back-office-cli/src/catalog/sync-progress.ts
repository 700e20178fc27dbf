/**
 * Live progress of a catalog sync on stderr, one platform per line:
 *
 *   [2/5] platform-x … ⠹ 3.2 s                       (a terminal: redrawn while waiting)
 *   [2/5] platform-x … ok: 1234 games (3 disabled), 2 lobbies (4.1 s)
 *
 * On a terminal the line is redrawn with a spinner and the elapsed time, so a slow platform is
 * visibly alive; anywhere else (a pipe, a CI log) the same line is written once, in two parts,
 * and never contains a carriage return or an escape sequence.
 */
export interface ProgressClock {
  now(): number;
  /** Calls `tick` every `intervalMs` until the returned function is called. */
  every(intervalMs: number, tick: () => void): () => void;
}

export const SYSTEM_CLOCK: ProgressClock = {
  now: () => Date.now(),
  every: (intervalMs, tick) => {
    const timer = setInterval(tick, intervalMs);
    // Never the reason the process stays alive: the request it waits for is.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** How often the spinner is redrawn: smooth enough to look alive, rare enough to cost nothing. */
export const SPINNER_INTERVAL_MS = 100;
const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001b[2K';

export interface ProgressOutput {
  write(text: string): void;
}

export class SyncProgress {
  private stopSpinner: (() => void) | null = null;
  private prefix = '';
  private startedAt = 0;
  private frame = 0;

  constructor(
    private readonly output: ProgressOutput,
    /** stderr is a terminal: redraw the line; otherwise plain text only. */
    private readonly interactive: boolean,
    private readonly clock: ProgressClock = SYSTEM_CLOCK,
  ) {}

  start(position: number, total: number, platformId: string): void {
    this.finishSpinner();
    this.prefix = `[${position}/${total}] ${platformId} …`;
    this.startedAt = this.clock.now();
    this.frame = 0;
    if (!this.interactive) {
      this.output.write(`${this.prefix} `);
      return;
    }
    this.redraw();
    this.stopSpinner = this.clock.every(SPINNER_INTERVAL_MS, () => this.redraw());
  }

  /** Ends the current line with the outcome; returns the elapsed time of this platform. */
  finish(description: string): number {
    this.finishSpinner();
    const elapsedMs = this.clock.now() - this.startedAt;
    const outcome = `${description} (${(elapsedMs / 1000).toFixed(1)} s)\n`;
    this.output.write(this.interactive ? `${CLEAR_LINE}${this.prefix} ${outcome}` : outcome);
    return elapsedMs;
  }

  /** Ends the current line when the run stops early (an error that ends the whole command). */
  abandon(): void {
    this.finishSpinner();
    this.output.write(this.interactive ? `${CLEAR_LINE}${this.prefix} stopped\n` : 'stopped\n');
  }

  private redraw(): void {
    const elapsed = ((this.clock.now() - this.startedAt) / 1000).toFixed(1);
    this.output.write(`${CLEAR_LINE}${this.prefix} ${SPINNER_FRAMES[this.frame % SPINNER_FRAMES.length]} ${elapsed} s`);
    this.frame++;
  }

  private finishSpinner(): void {
    this.stopSpinner?.();
    this.stopSpinner = null;
  }
}
