/**
 * What a trustee reads of the ledger: for each election, its trustee list and scheme, the ceremony and
 * decryption records of the **final** blocks in ledger order (each with the trustee index of its signer),
 * the ledger time, and — once the election has closed — the encrypted tally that must be decrypted.
 * The trustee never reads pending or unfinalised transactions: every decision it takes is one every
 * other node takes from the same records.
 */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import type { ProofContext } from '../../../crypto/proofs/fiat-shamir.js';
import type { LedgerRecord } from '../../../protocol/ceremony/index.js';
import type { ElectionScheme, Trustees } from '../../../protocol/election/definition.js';

/** The encrypted tally of a closed election, as the ledger fixes it. */
export interface TallyView {
  /** The tally's JSON form: one row per question, one ciphertext per option. */
  readonly json: JsonValue;
  /** Number of ballots summed into it (no count can exceed it). */
  readonly ballots: number;
}

/** One election as a trustee sees it on the final ledger. */
export interface ElectionView {
  /** Election id (from its definition). */
  readonly id: string;
  /** Election fingerprint (64 hex digits); names the secrets file and binds every proof. */
  readonly fingerprint: string;
  /** Genesis id of the ledger: the `chain` of every transaction the trustee signs. */
  readonly chain: string;
  readonly scheme: ElectionScheme;
  readonly trustees: Trustees;
  /** Proof context of the key ceremony (and of the Paillier key proof). */
  readonly ctx: ProofContext;
  /**
   * Ledger time (milliseconds) by which the key ceremony must be over — every phase closes then (the
   * election's voting opening time). Without it phases close only when every trustee has acted.
   */
  readonly deadline?: number;
  /** `trustee_*` and `paillier_key` records of final blocks, in ledger order. */
  readonly ceremony: readonly LedgerRecord[];
  /** `partial_decryption` and `paillier_decryption` records of final blocks, in ledger order. */
  readonly decryption: readonly LedgerRecord[];
  /** Time of the last final block (milliseconds since the epoch): deadlines are judged at it. */
  readonly now: number;
  /** Present once the election has closed and its tally is fixed. */
  readonly tally?: TallyView;
}

/** Which key ceremony an election runs: one Paillier key holder, n-of-n when k = n, k-of-n otherwise. */
export function ceremonyKind(view: ElectionView): 'paillier' | 'product' | 'threshold' {
  if (view.scheme === 'paillier') return 'paillier';
  return view.trustees.k === view.trustees.n ? 'product' : 'threshold';
}

/** Where the trustee service reads elections from (a node's chain, or a node over HTTP). */
export interface TrusteeSource {
  /** The elections on the final ledger now. */
  elections(signal?: AbortSignal): Promise<readonly ElectionView[]>;
  /**
   * Resolves when the final ledger may have changed (a new final block), at the latest after `ms`, or at
   * once when `signal` aborts. Sources that cannot tell simply wait `ms`.
   */
  changed(ms: number, signal?: AbortSignal): Promise<void>;
}
