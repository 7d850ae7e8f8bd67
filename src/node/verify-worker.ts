/**
 * Worker-thread entry of the {@link VerifyPool} (see verify-pool.ts for the messages). Signatures are
 * checked by `ed25519Native`: the whole pnyx acceptance policy, the equation on the native addon when it
 * is built and passed its known-answer test, else on OpenSSL. A page of blocks arrives as the text a peer
 * sent: it is parsed and its signature jobs built here, so the node's main thread only checks and stores.
 */
import { parentPort } from 'node:worker_threads';
import { isJsonObject, parseJson } from '../crypto/encoding/canonical-json.js';
import { ed25519Native as ed } from '../crypto/node/ed25519-native.js';
import { useNativeLedgerHash } from '../ledger/node/native-hash.js';
import { entryJobs, uniqueJobs } from './preverify.js';
import type { PoolRequest, PoolResponse } from './verify-pool.js';

const port = parentPort;
if (port === null) throw new Error('verify-worker.js runs only as a worker thread');
useNativeLedgerHash(); // transaction and approval ids on OpenSSL's SHA-256 (the same ids)

/** One byte per packed job: 1 when its signature verifies. */
function verifyPacked(b: Extract<PoolRequest, { kind: 'jobs' }>): Uint8Array {
  const out = new Uint8Array(b.n);
  for (let i = 0; i < b.n; i++) {
    const msg = b.msgs.subarray(b.offs[i], b.offs[i + 1]);
    const pk = b.pks.subarray(i * 32, i * 32 + 32);
    const sig = b.sigs.subarray(i * 64, i * 64 + 64);
    out[i] = ed.verify(pk, msg, sig) ? 1 : 0;
  }
  return out;
}

/** Ids of the page's transactions and approvals whose signatures verify (each id checked once). */
function verifyPage(text: string): string[] {
  const parsed = parseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) return [];
  const entries = parsed.value.entries;
  if (!Array.isArray(entries)) return [];
  const ids: string[] = [];
  for (const k of uniqueJobs(entryJobs(entries)))
    if (ed.verify(k.job.publicKey, k.job.message, k.job.signature)) ids.push(k.id);
  return ids;
}

port.on('message', (m: PoolRequest) => {
  if (m.kind === 'jobs') {
    const out = verifyPacked(m);
    port.postMessage({ id: m.id, kind: 'jobs', out } satisfies PoolResponse, [out.buffer as ArrayBuffer]);
  } else {
    port.postMessage({ id: m.id, kind: 'page', ids: verifyPage(m.text) } satisfies PoolResponse);
  }
});
