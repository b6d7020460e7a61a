/** What one reminder pass did, for the log, the CLI and tests; keeps memory flat on big passes. */
import type { ReminderKey } from '../storage/reminder-store.js';

export type Outcome = 'sent' | 'pending' | 'failed' | 'inactive' | 'skipped' | 'would-send';

export interface ReportEntry extends ReminderKey {
  outcome: Outcome;
  reason?: string;
}

/** What became of the message updates a pass delivered (storage/message-updates.ts). */
export type UpdateOutcome = 'updated' | 'gone' | 'pending' | 'failed' | 'skipped';

const KEEP_ENTRIES = 1000;

export class PassReport {
  readonly counts: Record<Outcome, number> = { sent: 0, pending: 0, failed: 0, inactive: 0, skipped: 0, 'would-send': 0 };
  /** The first entries, in order; the counts hold the rest. */
  readonly entries: ReportEntry[] = [];
  readonly updates: Record<UpdateOutcome, number> = { updated: 0, gone: 0, pending: 0, failed: 0, skipped: 0 };
  planned = 0;
  organizationsPlanned = 0;

  add(key: ReminderKey, outcome: Outcome, reason?: string): void {
    this.counts[outcome]++;
    if (this.entries.length < KEEP_ENTRIES) {
      this.entries.push({ tenantId: key.tenantId, kind: key.kind, cycle: key.cycle, subject: key.subject, audience: key.audience, outcome, ...(reason ? { reason } : {}) });
    }
  }

  addUpdate(outcome: UpdateOutcome): void {
    this.updates[outcome]++;
  }

  get omitted(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count, 0) - this.entries.length;
  }
}
