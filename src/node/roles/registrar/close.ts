/**
 * Early close by the registrar: the ledger's `close` transaction (docs/election-ledger.md §2.5) may be
 * posted by the registrar once voting has opened, before `closes_at`; after `closes_at` anyone may post it.
 * The registrar first flushes its pending eligibility records, so every key it accepted is published
 * before the close stops them, then signs `{"election": fingerprint}` and hands it to the node's intake.
 */
import { canonicalJson } from '../../../crypto/encoding/canonical-json.js';
import { ok } from '../../../crypto/result.js';
import { signTx, txId } from '../../../ledger/authority/tx.js';
import { appendAudit } from '../../../store/registrar/audit.js';
import type { LoadedElection } from './elections.js';
import { type RegResult, refuse } from './errors.js';
import type { Registrar } from './registrar.js';

/** Ledger type of the close transaction. */
export const CLOSE_TX = 'close';

/** The answer to a close: the transaction id and whether the ledger already held it. */
export interface CloseAnswer {
  readonly tx_id: string;
  readonly status: 'submitted';
}

/**
 * Signs and submits the close of `election`. Refusals: `VOTING_NOT_OPEN` before voting opens (the ledger
 * would refuse it), or the ledger's own code and sentence (e.g. `TX_NOT_ALLOWED` when already closed). A
 * ledger that cannot be reached is `LEDGER_UNAVAILABLE`; nothing is kept, the operator may simply ask again.
 */
export async function closeElection(
  reg: Registrar,
  e: LoadedElection,
  actor: string,
): Promise<RegResult<CloseAnswer>> {
  const c = reg.context;
  const now = c.now();
  // 1. The ledger accepts a registrar's close only from the opening on.
  if (now < e.definition.schedule.opens_at)
    return refuse('VOTING_NOT_OPEN', 'voting has not opened yet: the ledger takes a close only once it has');
  // 2. Publish what is pending first: a close ends eligibility records.
  await reg.publisher.flush();
  // 3. The close itself, signed by the registrar's key.
  const tx = signTx(c.ed, c.key.secretKey, {
    type: CLOSE_TX,
    author: c.key.publicKey,
    chain: e.chain,
    body: { election: e.fingerprint },
  });
  let r: Awaited<ReturnType<typeof c.submitTx>>;
  try {
    r = await c.submitTx(tx);
  } catch (err) {
    return refuse('LEDGER_UNAVAILABLE', `the ledger cannot be reached: ${(err as Error).message}`);
  }
  if (!r.ok && r.code !== 'TX_DUPLICATE') return refuse(r.code, r.message);
  const id = txId(tx);
  await appendAudit(c.db.db, {
    time: now,
    actor,
    action: 'close_election',
    detail: canonicalJson({ election: e.definition.id, tx: id }),
  });
  return ok({ tx_id: id, status: 'submitted' });
}
