/**
 * The extensible registry of transaction types. The ledger engine knows only the envelope, signatures,
 * ids and duplicates; everything else is asked of the rule registered for the transaction's type.
 *
 * Application state `S` is a fold over the transactions of a chain: {@link TxRegistry.initial} builds it
 * from the genesis and each rule's `apply` advances it. `apply` must not mutate its input (forks share
 * states), so the same state may be the parent of several blocks.
 */
import type { LedgerCheck } from '../errors.js';
import type { AuthorityGenesis } from './genesis.js';
import type { Tx } from './tx.js';

/** Where a transaction is being checked. */
export interface TxContext {
  readonly genesis: AuthorityGenesis;
  /** Height of the block the transaction is (or would be) in. */
  readonly height: number;
  /** Time of that block (milliseconds since the epoch). */
  readonly time: number;
}

/** The rule of one transaction type. */
export interface TxRule<S> {
  readonly type: string;
  /** Stateless check of the body (shape, encodings, proofs that need no chain state). */
  checkBody(body: Tx['body'], tx: Tx): LedgerCheck;
  /** Is the transaction allowed given the chain so far (`state`)? Failures use `TX_NOT_ALLOWED` or a crypto code. */
  allowed(state: S, tx: Tx, at: TxContext): LedgerCheck;
  /** The state after the transaction. Must not mutate `state`. */
  apply(state: S, tx: Tx, at: TxContext): S;
}

/** A set of transaction rules over one application state. */
export interface TxRegistry<S> {
  /** The state before any transaction. */
  initial(genesis: AuthorityGenesis): S;
  /** The rule for a type, if registered. */
  rule(type: string): TxRule<S> | undefined;
}

/** Builds a registry from an initial-state function and rules; later rules for the same type are refused. */
export function createRegistry<S>(
  initial: (genesis: AuthorityGenesis) => S,
  rules: readonly TxRule<S>[],
): TxRegistry<S> {
  const map = new Map<string, TxRule<S>>();
  for (const r of rules) {
    if (map.has(r.type)) throw new Error(`transaction type ${r.type} registered twice`);
    map.set(r.type, r);
  }
  return { initial, rule: (type) => map.get(type) };
}

/** Registry extended with more rules (the election layer adds its types to a base registry). */
export function extendRegistry<S>(base: TxRegistry<S>, rules: readonly TxRule<S>[]): TxRegistry<S> {
  const map = new Map<string, TxRule<S>>();
  for (const r of rules) {
    if (map.has(r.type) || base.rule(r.type)) throw new Error(`transaction type ${r.type} registered twice`);
    map.set(r.type, r);
  }
  return { initial: base.initial, rule: (type) => map.get(type) ?? base.rule(type) };
}

/**
 * A registry that accepts every transaction type with any body and keeps no state. For tools that move
 * or re-check ledgers without the election's rules (export, signature-only verification): with it, only
 * envelopes, signatures, links, proofs of work and approvals are checked.
 */
export function permissiveRegistry(): TxRegistry<null> {
  const rule: TxRule<null> = {
    type: '*',
    checkBody: () => ({ ok: true, value: true }),
    allowed: () => ({ ok: true, value: true }),
    apply: () => null,
  };
  return { initial: () => null, rule: () => rule };
}
