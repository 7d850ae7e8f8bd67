/**
 * `result`: the decrypted counts with the evidence they come from. Body:
 * `{"election": fingerprint, "ballots": counted ballots, "tally": H(["pnyx/v1/tally", tally JSON]),
 *   "decryptions": [tx ids of the decryption records used, ledger order], "results": {"questions": …}}`
 * (`results` in the form of `src/protocol/results.ts`). Anyone may post it (a node does it by itself):
 * it is valid only when it is exactly the body computed from the ledger ({@link resultBody}), and once.
 */
import { canonicalJson, isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import { OK, ok } from '../../crypto/result.js';
import { resultsFromCounts, resultsToJson } from '../../protocol/results.js';
import { tallyToJson } from '../../protocol/tally.js';
import type { TxRule } from '../authority/registry.js';
import { txId } from '../authority/tx.js';
import { type LedgerResult, lfail } from '../errors.js';
import { requireKey, requireSetup } from './common.js';
import type { ElectionLedgerState } from './state.js';

/** Transaction type of the result. */
export const RESULT_TX = 'result';

/** Domain tag of the tally hash in a result. */
export const TALLY_DOMAIN = 'pnyx/v1/tally';

/** The only valid result body at this state, or why there is none yet (`TX_NOT_ALLOWED`). */
export function resultBody(s: ElectionLedgerState): LedgerResult<JsonObject> {
  const setup = requireSetup(s);
  if (!setup.ok) return setup;
  const { closing, decryption } = s;
  if (!closing) return lfail('TX_NOT_ALLOWED', 'the election is not closed');
  const counts = decryption?.counts;
  if (!decryption || !counts) return lfail('TX_NOT_ALLOWED', 'the tally is not decrypted yet');
  const key = requireKey(s, setup.value, closing.time);
  if (!key.ok) return key;
  const scheme = key.value.cast.ballot.scheme;
  const used = s.decryptions.filter((r) => decryption.used.includes(r.signer ?? 0)).map((r) => r.id ?? '');
  return ok({
    election: setup.value.fingerprint,
    ballots: closing.selection.counted.length,
    tally: hashJsonHex([TALLY_DOMAIN, tallyToJson(scheme, closing.tally)]),
    decryptions: used,
    results: resultsToJson(resultsFromCounts(setup.value.definition.manifest, counts)),
  });
}

/** The rule of `result`. */
export function resultRule(): TxRule<ElectionLedgerState> {
  const check = (s: ElectionLedgerState, body: unknown): LedgerResult<true> => {
    if (s.result) return lfail('TX_NOT_ALLOWED', 'the result is already posted');
    const want = resultBody(s);
    if (!want.ok) return want;
    if (!isJsonObject(body)) return lfail('TX_INVALID', 'a result body is a JSON object');
    // Name the first field that differs from the ledger's result.
    const keys = [...new Set([...Object.keys(want.value), ...Object.keys(body)])].sort();
    const differs = keys.find((k) => {
      const [w, b] = [want.value[k], body[k]];
      return w === undefined || b === undefined || canonicalJson(w) !== canonicalJson(b);
    });
    if (differs !== undefined)
      return lfail('TX_NOT_ALLOWED', `result.${differs} is not what the ledger computes`);
    return ok(true);
  };
  return {
    type: RESULT_TX,
    checkBody: (body) => (isJsonObject(body) ? OK : lfail('TX_INVALID', 'a result body is a JSON object')),
    allowed: (s, tx) => check(s, tx.body),
    apply(s, tx, at) {
      if (!check(s, tx.body).ok) return s;
      return {
        ...s,
        result: { txId: txId(tx), author: tx.author, height: at.height, body: tx.body },
        time: at.time,
      };
    },
  };
}
