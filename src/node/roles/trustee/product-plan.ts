/**
 * The ElGamal n-of-n trustee (elections with k = n): it creates its key pair once, stores it, posts
 * `trustee_key` (pk_l with a Schnorr proof of sk_l), and after close posts its partial decryption with
 * sk_l. Every trustee is needed to decrypt.
 */
import { ciphertextFromJson } from '../../../crypto/elgamal.js';
import type { JsonObject } from '../../../crypto/encoding/canonical-json.js';
import type { Group } from '../../../crypto/group/group.js';
import type { Rng } from '../../../crypto/rng.js';
import { createTrusteeKey, trusteeKeyToJson } from '../../../crypto/threshold/n-of-n.js';
import {
  type ProductCeremonyState,
  partialDecryptionBody,
  productCeremonyState,
  productDecryptionKeys,
  RECORD_TYPES,
  tallyDecryptionState,
} from '../../../protocol/ceremony/index.js';
import {
  checkTallyShare,
  shareTally,
  tallyShareFromJson,
  tallyShareToJson,
} from '../../../protocol/decrypt-elgamal.js';
import { corruptTallyShare, type TrusteeFaults } from './faults.js';
import { dropInvalid, idle, type Plan, publish } from './plan.js';
import type { StoredProduct } from './secrets-codec.js';
import { decodeTally } from './tally.js';
import type { ElectionView } from './view.js';

/** Trustee l's fresh key pair and its `trustee_key` body (to store before publishing). */
export function initProduct(G: Group<unknown>, view: ElectionView, l: number, rng: Rng): StoredProduct {
  const { sk, publicKey } = createTrusteeKey(G, view.ctx, l, rng);
  return {
    kind: 'product',
    election: view.id,
    fingerprint: view.fingerprint,
    trustee: l,
    secretKey: sk,
    key: trusteeKeyToJson(G, publicKey),
    published: {},
  };
}

/** The ledger's n-of-n ceremony state for the election. */
export function productState(G: Group<unknown>, view: ElectionView): ProductCeremonyState<unknown> {
  const params = { n: view.trustees.n, ...(view.deadline === undefined ? {} : { deadline: view.deadline }) };
  return productCeremonyState(G, view.ctx, params, view.ceremony, view.now);
}

/** The key record, until the ledger counts this trustee's key. */
export function planProductKey(G: Group<unknown>, view: ElectionView, stored: StoredProduct): Plan {
  if (stored.secretKey >= G.q) return idle('failed', `the stored key is not a scalar of ${G.name}`);
  const state = productState(G, view);
  const l = stored.trustee;
  const counted = state.keys.get(l);
  if (counted !== undefined)
    return G.eq(counted.pk, G.expG(stored.secretKey))
      ? idle(
          state.phase === 'done' ? 'done' : 'wait',
          `trustee ${l}'s key is counted (ceremony ${state.phase})`,
        )
      : idle('excluded', `the key counted for trustee ${l} is not the stored one`);
  if (state.phase === 'failed') return idle('failed', state.failure ?? 'the n-of-n ceremony failed');
  return publish(stored, RECORD_TYPES.trusteeKey, () => stored.key);
}

/** The partial decryption with sk_l, once the election has closed and until the ledger accepts one. */
export function planProductDecryption(
  G: Group<unknown>,
  view: ElectionView,
  stored: StoredProduct,
  rng: Rng,
  faults: TrusteeFaults = {},
): Plan {
  const l = stored.trustee;
  if (view.tally === undefined) return idle('wait', 'the election has not closed yet');
  const keys = productDecryptionKeys(productState(G, view));
  if (!keys.ok) return idle('failed', keys.message);
  const tally = decodeTally((v) => ciphertextFromJson(G, v), view.tally.json);
  if (!tally.ok) return idle('failed', `the ledger's tally does not decode: ${tally.message}`);
  const opts = { ballots: view.tally.ballots };
  const dec = tallyDecryptionState(G, view.fingerprint, tally.value, keys.value, view.decryption, opts);
  if (dec.accepted.includes(l)) return idle('done', `trustee ${l}'s partial decryption is accepted`);
  if (dec.excluded.includes(l))
    return idle('excluded', `trustee ${l} is excluded for a wrong partial decryption`);
  const x = stored.secretKey;
  // A kept body whose proofs fail (from a run with the wrong-partial fault) is made again without it.
  const vk = keys.value.verificationKeys.get(l)!;
  const checks = (body: JsonObject): boolean => {
    const share = tallyShareFromJson(G, body);
    return share.ok && checkTallyShare(G, view.fingerprint, tally.value, vk, share.value).ok;
  };
  const base = dropInvalid(stored, RECORD_TYPES.partialDecryption, checks, faults.wrongPartial);
  return publish(base, RECORD_TYPES.partialDecryption, () =>
    faults.wrongPartial
      ? tallyShareToJson(G, corruptTallyShare(G, shareTally(G, view.fingerprint, tally.value, l, x, rng)))
      : partialDecryptionBody(G, view.fingerprint, tally.value, l, x, rng),
  );
}
