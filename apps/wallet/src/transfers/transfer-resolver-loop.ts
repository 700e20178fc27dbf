import type { ResolverPass, TransferResolver } from './transfer-resolver';

/**
 * Runs resolver passes one after another, `intervalMs` apart (never two at once in a process; two
 * processes are safe too, each settle being conditional). `stop` waits for the pass under way.
 */
export class TransferResolverLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly resolver: TransferResolver,
    private readonly intervalMs: number,
    private readonly onPass: (pass: ResolverPass) => void = () => undefined,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.resolver.resolveDue().then(this.onPass, this.onError).finally(() => {
        this.running = null;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
  }
}
