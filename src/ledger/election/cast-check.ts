/**
 * The checks of a cast ballot inside the `ballot` rule: `checkCast` through the cache, and eligibility
 * answered synchronously from the ledger state (identity keys: the `voter_keys` lists; blind tokens: the
 * token checked with {@link checkVotingTokenSync}).
 */
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import { fail, ok, type Result } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { CastBallot } from '../../protocol/cast/cast.js';
import { type CheckedCast, checkCast } from '../../protocol/cast/check.js';
import { checkReceipt, type Receipt } from '../../protocol/cast/receipt.js';
import { assignedBoxes, type IdentityKeysState } from '../../protocol/eligibility/identity-keys.js';
import type { CastCache } from './cast-cache.js';
import type { ElectionKey } from './crypto.js';
import type { ElectionSetup } from './state.js';
import { checkVotingTokenSync } from './token-check.js';

/**
 * `checkCast` under the election key, answered from `cache` when this process already checked the same
 * cast (same tracker, same key), and recorded there otherwise. A ballot box that checks casts with this
 * function seeds the cache its node's ledger rules read. `tracker` must be `H(cast)` when given (a caller
 * that already hashed the cast saves hashing it again).
 */
export function checkCastCached(
  cache: CastCache | undefined,
  key: ElectionKey,
  cast: JsonValue,
  tracker: string = hashJsonHex(cast),
): Result<CheckedCast<unknown>> {
  const known = cache?.get(key.id, tracker);
  if (known) return known;
  const r = checkCast(key.cast, cast);
  cache?.set(key.id, tracker, r);
  return r;
}

/** `checkReceipt` for `tracker`, answered from `cache` when this process already checked the receipt. */
export function checkReceiptCached(
  cache: CastCache | undefined,
  ed: Ed25519,
  setup: ElectionSetup,
  receipt: JsonValue,
  tracker: string,
): Result<Receipt> {
  const h = hashJsonHex(receipt);
  const known = cache?.getReceipt(setup.fingerprint, tracker, h);
  if (known) return known;
  const r = checkReceipt(ed, setup.definition, receipt, tracker);
  cache?.setReceipt(setup.fingerprint, tracker, h, r);
  return r;
}

/**
 * The boxes `cast`'s voting key may vote through, given the eligibility state: identity keys — the boxes
 * its `voter_keys` entry assigns (`NOT_ELIGIBLE` when it has none); blind tokens — every allow-listed
 * box, once the token verifies (`TOKEN_INVALID`; a cast without a token is `CAST_INVALID`).
 */
export function eligibleBoxes(
  setup: ElectionSetup,
  eligibility: unknown,
  cast: CastBallot,
): Result<readonly string[]> {
  const mode = setup.definition.eligibility.mode;
  if (mode === 'identity-keys') {
    const boxes = assignedBoxes(eligibility as IdentityKeysState, cast.voter_key);
    return boxes
      ? ok(boxes)
      : fail('NOT_ELIGIBLE', 'this voting key is not on any voter_keys list of the registrar');
  }
  if (mode === 'blind-tokens' && !cast.token)
    return fail('CAST_INVALID', 'cast.token is required in this election');
  if (mode === 'blind-tokens' && setup.tokenKey && cast.token) {
    const t = checkVotingTokenSync(setup.tokenKey, setup.fingerprint, cast.voter_key, cast.token);
    return t.ok ? ok(setup.definition.boxes.map((b) => b.id)) : t;
  }
  return fail('NOT_ELIGIBLE', `eligibility mode ${mode} cannot be checked here`);
}
