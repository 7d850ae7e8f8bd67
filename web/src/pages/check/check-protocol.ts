/** Messages between the check page and its worker. */
import type { ReceiptCheck } from '../../../../src/client/check.js';

/** A ballot record in a block that is not final yet. */
export interface PendingRecord {
  readonly box: string;
  readonly height: number;
  readonly txId: string;
}

/** What the page asks: the node to read, and the tracker or the receipt object. */
export interface CheckRequest {
  readonly node: string;
  readonly input: string | Record<string, unknown>;
}

/** What the worker (or the in-page fallback) reports. */
export type CheckMessage =
  /** `done` of `total` blocks read and checked. */
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly kind: 'result';
      readonly check: ReceiptCheck;
      /** Records of the tracker above the last final block (on the chain, not final yet). */
      readonly unfinal: readonly PendingRecord[];
    }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };
