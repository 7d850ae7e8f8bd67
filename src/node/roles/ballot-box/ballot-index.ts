/**
 * The box's in-memory view of its records, loaded from the database at start and updated when a record
 * is admitted (before its commit, so that two concurrent casts of one key are decided one after the
 * other). It answers the box rule's questions (`decideCast`, `decideAudit`) without a query.
 */
import type { PriorBallot } from '../../../protocol/cast/box-rule.js';
import type { Receipt } from '../../../protocol/cast/receipt.js';

/** One record as the box remembers it. */
export interface IndexEntry {
  readonly tracker: string;
  readonly voter_key: string;
  readonly ballot_id: string;
  readonly kind: 'cast' | 'audit';
  readonly received_at: number;
  /** The signed receipt (casts). */
  readonly receipt?: Receipt;
  /** Replaced by a later cast of the same key (policy `last`). */
  superseded: boolean;
  /** Resolves when the record is durable; `undefined` once it is. */
  durable?: Promise<void>;
}

/** Records by voting key and by tracker. */
export class BallotIndex {
  private readonly byKey = new Map<string, IndexEntry[]>();
  private readonly byTracker = new Map<string, IndexEntry>();

  /** The ballots already known for a key, as the box rule sees them. */
  prior(voterKey: string): PriorBallot[] {
    return (this.byKey.get(voterKey) ?? []).map((e) => ({
      ballot_id: e.ballot_id,
      tracker: e.tracker,
      spoiled: e.kind === 'audit',
    }));
  }

  /** The entry with this tracker. */
  get(tracker: string): IndexEntry | undefined {
    return this.byTracker.get(tracker);
  }

  /** The entry of this key and ballot id. */
  find(voterKey: string, ballotId: string): IndexEntry | undefined {
    return this.byKey.get(voterKey)?.find((e) => e.ballot_id === ballotId);
  }

  /** The casts of a key that still count at this box (not superseded). */
  live(voterKey: string): IndexEntry[] {
    return (this.byKey.get(voterKey) ?? []).filter((e) => e.kind === 'cast' && !e.superseded);
  }

  /** Adds an entry. */
  add(e: IndexEntry): void {
    const list = this.byKey.get(e.voter_key);
    if (list) list.push(e);
    else this.byKey.set(e.voter_key, [e]);
    this.byTracker.set(e.tracker, e);
  }

  /** Removes an entry whose commit failed. */
  remove(e: IndexEntry): void {
    this.byTracker.delete(e.tracker);
    const list = this.byKey.get(e.voter_key)?.filter((x) => x !== e) ?? [];
    if (list.length > 0) this.byKey.set(e.voter_key, list);
    else this.byKey.delete(e.voter_key);
  }
}
