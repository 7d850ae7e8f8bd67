/**
 * The booth worker's message protocol. The page posts a {@link BoothRequest} with a fresh `id`; the worker
 * answers with zero or more `progress` messages and then exactly one `done` or `failed` message with the
 * same `id`. Everything crossing the boundary is plain data (structured clone); secrets cross only
 * inward, as the voter key file's JSON.
 *
 * Requests:
 * - `prepare {origin, election, key, waitMs?}` — open a checked copy of the ledger of the node at `origin`
 *   (its `/peer` routes), wait until the election is open and, for identity keys, until the voting key
 *   is listed on the final ledger; answers {@link Prepared} (the manifest and the voter's boxes). Every
 *   later `cast`/`audit` uses this election and key.
 * - `cast {choices}` — encrypt and prove the choices, sign the cast with the voting key, send it to every
 *   box of the voter and check each receipt; answers {@link CastDone}.
 * - `audit {choices}` — the Benaloh challenge: make a ballot as for casting, reveal its randomness, check
 *   the audit record locally and publish it through a box; answers {@link AuditDone}. Then start over.
 * - `check-audit {origin, record}` — check an audit record (pasted JSON) against the election on the
 *   ledger of the node at `origin`; answers {@link AuditChecked} (the choices the spoiled ballot held).
 * - `encrypt {election?, runs?}` — the benchmark: `runs` times (default 1), create and sign a 1-of-5 cast
 *   for a fresh voting key in a synthetic election (`election`, from {@link syntheticElection}, or one
 *   the worker makes); answers {@link Encrypted} with the milliseconds of each encrypt+prove+sign step.
 *
 * Failures answer `{type: 'failed', id, code, message}` with the stable code of the client flows
 * (`NOT_READY`, `NO_RECEIPT`, `AUDIT_MISMATCH`, a server's code, …).
 */
import type { AuditOutcome } from '../../../src/client/audit.js';
import type { JsonObject, JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import type { ElectionDefinition } from '../../../src/protocol/election/definition.js';
import type { Manifest } from '../../../src/protocol/manifest.js';
import type { Choices } from '../../../src/protocol/selections.js';

/** A synthetic election for the benchmark: its definition and its election key (the group's JSON). */
export interface SyntheticElection {
  readonly definition: ElectionDefinition;
  readonly key: JsonValue;
}

/** What the page asks. */
export type BoothRequest =
  | {
      readonly type: 'prepare';
      readonly id: number;
      readonly origin: string;
      readonly election: string;
      /** The voter key file's JSON. */
      readonly key: JsonObject;
      readonly waitMs?: number;
    }
  | { readonly type: 'cast'; readonly id: number; readonly choices: Choices }
  | { readonly type: 'audit'; readonly id: number; readonly choices: Choices }
  | { readonly type: 'check-audit'; readonly id: number; readonly origin: string; readonly record: unknown }
  | {
      readonly type: 'encrypt';
      readonly id: number;
      readonly election?: SyntheticElection;
      readonly runs?: number;
    };

/** The election ready to vote in. */
export interface Prepared {
  readonly election: string;
  readonly manifest: Manifest;
  /** The voter's ballot boxes (ids). */
  readonly boxes: readonly string[];
  readonly closesAt: number;
}

/** What one box answered to a cast. */
export type BoxAnswer =
  | { readonly box: string; readonly ok: true; readonly receivedAt: number }
  | { readonly box: string; readonly ok: false; readonly code: string; readonly message: string };

/** A cast sent to the voter's boxes. */
export interface CastDone {
  readonly tracker: string;
  readonly ballotId: string;
  readonly boxes: readonly BoxAnswer[];
  /** Milliseconds of encrypting, proving, signing and sending. */
  readonly ms: number;
}

/** An audited (spoiled) ballot: what the voter client's audit gives, failures in plain words. */
export type AuditDone = AuditOutcome;

/** A checked audit record. */
export interface AuditChecked {
  readonly election: string;
  readonly tracker: string;
  readonly ballotId: string;
  readonly manifest: Manifest;
  readonly choices: Choices;
}

/** The benchmark's timings. */
export interface Encrypted {
  /** Milliseconds of each run (encrypt + prove + sign one 1-of-5 cast). */
  readonly ms: readonly number[];
  readonly tracker: string;
}

/** Answer payload per request type. */
export interface BoothAnswers {
  prepare: Prepared;
  cast: CastDone;
  audit: AuditDone;
  'check-audit': AuditChecked;
  encrypt: Encrypted;
}

/** What the worker posts back. */
export type BoothMessage =
  | { readonly type: 'progress'; readonly id: number; readonly note: string }
  | { readonly type: 'done'; readonly id: number; readonly value: BoothAnswers[keyof BoothAnswers] }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string };
