/**
 * How a ballot box reaches the ledger, injected by the node: offer a signed transaction (to the node's
 * own intake or to a peer) and learn which transactions are in a block. The box retries until each of
 * its records is in a block.
 */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import type { PostResult } from '../../peer-client.js';

/** The ledger as the box sees it. */
export interface LedgerPort {
  /** Genesis id of the ledger: the `chain` of every transaction the box signs. */
  readonly chain: string;
  /**
   * Offers one signed transaction; `added`/`known` when the ledger holds it, a failure with the ledger's
   * code when its rules refuse it. Throws when the ledger cannot be reached (the box retries later).
   */
  submitTx(tx: JsonValue, signal?: AbortSignal): Promise<PostResult>;
  /** The ids among `ids` of transactions in a block of the main chain. Throws when unreachable. */
  inBlocks(ids: readonly string[], signal?: AbortSignal): Promise<ReadonlySet<string>>;
}
