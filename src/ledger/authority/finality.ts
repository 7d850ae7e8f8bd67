/**
 * Finality. A block is final when its parent is final (the genesis is final) and at least `quorum`
 * distinct genesis validators approved it and more approved than rejected. A block is rejected when at
 * least `quorum` validators rejected it; rejected blocks and their descendants are left out of fork
 * choice. With a majority quorum and validators that never approve two blocks at one height, two
 * conflicting blocks cannot both be final, and a final block stays final whatever approvals come later.
 */

/** Approval counts of one block (each validator counted once). */
export interface Tally {
  readonly approve: number;
  readonly reject: number;
}

/** Status of a block. */
export type BlockStatus = 'final' | 'pending' | 'rejected';

/** True when the approvals alone make the block final (parent finality is checked by the caller). */
export function meetsQuorum(t: Tally, quorum: number): boolean {
  return t.approve >= quorum && t.approve > t.reject;
}

/** Status of a block given its tally and whether its parent is final. */
export function blockStatus(t: Tally, quorum: number, parentFinal: boolean): BlockStatus {
  if (parentFinal && meetsQuorum(t, quorum)) return 'final';
  if (t.reject >= quorum && t.reject >= t.approve) return 'rejected';
  return 'pending';
}
