/** The complete check of one transaction, as done by the mempool and by block validation. */
import { canonicalJson } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { type LedgerResult, lfail, lwithin } from '../errors.js';
import { ledgerHashHex, utf8Length } from '../hash.js';
import type { AuthorityGenesis } from './genesis.js';
import type { TxContext, TxRegistry, TxRule } from './registry.js';
import { checkTxSignature, decodeTx, type Tx, txJson } from './tx.js';

/** A transaction that passed its stateless checks. */
export interface CheckedTx {
  readonly tx: Tx;
  readonly id: string;
  readonly bytes: number;
  /** The canonical JSON text of the transaction (what is stored). */
  readonly text: string;
}

/**
 * True when a transaction with this id already passed {@link checkTxStateless} on this node (e.g. it is in
 * the mempool). The id is the hash of the whole canonical transaction, signature included, so the same id
 * means the same bytes and the checks need not run again.
 */
export type VerifiedTx = (id: string) => boolean;

/**
 * Stateless checks, in order: envelope shape, size limit, ledger (chain = genesis id), registered type,
 * body, author's signature. State-dependent checks are {@link checkTxAllowed}. With `verified`, the body
 * and signature checks are skipped for a transaction this node already checked; with `signatureOk`, only
 * the signature check is skipped for a transaction whose signature was already verified (e.g. in parallel
 * on worker threads; the id binds author, payload and signature).
 */
export function checkTxStateless<S>(
  v: unknown,
  genesis: AuthorityGenesis,
  registry: TxRegistry<S>,
  ed: Ed25519,
  verified?: VerifiedTx,
  signatureOk?: VerifiedTx,
): LedgerResult<CheckedTx & { rule: TxRule<S> }> {
  // 1. Envelope.
  const d = decodeTx(v);
  if (!d.ok) return d;
  const tx = d.value;
  // 2. Size (of the canonical text, which also gives the id).
  const text = canonicalJson(txJson(tx));
  const bytes = utf8Length(text);
  if (bytes > genesis.limits.txBytes)
    return lfail('TX_TOO_LARGE', `transaction is ${bytes} bytes, the limit is ${genesis.limits.txBytes}`);
  // 3. Ledger binding.
  if (tx.chain !== genesis.id) return lfail('GENESIS_MISMATCH', 'transaction is for another ledger');
  // 4. Registered type and body.
  const rule = registry.rule(tx.type);
  if (!rule) return lfail('TX_TYPE_UNKNOWN', `no rule is registered for transaction type ${tx.type}`);
  const id = ledgerHashHex(text);
  if (verified?.(id)) return ok({ tx, id, bytes, text, rule });
  const body = rule.checkBody(tx.body, tx);
  if (!body.ok) return lwithin(`${tx.type} body`, body);
  // 5. Signature of the author.
  if (!signatureOk?.(id)) {
    const sig = checkTxSignature(ed, tx);
    if (!sig.ok) return sig;
  }
  return ok({ tx, id, bytes, text, rule });
}

/** State-dependent check; returns the state after the transaction. */
export function checkTxAllowed<S>(rule: TxRule<S>, state: S, tx: Tx, at: TxContext): LedgerResult<S> {
  const a = rule.allowed(state, tx, at);
  if (!a.ok) return a;
  return ok(rule.apply(state, tx, at));
}
