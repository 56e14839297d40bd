import { AsyncLocalStorage } from 'node:async_hooks';
import { unavailable } from '../common/domain-error';

/**
 * At most `slots` transactions hold a pooled connection at once; the pool's other connections are the
 * reserve that health checks and plain reads always find free. Without it, 25 placements queueing on one
 * held bed lock took every connection, and health and every other route failed until the lock went.
 * A transaction that finds no slot waits here, in order, for at most `queueTimeoutMs`, then is answered
 * 503 with Retry-After. A transaction opened inside another (same async context) does not queue again.
 */
export class TransactionGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(
    private readonly slots: number,
    private readonly queueTimeoutMs: number,
  ) {}

  get stats(): { active: number; waiting: number; slots: number } {
    return { active: this.active, waiting: this.waiting.length, slots: this.slots };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return work();
    await this.acquire();
    try {
      return await this.inside.run(true, work);
    } finally {
      this.releaseSlot();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.active++;
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(unavailable('DATABASE_BUSY', 'The service is busy with other changes right now; try again shortly', 2));
      }, this.queueTimeoutMs);
      this.waiting.push(grant);
    });
  }

  private releaseSlot(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
