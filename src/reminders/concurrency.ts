/** Runs `work` over `items` with at most `limit` running at once; resolves when all are done. */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The claim options every batch of a pass shares: its runner, lease and page size, and the pass's start. */
export interface ClaimBatch {
  runnerId: string;
  now: Date;
  attemptsDueBy: Date;
  leaseMs: number;
  limit: number;
  tenantId?: string;
}

/**
 * Claims a batch after another until none is left and works through each, `concurrency` at a time.
 * Pass-scoped: claims only what was due for an attempt when the pass started, so what it leaves
 * pending waits for a later pass. `work` must not throw; `failed` records what did (storage trouble:
 * the lease expires and a later pass takes the item again).
 */
export async function drainClaims<T>(
  options: { runnerId: string; leaseMs: number; limit: number; concurrency: number; tenantId?: string; clock: () => Date },
  claim: (batch: ClaimBatch) => Promise<T[]>,
  work: (item: T) => Promise<void>,
  failed: (item: T, error: unknown) => void,
): Promise<void> {
  const passStarted = options.clock();
  for (;;) {
    const claimed = await claim({ runnerId: options.runnerId, now: options.clock(), attemptsDueBy: passStarted, leaseMs: options.leaseMs, limit: options.limit, tenantId: options.tenantId });
    if (claimed.length === 0) return;
    await forEachConcurrently(claimed, options.concurrency, async (item) => {
      try {
        await work(item);
      } catch (error) {
        failed(item, error);
      }
    });
  }
}
