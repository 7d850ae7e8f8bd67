/**
 * Group commit: items that arrive while a commit is running, or within `lingerMs` after it, are written
 * together by the next one, so one fsync serves a whole batch under load, while a lone item on an idle box
 * is written at once. (With SQLite the commit's fsync blocks the event loop; lingering keeps that to a
 * small share of the time.) Each `add` resolves only after the transaction holding its item committed,
 * or rejects with the commit's error.
 */

interface Waiting<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** Batches items into commits made by `write` (one database transaction per call). */
export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private running: Promise<void> | undefined;

  /**
   * @param write commits a batch in one transaction; resolves once it is durable.
   * @param maxBatch most items in one commit.
   * @param lingerMs how long to gather items after a commit before the next one.
   */
  constructor(
    private readonly write: (items: readonly T[]) => Promise<void>,
    private readonly maxBatch = 256,
    private readonly lingerMs = 0,
  ) {}

  /** Queues an item; resolves once it is durable. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when nothing is waiting or being written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the requests that are already parsed join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
      // Let the next batch gather while the requests that were waiting on this commit are answered.
      if (this.lingerMs > 0 && this.waiting.length < this.maxBatch)
        await new Promise((r) => setTimeout(r, this.lingerMs));
    }
    this.running = undefined;
  }
}
