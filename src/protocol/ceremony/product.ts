/**
 * The n-of-n key ceremony: each trustee i posts one `trustee_key` (`{"trustee", "pk", "proof"}`, pk_i with a
 * Schnorr proof of sk_i). The ceremony is done when all n keys are counted (pk = Π pk_i, VK_i = pk_i);
 * at the deadline with fewer it fails, since every trustee is needed to decrypt. Same record rules as
 * the k-of-n ceremony: first counted key per trustee, signer = named trustee, errors named.
 */
import type { Group } from '../../crypto/group/group.js';
import type { ProofContext } from '../../crypto/proofs/fiat-shamir.js';
import { CryptoUsageError } from '../../crypto/result.js';
import { checkParams } from '../../crypto/threshold/context.js';
import {
  checkTrusteeKey,
  productPublicKey,
  type TrusteePublicKey,
  trusteeKeyFromJson,
} from '../../crypto/threshold/n-of-n.js';
import { type RecordError, recordError } from './errors.js';
import { type LedgerRecord, RECORD_TYPES, recordAt } from './record.js';

/** Size and optional deadline (ledger milliseconds) of an n-of-n ceremony. */
export interface ProductParams {
  readonly n: number;
  readonly deadline?: number;
}

/** State of an n-of-n ceremony. */
export interface ProductCeremonyState<E> {
  readonly phase: 'announcing' | 'done' | 'failed';
  readonly failure?: string;
  /** Trustees with a counted key, ascending, and their keys. */
  readonly announced: readonly number[];
  readonly keys: ReadonlyMap<number, TrusteePublicKey<E>>;
  /** pk = Π pk_i once done. */
  readonly jointPublicKey?: E;
  /** VK_i = pk_i for every trustee once done. */
  readonly verificationKeys: ReadonlyMap<number, E>;
  readonly errors: readonly RecordError[];
}

/** Reads `trustee_key` records in ledger order (see the file comment for the rules). */
export function productCeremonyState<E>(
  G: Group<E>,
  ctx: ProofContext,
  params: ProductParams,
  records: readonly LedgerRecord[],
  now?: number,
): ProductCeremonyState<E> {
  if (!checkParams({ n: params.n, k: params.n }).ok) throw new CryptoUsageError('n-of-n needs 1 ≤ n');
  const keys = new Map<number, TrusteePublicKey<E>>();
  const errors: RecordError[] = [];
  let closed = false;
  const closes = (t: number | undefined): boolean =>
    keys.size === params.n || (params.deadline !== undefined && t !== undefined && t >= params.deadline);
  const read = (r: LedgerRecord, index: number): void => {
    const at = recordAt(r, index);
    closed ||= closes(r.time);
    // 1. Type, then phase.
    if (r.type !== RECORD_TYPES.trusteeKey)
      return void errors.push(
        recordError(at, 'RECORD_TYPE', `${r.type} is not a record of an n-of-n ceremony`),
      );
    if (closed) return void errors.push(recordError(at, 'RECORD_LATE', 'the n-of-n ceremony is closed'));
    // 2. Body, signer, duplicate.
    const key = trusteeKeyFromJson(G, r.body);
    if (!key.ok) return void errors.push(recordError(at, 'RECORD_MALFORMED', 'trustee_key body', key));
    const i = key.value.trustee;
    if (r.signer === null || r.signer !== i || i > params.n)
      return void errors.push(recordError(at, 'RECORD_SIGNER', `trustee_key names trustee ${i}`));
    if (keys.has(i))
      return void errors.push(recordError(at, 'RECORD_DUPLICATE', `trustee ${i} already has a trustee_key`));
    // 3. Proof of knowledge of sk_i.
    const c = checkTrusteeKey(G, ctx, key.value);
    if (!c.ok) return void errors.push(recordError(at, 'KEY_INVALID', `key of trustee ${i}`, c));
    keys.set(i, key.value);
    closed ||= closes(r.time);
  };
  for (const [index, r] of records.entries()) read(r, index);
  closed ||= closes(now);
  const announced = [...keys.keys()].sort((a, b) => a - b);
  const base = { announced, keys, errors };
  if (keys.size === params.n) {
    const list = announced.map((i) => keys.get(i)!);
    const verificationKeys = new Map(list.map((k) => [k.trustee, k.pk] as const));
    return { ...base, phase: 'done', jointPublicKey: productPublicKey(G, list), verificationKeys };
  }
  if (closed)
    return {
      ...base,
      phase: 'failed',
      failure: `only ${keys.size} of ${params.n} trustees posted a key`,
      verificationKeys: new Map(),
    };
  return { ...base, phase: 'announcing', verificationKeys: new Map() };
}
