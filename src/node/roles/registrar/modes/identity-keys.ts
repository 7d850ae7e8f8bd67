/**
 * Identity-keys mode (seed 000). A voter registers one Ed25519 public key per election and is told its
 * ballot boxes. Re-registration policy: sending the same key again answers the same boxes (a lost answer
 * can be fetched again); a different key is refused with `ALREADY_REGISTERED`, because the first key may
 * already be on the ledger, which has no way to withdraw it. A key registered by another voter is
 * refused with `KEY_TAKEN`. Publication batches up to 1000 keys in one signed `voter_keys` record.
 */
import { fromHex } from '../../../../crypto/bytes.js';
import { fail, ok } from '../../../../crypto/result.js';
import { isValidPublicKey } from '../../../../crypto/sig/ed25519.js';
import { signTx, type Tx } from '../../../../ledger/authority/tx.js';
import { VOTER_KEYS_TX } from '../../../../protocol/eligibility/identity-keys.js';
import {
  createVoterKeys,
  MAX_VOTERS_PER_RECORD,
  voterKeysToJson,
} from '../../../../protocol/eligibility/voter-keys.js';
import {
  findRegistration,
  insertRegistration,
  registrantOfKey,
  unpublishedKeys,
} from '../../../../store/registrar/elections.js';
import { assignBoxes } from '../box-assignment.js';
import type { RegistrarContext } from '../context.js';
import type { LoadedElection } from '../elections.js';
import { refuse } from '../errors.js';
import type { EligibilityModeService } from './mode.js';
import { storePublication } from './publication.js';

/** What the voter sends. */
export interface KeyRequest {
  /** Ed25519 public key, 64 lowercase hex digits. */
  readonly key: string;
}

/** What the voter gets: the ballot boxes to send ballots to. */
export interface KeyAnswer {
  readonly key: string;
  readonly boxes: readonly { id: string; url: string; key: string }[];
}

function answer(e: LoadedElection, key: string, ids: readonly string[]): KeyAnswer {
  const boxes = e.definition.boxes
    .filter((b) => ids.includes(b.id))
    .map((b) => ({ id: b.id, url: b.url, key: b.key }));
  return { key, boxes };
}

/** The identity-keys mode; `boxesPerVoter` limits the boxes per key (default: all). */
export function identityKeysMode(
  c: RegistrarContext,
  boxesPerVoter?: number,
): EligibilityModeService<KeyRequest, KeyAnswer> {
  return {
    mode: 'identity-keys',
    async register(e, voterId, req) {
      // The key must be acceptable under the Ed25519 policy (canonical, on the curve, not small order).
      const bytes = fromHex(req.key, 32);
      if (!bytes.ok || !isValidPublicKey(bytes.value))
        return fail('KEY_INVALID', 'key must be an acceptable Ed25519 public key (64 hex digits)');
      const id = e.definition.id;
      const mine = await findRegistration(c.db.db, id, voterId);
      if (mine) {
        if (mine.voter_key !== req.key)
          return refuse('ALREADY_REGISTERED', 'you already registered another key for this election');
        return ok(answer(e, req.key, JSON.parse(mine.boxes ?? '[]') as string[]));
      }
      if ((await registrantOfKey(c.db.db, id, req.key)) !== undefined)
        return refuse('KEY_TAKEN', 'this key is registered by another voter');
      const boxes = assignBoxes(e.definition.boxes, e.fingerprint, req.key, boxesPerVoter);
      try {
        await insertRegistration(
          c.db.db,
          {
            election_id: id,
            voter_id: voterId,
            mode: 'identity-keys',
            voter_key: req.key,
            boxes: JSON.stringify(boxes),
          },
          c.now(),
        );
      } catch (e) {
        // A concurrent request won a unique constraint; nothing of this one was stored.
        if (await findRegistration(c.db.db, id, voterId))
          return refuse('ALREADY_REGISTERED', 'a registration for this voter was made concurrently');
        if ((await registrantOfKey(c.db.db, id, req.key)) !== undefined)
          return refuse('KEY_TAKEN', 'this key was registered by another voter concurrently');
        throw e;
      }
      return ok(answer(e, req.key, boxes));
    },
    async publish(e) {
      const out: Tx[] = [];
      for (;;) {
        const rows = await unpublishedKeys(c.db.db, e.definition.id, MAX_VOTERS_PER_RECORD);
        if (rows.length === 0) return out;
        const record = createVoterKeys(
          c.ed,
          c.key.secretKey,
          e.fingerprint,
          rows.map((r) => ({ key: r.voter_key, boxes: JSON.parse(r.boxes) as string[] })),
        );
        const tx = signTx(c.ed, c.key.secretKey, {
          type: VOTER_KEYS_TX,
          author: c.key.publicKey,
          chain: e.chain,
          body: voterKeysToJson(record),
        });
        await storePublication(
          c,
          e,
          tx,
          rows.map((r) => r.voter_id),
        );
        out.push(tx);
      }
    },
  };
}
