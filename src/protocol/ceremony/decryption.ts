/**
 * Tally decryption on the ledger (ElGamal): trustees post `partial_decryption` records whose body is a
 * tally share (`{"trustee", "partials"}`, see `decrypt-elgamal.ts`). Rules, in ledger order:
 * 1. the signer must be the trustee the share names, and a trustee with a verification key;
 * 2. a trustee's first share is checked — every Chaum–Pedersen proof against VK_l and the tally; a
 *    share that fails (or does not decode) is rejected, named, and its trustee excluded: its later
 *    records are ignored; a trustee with an accepted share has its later records ignored as duplicates;
 * 3. threshold mode combines the first k accepted shares (any k give the same counts), product mode needs
 *    every trustee's; the counts are the discrete logs, searched in [0, number of counted ballots].
 */
import { DlogSolver } from '../../crypto/dlog.js';
import type { Ciphertext } from '../../crypto/elgamal.js';
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import type { Group } from '../../crypto/group/group.js';
import type { Rng } from '../../crypto/rng.js';
import {
  checkTallyShare,
  combineTally,
  shareTally,
  type TallyShare,
  tallyShareFromJson,
  tallyShareToJson,
} from '../decrypt-elgamal.js';
import type { EncryptedTally } from '../tally.js';
import type { DecryptionKeys } from './decryption-keys.js';
import { type RecordError, type RecordErrorCode, recordError } from './errors.js';
import { type LedgerRecord, RECORD_TYPES, recordAt } from './record.js';

/** What the posted partial decryptions establish. */
export interface TallyDecryptionState {
  /** Trustees whose share checked, in ledger order. */
  readonly accepted: readonly number[];
  /** Trustees excluded for a rejected share, ascending. */
  readonly excluded: readonly number[];
  /** Number of accepted shares needed (k, or n in product mode). */
  readonly needed: number;
  /** The trustees whose shares were combined (empty until enough were accepted). */
  readonly used: readonly number[];
  /** Counts per question and option, once enough shares were accepted. */
  readonly counts?: readonly (readonly bigint[])[];
  /** Why enough valid shares did not give counts (a tally inconsistent with its ballot count). */
  readonly failure?: string;
  /** Records not counted, in ledger order, each naming its trustee. */
  readonly errors: readonly RecordError[];
}

/** Options of {@link tallyDecryptionState}. */
export interface TallyDecryptionOptions<E> {
  /** Number of counted ballots: no count can exceed it. */
  readonly ballots: number;
  /** A solver to reuse (its bound must be at least `ballots`); one is built otherwise. */
  readonly solver?: DlogSolver<E>;
}

/** Reads `partial_decryption` records in ledger order and decrypts the tally when enough check. */
export function tallyDecryptionState<E>(
  G: Group<E>,
  fingerprint: string,
  tally: EncryptedTally<Ciphertext<E>>,
  keys: DecryptionKeys<E>,
  records: readonly LedgerRecord[],
  options: TallyDecryptionOptions<E>,
): TallyDecryptionState {
  const accepted: TallyShare<E>[] = [];
  const excluded = new Set<number>();
  const errors: RecordError[] = [];
  const read = (r: LedgerRecord, index: number): void => {
    const at = recordAt(r, index);
    const reject = (code: RecordErrorCode, message: string, f?: Parameters<typeof recordError>[3]): void => {
      errors.push(recordError(at, code, message, f));
      if (r.signer !== null && code !== 'RECORD_DUPLICATE' && code !== 'TRUSTEE_EXCLUDED')
        excluded.add(r.signer);
    };
    // 1. Type and signer standing.
    if (r.type !== RECORD_TYPES.partialDecryption)
      return void errors.push(recordError(at, 'RECORD_TYPE', `${r.type} is not a partial decryption`));
    const l = r.signer;
    if (l === null || !keys.verificationKeys.has(l))
      return void errors.push(recordError(at, 'RECORD_SIGNER', 'the author is no qualified trustee'));
    if (excluded.has(l))
      return void reject('TRUSTEE_EXCLUDED', `trustee ${l} is excluded for an earlier wrong share`);
    if (accepted.some((s) => s.trustee === l))
      return void reject('RECORD_DUPLICATE', `trustee ${l} already has an accepted share`);
    // 2. Body, named trustee, every proof.
    const share = tallyShareFromJson(G, r.body);
    if (!share.ok) return void reject('RECORD_MALFORMED', `partial decryption of trustee ${l}`, share);
    if (share.value.trustee !== l)
      return void reject(
        'RECORD_SIGNER',
        `trustee ${l} posted a share naming trustee ${share.value.trustee}`,
      );
    const c = checkTallyShare(G, fingerprint, tally, keys.verificationKeys.get(l)!, share.value);
    if (!c.ok) return void reject('DECRYPTION_INVALID', `partial decryption of trustee ${l}`, c);
    accepted.push(share.value);
  };
  for (const [index, r] of records.entries()) read(r, index);
  const needed = keys.mode.kind === 'threshold' ? keys.mode.k : keys.verificationKeys.size;
  const base = {
    accepted: accepted.map((s) => s.trustee),
    excluded: [...excluded].sort((a, b) => a - b),
    needed,
    errors,
  };
  if (accepted.length < needed) return { ...base, used: [] };
  // 3. Combine the first `needed` shares and take discrete logs up to the ballot count.
  const use = accepted.slice(0, needed);
  const solver = options.solver ?? new DlogSolver(G, BigInt(options.ballots));
  const counts = combineTally(G, tally, use, keys.mode, solver);
  const used = use.map((s) => s.trustee);
  if (!counts.ok) return { ...base, used, failure: `${counts.code}: ${counts.message}` };
  const over = counts.value.flat().some((m) => m > BigInt(options.ballots));
  if (over) return { ...base, used, failure: `a count exceeds the ${options.ballots} counted ballots` };
  return { ...base, used, counts: counts.value };
}

/**
 * The body of trustee l's `partial_decryption`: its share of every tally ciphertext with proofs, from its
 * secret x (x_l from `secretShare` in k-of-n, sk_l in n-of-n).
 */
export function partialDecryptionBody<E>(
  G: Group<E>,
  fingerprint: string,
  tally: EncryptedTally<Ciphertext<E>>,
  trustee: number,
  x: bigint,
  rng: Rng,
): JsonObject {
  return tallyShareToJson(G, shareTally(G, fingerprint, tally, trustee, x, rng));
}
