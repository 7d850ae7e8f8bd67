/**
 * Early close by the registrar: the ledger's `close` transaction (docs/election-ledger.md §2.5) may be
 * posted by the registrar once voting has opened, before `closes_at`; after `closes_at` anyone may post it.
 * The registrar first flushes its pending eligibility records, so every key it accepted is published
 * before the close stops them, then signs `{"election": fingerprint}` and hands it to the node's intake.
 *
 * This is the one implementation of the early close: the registrar's route
 * (`POST /registrar/admin/elections/:election/close`) and the election node's route
 * (`POST /election/admin/close`) both call {@link closeElection}, with the same checks and codes.
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

/** The answer to a close: the transaction id; `submitted` also when it was already pending. */
export interface CloseAnswer {
  readonly tx_id: string;
  readonly status: 'submitted';
}

/** A close already in a block of the ledger. */
export interface LedgerClose {
  readonly txId: string;
  readonly height: number;
}

/**
 * What the node's ledger says about the election, when the registrar runs inside a node that has one:
 * the close in a block of its head chain, if any. Without it the ledger's own answer decides.
 */
export type ClosedOnLedger = (fingerprint: string) => LedgerClose | undefined;

/**
 * Signs and submits the close of `election`. Checks, in this order, each refusal changing nothing:
 *
 * 1. `VOTING_NOT_OPEN` (409) before `opens_at` (the ledger would refuse it);
 * 2. `ELECTION_CLOSED` (422) when a close is already in a block (`closedOnLedger`), naming it;
 * 3. the pending eligibility records are published, the close is signed and submitted: a close still
 *    pending (the same transaction, deterministic signature) answers its id again; the ledger's refusal
 *    keeps its code and sentence (`TX_NOT_ALLOWED`, …, 422); a ledger that cannot be reached is
 *    `LEDGER_UNAVAILABLE` (503) and the operator may simply ask again.
 *
 * Every submitted close is written to the registrar's audit log with `actor`.
 */
export async function closeElection(
  reg: Registrar,
  e: LoadedElection,
  actor: string,
  closedOnLedger?: ClosedOnLedger,
): Promise<RegResult<CloseAnswer>> {
  const c = reg.context;
  const now = c.now();
  // 1. The ledger accepts a registrar's close only from the opening on.
  if (now < e.definition.schedule.opens_at)
    return refuse(
      'VOTING_NOT_OPEN',
      `voting in "${e.definition.id}" has not opened yet: the ledger takes a close only from ${new Date(
        e.definition.schedule.opens_at,
      ).toISOString()}`,
    );
  // 2. Closed once only.
  const done = closedOnLedger?.(e.fingerprint);
  if (done)
    return refuse(
      'ELECTION_CLOSED',
      `"${e.definition.id}" is already closed by transaction ${done.txId} at height ${done.height}`,
    );
  // 3. Publish what is pending first: a close ends eligibility records.
  await reg.publisher.flush();
  // 4. The close itself, signed by the registrar's key.
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
