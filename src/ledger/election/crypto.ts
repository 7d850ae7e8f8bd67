/**
 * The scheme-specific part of an election, behind one interface so that the ledger rules and the state
 * fold are written once: which key ceremony the election runs, what it establishes (the election key and
 * the cast-ballot context), and how the tally is decrypted.
 *
 * Ceremony choice: `paillier` → one key holder posts `paillier_key`; ElGamal with `k = n` → n-of-n, each
 * trustee posts `trustee_key`; ElGamal with `k < n` → the k-of-n Feldman ceremony (`trustee_announcement`,
 * `trustee_shares`, `trustee_complaint`, `trustee_ready`). Every phase deadline is the voting opening time
 * (`schedule.opens_at`): the key must be fixed before the first ballot. Ceremony proofs use the context
 * `{fingerprint}` of the election.
 */
import type { Ciphertext } from '../../crypto/elgamal.js';
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import type { Group } from '../../crypto/group/group.js';
import { publicKeyToJson } from '../../crypto/paillier/keys.js';
import type { Paillier, PaillierCiphertext } from '../../crypto/paillier/scheme.js';
import type { ProofContext } from '../../crypto/proofs/fiat-shamir.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { type CastContext, castContext } from '../../protocol/cast/context.js';
import { tallyDecryptionState } from '../../protocol/ceremony/decryption.js';
import {
  type DecryptionKeys,
  productDecryptionKeys,
  thresholdDecryptionKeys,
} from '../../protocol/ceremony/decryption-keys.js';
import type { RecordError } from '../../protocol/ceremony/errors.js';
import { paillierDecryptionState } from '../../protocol/ceremony/paillier-decryption.js';
import { type PaillierKeyState, paillierKeyState } from '../../protocol/ceremony/paillier-key.js';
import { type ProductCeremonyState, productCeremonyState } from '../../protocol/ceremony/product.js';
import { type LedgerRecord, RECORD_TYPES } from '../../protocol/ceremony/record.js';
import { ceremonyState } from '../../protocol/ceremony/threshold-state.js';
import type { CeremonyDeadlines, CeremonyState } from '../../protocol/ceremony/threshold-types.js';
import type { ElectionDefinition } from '../../protocol/election/definition.js';
import { elgamalScheme } from '../../protocol/elgamal-scheme.js';
import { paillierScheme } from '../../protocol/paillier-scheme.js';
import type { EncryptedTally } from '../../protocol/tally.js';

/** The three ceremonies. */
export type CeremonyKind = 'threshold' | 'product' | 'paillier';

/** Phases any of the ceremonies can be in. */
export type CeremonyPhase = 'announcing' | 'dealing' | 'complaints' | 'done' | 'failed';

/** What the ceremony records establish at one point of the ledger. */
export interface CeremonyView {
  readonly kind: CeremonyKind;
  readonly phase: CeremonyPhase;
  readonly failure?: string;
  /** Records that were not counted (none on a chain accepted by the ledger rules). */
  readonly errors: readonly RecordError[];
  /** The state machine's own state. */
  readonly detail: CeremonyState<unknown> | ProductCeremonyState<unknown> | PaillierKeyState;
  /** The election key, once the ceremony is done. */
  readonly key?: ElectionKey;
}

/** What the posted decryption records establish. */
export interface DecryptionView {
  /** Trustees whose decryption checked, in ledger order. */
  readonly accepted: readonly number[];
  /** Trustees excluded for a wrong share (ElGamal), ascending. */
  readonly excluded: readonly number[];
  /** Accepted shares needed to decrypt. */
  readonly needed: number;
  /** Trustees whose shares gave the counts. */
  readonly used: readonly number[];
  readonly counts?: readonly (readonly bigint[])[];
  readonly failure?: string;
  readonly errors: readonly RecordError[];
}

/** The election key and what it allows. */
export interface ElectionKey {
  /** H(["pnyx/v1/election-key", fingerprint, public key JSON]): names the key in caches. */
  readonly id: string;
  /** JSON form of the public key. */
  readonly publicKey: JsonValue;
  /** Context to create and check cast ballots. */
  readonly cast: CastContext<unknown>;
  /** Reads the decryption records (ledger order) of `tally`, which sums `ballots` counted ballots. */
  decrypt(tally: EncryptedTally<unknown>, records: readonly LedgerRecord[], ballots: number): DecryptionView;
}

/** The scheme-specific operations of one election. */
export interface ElectionCrypto {
  readonly kind: CeremonyKind;
  /** Transaction types of the ceremony. */
  readonly ceremonyTypes: readonly string[];
  /** Transaction type of the tally decryption. */
  readonly decryptionType: string;
  /** Proof context of the ceremony: `{fingerprint}`. */
  readonly context: ProofContext;
  /** Reads the ceremony records (ledger order), closing phases whose deadline `now` has reached. */
  ceremony(records: readonly LedgerRecord[], now?: number): CeremonyView;
}

/** Ceremony types per kind. */
export const CEREMONY_TYPES: Readonly<Record<CeremonyKind, readonly string[]>> = {
  threshold: [RECORD_TYPES.announcement, RECORD_TYPES.shares, RECORD_TYPES.complaint, RECORD_TYPES.ready],
  product: [RECORD_TYPES.trusteeKey],
  paillier: [RECORD_TYPES.paillierKey],
};

/** Domain tag of election key ids. */
export const ELECTION_KEY_DOMAIN = 'pnyx/v1/election-key';

function keyId(fingerprint: string, publicKey: JsonValue): string {
  return hashJsonHex([ELECTION_KEY_DOMAIN, fingerprint, publicKey]);
}

function elgamalKey<E>(
  G: Group<E>,
  def: ElectionDefinition,
  fingerprint: string,
  ed: Ed25519,
  keys: DecryptionKeys<E>,
): ElectionKey {
  const publicKey = G.toJson(keys.publicKey);
  const cast = castContext(def, elgamalScheme(G, keys.publicKey), ed);
  return {
    id: keyId(fingerprint, publicKey),
    publicKey,
    cast: cast as CastContext<unknown>,
    decrypt: (tally, records, ballots) =>
      tallyDecryptionState(G, fingerprint, tally as EncryptedTally<Ciphertext<E>>, keys, records, {
        ballots,
      }),
  };
}

/** Phase deadlines of the k-of-n ceremony of an election defined at time `t0` (see the file comment). */
export function ceremonyDeadlines(def: ElectionDefinition, t0: number): CeremonyDeadlines {
  const opens = def.schedule.opens_at;
  const span = Math.max(0, opens - t0);
  const at = (quarters: number) => Math.min(opens, t0 + Math.floor((span * quarters) / 4));
  return { announce: at(1), deal: at(2), complain: at(3) };
}

/** The ElGamal crypto of an election on group `G`, defined at time `t0` (k-of-n when k < n, n-of-n when k = n). */
export function elgamalCrypto<E>(
  G: Group<E>,
  def: ElectionDefinition,
  fingerprint: string,
  ed: Ed25519,
  t0: number,
): ElectionCrypto {
  const { n, k } = def.trustees;
  const context: ProofContext = { fingerprint };
  const deadline = def.schedule.opens_at;
  if (k === n)
    return {
      kind: 'product',
      ceremonyTypes: CEREMONY_TYPES.product,
      decryptionType: RECORD_TYPES.partialDecryption,
      context,
      ceremony(records, now) {
        const s = productCeremonyState(G, context, { n, deadline }, records, now);
        const keys = productDecryptionKeys(s);
        return {
          kind: 'product',
          phase: s.phase,
          ...(s.failure === undefined ? {} : { failure: s.failure }),
          errors: s.errors,
          detail: s as ProductCeremonyState<unknown>,
          ...(keys.ok ? { key: elgamalKey(G, def, fingerprint, ed, keys.value) } : {}),
        };
      },
    };
  const deadlines = ceremonyDeadlines(def, t0);
  return {
    kind: 'threshold',
    ceremonyTypes: CEREMONY_TYPES.threshold,
    decryptionType: RECORD_TYPES.partialDecryption,
    context,
    ceremony(records, now) {
      const s = ceremonyState(G, context, { n, k, deadlines }, records, now);
      const keys = thresholdDecryptionKeys(s);
      return {
        kind: 'threshold',
        phase: s.phase,
        ...(s.failure === undefined ? {} : { failure: s.failure }),
        errors: s.errors,
        detail: s as CeremonyState<unknown>,
        ...(keys.ok ? { key: elgamalKey(G, def, fingerprint, ed, keys.value) } : {}),
      };
    },
  };
}

/** The Paillier crypto of an election: trustee 1 holds the key; moduli below `minBits` are refused. */
export function paillierCrypto(
  P: Paillier,
  def: ElectionDefinition,
  fingerprint: string,
  ed: Ed25519,
  minBits?: number,
): ElectionCrypto {
  const context: ProofContext = { fingerprint };
  const holder = 1;
  const params = { holder, deadline: def.schedule.opens_at, ...(minBits === undefined ? {} : { minBits }) };
  return {
    kind: 'paillier',
    ceremonyTypes: CEREMONY_TYPES.paillier,
    decryptionType: RECORD_TYPES.paillierDecryption,
    context,
    ceremony(records, now) {
      const s = paillierKeyState(P, context, params, records, now);
      const pk = s.publicKey;
      let key: ElectionKey | undefined;
      if (pk !== undefined) {
        const publicKey = publicKeyToJson(pk);
        key = {
          id: keyId(fingerprint, publicKey),
          publicKey,
          cast: castContext(def, paillierScheme(P, pk), ed) as CastContext<unknown>,
          decrypt(tally, recs, ballots) {
            const d = paillierDecryptionState(
              P,
              pk,
              holder,
              tally as EncryptedTally<PaillierCiphertext>,
              recs,
              ballots,
            );
            const accepted = d.counts === undefined ? [] : [holder];
            return {
              accepted,
              excluded: [],
              needed: 1,
              used: accepted,
              ...(d.counts === undefined ? {} : { counts: d.counts }),
              errors: d.errors,
            };
          },
        };
      }
      return {
        kind: 'paillier',
        phase: s.phase,
        ...(s.failure === undefined ? {} : { failure: s.failure }),
        errors: s.errors,
        detail: s,
        ...(key ? { key } : {}),
      };
    },
  };
}
