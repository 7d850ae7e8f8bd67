/**
 * `ballot`: a ballot box attests a cast ballot it accepted. Body `{"box": id, "cast": <cast>, "receipt":
 * <receipt>}`. Checks, in order (cheap first):
 *  1. the election exists; `box` is allow-listed and the author is that box's key (`TX_NOT_ALLOWED`);
 *  2. the block time is in the voting window and no `close` is on the chain (`TX_NOT_ALLOWED`);
 *  3. the key ceremony is done (`TX_NOT_ALLOWED`);
 *  4. the cast's envelope (`CAST_INVALID`, `TOKEN_INVALID`) is for this election (`CAST_INVALID`);
 *  5. the receipt is the box's, for the cast's tracker, received inside the voting window
 *     (`RECEIPT_INVALID`, `SIGNATURE_INVALID`; cached);
 *  6. the voting key is eligible and assigned to this box (`NOT_ELIGIBLE`, `TOKEN_INVALID`; a blind-token
 *     cast without a token is `CAST_INVALID`);
 *  7. the ballot (voting key, ballot id) was not audited (`CAST_INVALID`);
 *  8. the box's own rule against its earlier records for this key (`decideCast`): one version per ballot
 *     id (`CAST_INVALID`), one ballot per key under `once` (`DOUBLE_VOTE`); a repeat is allowed and will
 *     count once;
 *  9. `checkCast` under the election key — signature, ciphertexts, every proof (its codes) — cached by
 *     tracker (`cast-check.ts`). The costly check comes last, so a refused record costs little.
 * Which records count (majority per ballot, revote policy, audits) is the selection rule's, at close.
 */
import type { JsonObject, JsonValue } from '../../crypto/encoding/canonical-json.js';
import { fail, OK, ok, type Result, within } from '../../crypto/result.js';
import { decideCast } from '../../protocol/cast/box-rule.js';
import { castTracker, readCast } from '../../protocol/cast/cast.js';
import type { CheckedCast } from '../../protocol/cast/check.js';
import type { Receipt } from '../../protocol/cast/receipt.js';
import { findBox } from '../../protocol/election/boxes.js';
import { readId, readObject } from '../../protocol/election/fields.js';
import { isVotingOpen } from '../../protocol/election/schedule.js';
import { checkAssignedBox } from '../../protocol/eligibility/checker.js';
import type { TxRule } from '../authority/registry.js';
import { type Tx, txId } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { checkCastCached, checkReceiptCached, eligibleBoxes } from './cast-check.js';
import { isClosed, requireKey, requireSetup, txMemo } from './common.js';
import type { ElectionEnv } from './env.js';
import { hexGet, hexSet } from './hex-map.js';
import { pAppend } from './plist.js';
import type { ElectionLedgerState, KeyEntry } from './state.js';

/** Transaction type of ballot records. */
export const BALLOT_TX = 'ballot';

/** A ballot body's parts. */
export interface BallotBody {
  readonly box: string;
  readonly cast: JsonValue;
  readonly receipt: JsonValue;
}

/** Strict shape of a ballot body (`CAST_INVALID`). */
export function readBallotBody(v: unknown): Result<BallotBody> {
  const o = readObject('CAST_INVALID', v, 'ballot', ['box', 'cast', 'receipt']);
  if (!o.ok) return o;
  const box = readId('CAST_INVALID', o.value.box, 'ballot.box');
  if (!box.ok) return box;
  return ok({ box: box.value, cast: o.value.cast!, receipt: o.value.receipt! });
}

/** JSON body of a ballot record. */
export function ballotBody(box: string, cast: JsonObject, receipt: JsonObject): JsonObject {
  return { box, cast, receipt };
}

interface Accepted {
  readonly checked: CheckedCast<unknown>;
  readonly receipt: Receipt;
  readonly box: string;
}

const EMPTY_KEY: KeyEntry = { ballots: [], audited: [] };

/** The rule of `ballot`. */
export function ballotRule(env: ElectionEnv): TxRule<ElectionLedgerState> {
  const memo = txMemo<LedgerResult<Accepted>>();
  const check = (s: ElectionLedgerState, tx: Tx, time: number): LedgerResult<Accepted> => {
    const body = readBallotBody(tx.body);
    if (!body.ok) return body;
    // 1. Election, allow-listed box, author is the box.
    const setup = requireSetup(s);
    if (!setup.ok) return setup;
    const def = setup.value.definition;
    const box = findBox(def.boxes, body.value.box);
    if (!box) return lfail('TX_NOT_ALLOWED', `box "${body.value.box}" is not allow-listed`);
    if (box.key !== tx.author) return lfail('TX_NOT_ALLOWED', `the author is not the key of box "${box.id}"`);
    // 2. Voting window by block time, no close yet.
    if (!isVotingOpen(def.schedule, time) || isClosed(s, setup.value, time))
      return lfail('TX_NOT_ALLOWED', 'voting is not open at this block time');
    // 3. The election key.
    const key = requireKey(s, setup.value, time);
    if (!key.ok) return key;
    // 4. The cast's envelope, for this election (the proofs come last: they cost the most).
    const read = readCast(body.value.cast);
    if (!read.ok) return within('ballot.cast', read);
    const cast = read.value;
    if (cast.election !== setup.value.fingerprint)
      return fail('CAST_INVALID', 'cast.election is not the fingerprint of this election');
    const tracker = castTracker(cast);
    // 5. The receipt of this box for this tracker, inside the voting window.
    const receipt = checkReceiptCached(env.cache, env.ed, setup.value, body.value.receipt, tracker);
    if (!receipt.ok) return within('ballot', receipt);
    if (receipt.value.box !== box.id) return fail('RECEIPT_INVALID', `the receipt is not by box "${box.id}"`);
    if (!isVotingOpen(def.schedule, receipt.value.received_at))
      return fail('RECEIPT_INVALID', 'receipt.received_at is outside the voting window');
    // 6. Eligibility and assignment to this box.
    const boxes = eligibleBoxes(setup.value, s.eligibility, cast);
    if (!boxes.ok) return boxes;
    const assigned = checkAssignedBox({ boxes: boxes.value }, box.id);
    if (!assigned.ok) return assigned;
    // 7. Not audited; 8. the box's own rule.
    const entry = hexGet(s.keys, cast.voter_key) ?? EMPTY_KEY;
    if (entry.audited.includes(cast.ballot_id))
      return fail('CAST_INVALID', 'this ballot was audited (Benaloh challenge) and can no longer be cast');
    const prior = entry.ballots
      .filter((b) => b.box === box.id)
      .map((b) => ({
        ballot_id: b.ballot_id,
        tracker: b.tracker,
        spoiled: entry.audited.includes(b.ballot_id),
      }));
    const d = decideCast(def.revote, prior, cast.ballot_id, tracker);
    if (!d.ok) return within(`box "${box.id}"`, d);
    // 9. The whole cast: signature, ciphertexts, every proof (cached by tracker).
    const checked = checkCastCached(env.cache, key.value, body.value.cast, tracker);
    if (!checked.ok) return within('ballot.cast', checked);
    return ok({ checked: checked.value, receipt: receipt.value, box: box.id });
  };
  return {
    type: BALLOT_TX,
    checkBody: (body) => {
      const b = readBallotBody(body);
      return b.ok ? OK : b;
    },
    allowed(s, tx, at) {
      const r = memo(s, tx, at, () => check(s, tx, at.time));
      return r.ok ? OK : r;
    },
    apply(s, tx, at) {
      const r = memo(s, tx, at, () => check(s, tx, at.time));
      if (!r.ok) return s;
      const { checked, receipt, box } = r.value;
      const { voter_key, ballot_id } = checked.cast;
      const { tracker } = checked;
      const index = s.ballots?.size ?? 0;
      const entry = hexGet(s.keys, voter_key) ?? EMPTY_KEY;
      const keys = hexSet(s.keys, voter_key, {
        ...entry,
        ballots: [...entry.ballots, { box, ballot_id, tracker }],
      });
      const versions = hexGet(s.versions, tracker)
        ? s.versions
        : hexSet(s.versions, tracker, checked.ciphertexts);
      const ballots = pAppend(s.ballots, {
        index,
        txId: txId(tx),
        height: at.height,
        time: at.time,
        box,
        voter_key,
        ballot_id,
        tracker,
        received_at: receipt.received_at,
      });
      return { ...s, ballots, keys, versions, time: at.time };
    },
  };
}
