/** The public keys a tally decryption is checked against, taken from a finished ceremony. */
import { fail, ok, type Result } from '../../crypto/result.js';
import type { CombineMode } from '../decrypt-elgamal.js';
import type { ProductCeremonyState } from './product.js';
import type { CeremonyState } from './threshold-types.js';

/** Who may decrypt, with which verification key, and how shares combine. */
export interface DecryptionKeys<E> {
  /** `threshold` (any k of Q, Lagrange) or `product` (all n, product). */
  readonly mode: CombineMode;
  /** VK_l for every trustee allowed to post a partial decryption. */
  readonly verificationKeys: ReadonlyMap<number, E>;
  /** The election public key. */
  readonly publicKey: E;
}

/** Keys of a finished k-of-n ceremony: members of Q with VK_l over Q, any k combine. */
export function thresholdDecryptionKeys<E>(state: CeremonyState<E>): Result<DecryptionKeys<E>> {
  if (state.phase !== 'done' || state.jointPublicKey === undefined)
    return fail('PARAMETER_INVALID', `the key ceremony is ${state.phase}, not done`);
  return ok({
    mode: { kind: 'threshold', k: state.params.k },
    verificationKeys: state.verificationKeys,
    publicKey: state.jointPublicKey,
  });
}

/** Keys of a finished n-of-n ceremony: every trustee with VK_i = pk_i, all combine. */
export function productDecryptionKeys<E>(state: ProductCeremonyState<E>): Result<DecryptionKeys<E>> {
  if (state.phase !== 'done' || state.jointPublicKey === undefined)
    return fail('PARAMETER_INVALID', `the key ceremony is ${state.phase}, not done`);
  return ok({
    mode: { kind: 'product' },
    verificationKeys: state.verificationKeys,
    publicKey: state.jointPublicKey,
  });
}
