/**
 * The application state the election rules fold over an authority ledger (the registry's `S`). It is
 * immutable and cheap to advance: lists are persistent (`plist.ts`), indexes are persistent hex tries
 * (`hex-map.ts`), so one transaction costs O(1) or O(log n) and ledger forks share their prefix. The
 * expensive derived values (ballot selection, encrypted tally) are computed once, when `close` is applied.
 */
import type { BlindPublicKey } from '../../crypto/blind/keys.js';
import type { Selection } from '../../protocol/cast/select.js';
import type { LedgerRecord } from '../../protocol/ceremony/record.js';
import type { ElectionDefinition } from '../../protocol/election/definition.js';
import type { EligibilityChecker } from '../../protocol/eligibility/checker.js';
import type { Plaintext } from '../../protocol/selections.js';
import type { EncryptedTally } from '../../protocol/tally.js';
import type { CeremonyView, DecryptionView, ElectionCrypto } from './crypto.js';
import type { HexMap } from './hex-map.js';
import type { PList } from './plist.js';

/** The election as fixed by the genesis or the `election` transaction. */
export interface ElectionSetup {
  readonly definition: ElectionDefinition;
  readonly fingerprint: string;
  readonly crypto: ElectionCrypto;
  readonly eligibility: EligibilityChecker<unknown>;
  /** The decoded token key of a blind-token election. */
  readonly tokenKey?: BlindPublicKey;
  /** Height and time of the block that defined it (0 and the genesis time: the genesis). */
  readonly height: number;
  readonly time: number;
}

/** One ballot record on the ledger: a box's attestation of a cast. */
export interface BallotEntry {
  /** Position among the ballot records (0-based). */
  readonly index: number;
  readonly txId: string;
  readonly height: number;
  readonly time: number;
  readonly box: string;
  readonly voter_key: string;
  readonly ballot_id: string;
  readonly tracker: string;
  /** The box's receipt time. */
  readonly received_at: number;
}

/** What one voting key did so far. */
export interface KeyEntry {
  /** Its ballot records: box, ballot id, tracker. */
  readonly ballots: readonly { readonly box: string; readonly ballot_id: string; readonly tracker: string }[];
  /** Its audited (spoiled) ballot ids. */
  readonly audited: readonly string[];
}

/** A published Benaloh audit. */
export interface AuditEntry {
  readonly txId: string;
  readonly height: number;
  readonly voter_key: string;
  readonly ballot_id: string;
  readonly tracker: string;
  /** The revealed choices. */
  readonly plaintext: Plaintext;
}

/** The close of the election and the tally it fixes. */
export interface Closing {
  readonly txId: string;
  readonly author: string;
  readonly height: number;
  readonly time: number;
  /** The ballot-set rule over every ballot record up to the close. */
  readonly selection: Selection;
  /** Homomorphic sum of the counted ballots. */
  readonly tally: EncryptedTally<unknown>;
}

/** The posted result. */
export interface PostedResult {
  readonly txId: string;
  readonly author: string;
  readonly height: number;
  readonly body: unknown;
}

/** The registry state of an election ledger. */
export interface ElectionLedgerState {
  /** Registrar key named by the genesis (content key `registrar`, or the genesis election's). */
  readonly registrar?: string;
  /** Why this genesis cannot run an election (every election transaction is then refused). */
  readonly genesisProblem?: string;
  readonly setup?: ElectionSetup;
  /** Counted ceremony records, in ledger order, and what they establish (read at each record's time). */
  readonly ceremony: readonly LedgerRecord[];
  readonly ceremonyView?: CeremonyView;
  /** The eligibility mode's state (`voter_keys`, `token_issued`). */
  readonly eligibility?: unknown;
  readonly ballots: PList<BallotEntry> | undefined;
  /** Per voting key: its ballot records and audits. */
  readonly keys: HexMap<KeyEntry>;
  /** Per tracker: the cast's ciphertexts (decoded once, when first seen). */
  readonly versions: HexMap<readonly (readonly unknown[])[]>;
  readonly audits: PList<AuditEntry> | undefined;
  readonly closing?: Closing;
  /** Counted decryption records, in ledger order, and what they establish. */
  readonly decryptions: readonly LedgerRecord[];
  readonly decryption?: DecryptionView;
  readonly result?: PostedResult;
  /** Time of the block of the last applied transaction (the genesis time at first). */
  readonly time: number;
}
