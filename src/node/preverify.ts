/**
 * Parallel signature checks ahead of the ledger's checks: the transactions and approvals of a page of
 * blocks (or a batch of submitted transactions) are decoded, their signed bytes built, and their
 * signatures verified on the {@link VerifyPool}. The ids whose signatures verified are returned; the
 * ledger then skips only the signature check for those ids and runs every other check as usual.
 */
import { fromHex } from '../crypto/bytes.js';
import { isJsonObject } from '../crypto/encoding/canonical-json.js';
import { signingBytes } from '../crypto/sig/signed-json.js';
import {
  APPROVAL_DOMAIN,
  approvalId,
  approvalPayload,
  decodeApproval,
} from '../ledger/authority/approval.js';
import { decodeTx, TX_DOMAIN, txId, txPayload } from '../ledger/authority/tx.js';
import type { WireEntry } from './peer-client.js';
import type { SignatureJob, VerifyPool } from './verify-pool.js';

/** A signature job with the id ({@link txId} or {@link approvalId}) it vouches for. */
export interface Keyed {
  readonly id: string;
  readonly job: SignatureJob;
}

function job(
  id: string,
  publicKey: string,
  domain: string,
  payload: Parameters<typeof signingBytes>[1],
  sig: string,
): Keyed | undefined {
  const pk = fromHex(publicKey, 32);
  const s = fromHex(sig, 64);
  if (!pk.ok || !s.ok) return undefined;
  try {
    return { id, job: { publicKey: pk.value, signature: s.value, message: signingBytes(domain, payload) } };
  } catch {
    return undefined; // not encodable: the normal check reports it
  }
}

/** The job of a transaction, if it has a readable envelope. */
function txJob(v: unknown): Keyed | undefined {
  const d = decodeTx(v);
  if (!d.ok) return undefined;
  const t = d.value;
  return job(txId(t), t.author, TX_DOMAIN, txPayload(t), t.sig);
}

/**
 * The jobs to run: each id once (a batch may carry the same transaction twice; the second is then answered
 * as known), leaving out those `skip` says are checked already.
 */
export function uniqueJobs(
  keyed: readonly (Keyed | undefined)[],
  skip: (id: string) => boolean = () => false,
): Keyed[] {
  const seen = new Set<string>();
  return keyed.filter((k): k is Keyed => {
    if (k === undefined || skip(k.id) || seen.has(k.id)) return false;
    seen.add(k.id);
    return true;
  });
}

/** Verifies the {@link uniqueJobs} of `keyed` on the pool and returns the ids that verified. */
async function run(
  pool: VerifyPool,
  keyed: readonly (Keyed | undefined)[],
  skip: (id: string) => boolean,
): Promise<Set<string>> {
  const list = uniqueJobs(keyed, skip);
  const ok = await pool.verify(list.map((k) => k.job));
  const out = new Set<string>();
  list.forEach((k, i) => {
    if (ok[i]) out.add(k.id);
  });
  return out;
}

/** Ids of the transactions of a batch whose signatures verify (`skip`: ids this node checked already). */
export function preverifyTxs(
  pool: VerifyPool,
  txs: readonly unknown[],
  skip: (id: string) => boolean = () => false,
): Promise<Set<string>> {
  return run(pool, txs.map(txJob), skip);
}

/**
 * The signature jobs of a page of blocks: each transaction and each approval with a readable envelope.
 * Never throws, whatever the entries hold (items it cannot read are left to the ledger's checks).
 */
export function entryJobs(entries: readonly unknown[]): Keyed[] {
  const out: Keyed[] = [];
  const push = (k: Keyed | undefined) => {
    if (k !== undefined) out.push(k);
  };
  for (const e of entries) {
    if (!isJsonObject(e)) continue;
    const b = e.block;
    const content = isJsonObject(b) ? b.content : undefined;
    const txs = isJsonObject(content) ? content.txs : undefined;
    if (Array.isArray(txs)) for (const t of txs) push(txJob(t));
    if (Array.isArray(e.approvals))
      for (const v of e.approvals) {
        const a = decodeApproval(v);
        if (a.ok)
          push(
            job(
              approvalId(a.value),
              a.value.validator,
              APPROVAL_DOMAIN,
              approvalPayload(a.value),
              a.value.sig,
            ),
          );
      }
  }
  return out;
}

/** Ids of the transactions and approvals of a page of blocks whose signatures verify. */
export function preverifyEntries(
  pool: VerifyPool,
  entries: readonly WireEntry[],
  skip: (id: string) => boolean = () => false,
): Promise<Set<string>> {
  return run(pool, entryJobs(entries), skip);
}
