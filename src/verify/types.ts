/** The verifier's report: named checks in order, each passed or failed with the objects that failed it. */
import type { JsonObject } from '../crypto/encoding/canonical-json.js';

/** One failing object: what it is (block, transaction, tracker, trustee, question/option), and why. */
export interface Problem {
  /** The exact object, e.g. `tx 3fa…e1 (block 12 9c0d…, #4, ballot by box "box-a", tracker 77b…)`. */
  readonly object: string;
  /** A stable error code of the ledger or crypto layers, or one of the verifier's own (`NOT_FINAL`, …). */
  readonly code: string;
  readonly message: string;
}

/** The outcome of one named check. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** What was checked and counted, in one line. */
  readonly summary: string;
  readonly problems: readonly Problem[];
}

/** Codes the verifier itself reports (every other code comes from the layer that found the problem). */
export type VerifierCode =
  | 'NOT_FINAL' // a block without a final quorum of approvals
  | 'MISSING' // an object the election needs is absent (definition, key, close, decryption, result)
  | 'MISMATCH' // a published value differs from the one the verifier computes
  | 'WARNING'; // an election-wide condition the ledger state reports

/** The whole report. */
export interface VerifyReport {
  /** True only when every check passed. */
  readonly ok: boolean;
  /** The file or node verified. */
  readonly source: string;
  readonly checks: readonly CheckResult[];
  /** The decrypted results (`src/protocol/results.ts` JSON), when there are any. */
  readonly results?: JsonObject;
  /** Ballot transactions read, worker threads used, and wall time. */
  readonly ballots: number;
  readonly workers: number;
  readonly seconds: number;
}
