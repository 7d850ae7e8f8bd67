/**
 * Worker-thread entry of the verifier's ballot pool. It loads one election's cast context from
 * `workerData` (a {@link CastSpec}) on the fastest backends, then answers each batch of ballot
 * transactions `{id, txs}` with `{id, results, verified}`: per transaction the outcome of `checkCast`
 * keyed by the tracker (SHA-256 of the canonical cast), and the digests of every valid signature it met
 * on the way (the transaction's, the voter's, the receipt's). A spec that does not load is answered
 * `{id: -1, error}` once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hashJsonHex } from '../crypto/encoding/hash.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { ok } from '../crypto/result.js';
import { checkTxSignature, decodeTx } from '../ledger/authority/tx.js';
import { readBallotBody } from '../ledger/election/rule-ballot.js';
import { type CheckedCast, checkCast } from '../protocol/cast/check.js';
import { checkReceipt } from '../protocol/cast/receipt.js';
import { type CastSpec, loadCastContext } from './backends.js';
import type { BatchRequest, BatchResponse, CastOutcome } from './pool.js';
import { recordingEd } from './signatures.js';

/**
 * The outcome the main thread keeps in its cast cache, without the ballot's proofs and the voter's
 * signature: after `checkCast`, the ballot rule reads only the voting key, ballot id, token, tracker and
 * ciphertexts. Dropping the rest keeps 100,000 cached outcomes small and cheap to send.
 */
function slim(c: CheckedCast<unknown>): CheckedCast<unknown> {
  return { ...c, cast: { ...c.cast, ballot: {}, sig: '' } };
}

const port = parentPort;
if (port === null) throw new Error('cast-worker.js runs only as a worker thread');
let verified: string[] = [];
const ed = recordingEd(ed25519Native, () => verified);
const loaded = await loadCastContext(workerData as CastSpec, ed);
if (!loaded.ok) {
  port.postMessage({ id: -1, error: `${loaded.code}: ${loaded.message}` } satisfies BatchResponse);
} else {
  const { definition, context } = loaded.value;
  port.on('message', (m: BatchRequest) => {
    verified = [];
    const results: CastOutcome[] = [];
    for (const json of m.txs) {
      // 1. The transaction's own signature (remembered for the main thread if valid).
      const tx = decodeTx(json);
      if (!tx.ok) continue;
      checkTxSignature(ed, tx.value);
      // 2. The cast: voter signature, ciphertexts, every proof.
      const body = readBallotBody(tx.value.body);
      if (!body.ok) continue;
      const tracker = hashJsonHex(body.value.cast);
      const r = checkCast(context, body.value.cast);
      results.push({ tracker, r: r.ok ? ok(slim(r.value)) : r });
      // 3. The receipt's signature, for a cast that checked.
      if (r.ok) checkReceipt(ed, definition, body.value.receipt, r.value.tracker);
    }
    port.postMessage({ id: m.id, results, verified } satisfies BatchResponse);
  });
}
