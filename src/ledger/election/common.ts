/** Helpers shared by the election rules. */
import { ERROR_CODES, type ErrorCode, ok } from '../../crypto/result.js';
import type { RecordError } from '../../protocol/ceremony/errors.js';
import type { TxContext } from '../authority/registry.js';
import type { Tx } from '../authority/tx.js';
import { type LedgerFailure, type LedgerResult, lfail } from '../errors.js';
import type { CeremonyView, ElectionKey } from './crypto.js';
import type { ElectionLedgerState, ElectionSetup } from './state.js';

/** The election of the ledger, or `TX_NOT_ALLOWED` when there is none (yet). */
export function requireSetup(s: ElectionLedgerState): LedgerResult<ElectionSetup> {
  if (s.setup) return ok(s.setup);
  return lfail('TX_NOT_ALLOWED', s.genesisProblem ?? 'no election is defined on this ledger yet');
}

/** True when ballots are no longer taken at `time`: a `close` is on the chain or the voting window ended. */
export function isClosed(s: ElectionLedgerState, setup: ElectionSetup, time: number): boolean {
  return s.closing !== undefined || time >= setup.definition.schedule.closes_at;
}

/** `TX_NOT_ALLOWED` unless `tx` is by the election's registrar. */
export function requireRegistrar(setup: ElectionSetup, tx: Tx): LedgerResult<true> {
  return tx.author === setup.definition.registrar
    ? ok(true)
    : lfail('TX_NOT_ALLOWED', `only the registrar may post ${tx.type}`);
}

function isErrorCode(c: string): c is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(c);
}

/**
 * A ceremony or decryption record error as a ledger failure: its code when it is a crypto code
 * (`KEY_INVALID`, `DECRYPTION_INVALID`), the decoder's code for a malformed body, `TX_NOT_ALLOWED`
 * otherwise; the message starts with the record code (`RECORD_LATE: …`) and names the trustee.
 */
export function recordFailure(e: RecordError): LedgerFailure {
  const code = isErrorCode(e.code)
    ? e.code
    : e.code === 'RECORD_MALFORMED' && e.cause
      ? e.cause
      : 'TX_NOT_ALLOWED';
  const who = e.trustee === null ? 'no trustee' : `trustee ${e.trustee}`;
  return lfail(code, `${e.code} (${who}): ${e.message}`);
}

/** The error a state machine reported for the record at `index`, if any. */
export function errorAt(errors: readonly RecordError[], index: number): RecordError | undefined {
  return errors.find((e) => e.record === index);
}

const sealed = new WeakMap<ElectionLedgerState, CeremonyView>();

/**
 * The ceremony as it stands at `time`: the stored view when it is final, otherwise the records read
 * again at `time` (deadlines applied); from the opening on, every deadline has passed and that reading is
 * memoised per state.
 */
export function ceremonyAt(s: ElectionLedgerState, setup: ElectionSetup, time: number): CeremonyView {
  const stored = s.ceremonyView ?? setup.crypto.ceremony(s.ceremony);
  if (stored.phase === 'done' || stored.phase === 'failed') return stored;
  // Before the opening, deadlines may still close phases: read the records again at `time`.
  if (time < setup.definition.schedule.opens_at) return setup.crypto.ceremony(s.ceremony, time);
  let v = sealed.get(s);
  if (!v) {
    v = setup.crypto.ceremony(s.ceremony, time);
    sealed.set(s, v);
  }
  return v;
}

/** The election key at `time`, or `TX_NOT_ALLOWED` while the ceremony is not done. */
export function requireKey(
  s: ElectionLedgerState,
  setup: ElectionSetup,
  time: number,
): LedgerResult<ElectionKey> {
  const c = ceremonyAt(s, setup, time);
  if (c.key) return ok(c.key);
  return lfail(
    'TX_NOT_ALLOWED',
    `the key ceremony is ${c.phase}${c.failure ? ` (${c.failure})` : ''}: no election key`,
  );
}

/**
 * A one-entry memo per state: `allowed` computes a value for (state, transaction, block) and `apply`,
 * called right after it with the same arguments, reuses it instead of computing it again.
 */
export function txMemo<T>(): (s: ElectionLedgerState, tx: Tx, at: TxContext, compute: () => T) => T {
  const memo = new WeakMap<ElectionLedgerState, { readonly tag: string; readonly value: T }>();
  return (s, tx, at, compute) => {
    // The same transaction on the same state at another block (height, time) is judged again.
    const tag = `${tx.type}/${tx.author}/${tx.sig}/${at.height}/${at.time}`;
    const m = memo.get(s);
    if (m && m.tag === tag) return m.value;
    const value = compute();
    memo.set(s, { tag, value });
    return value;
  };
}
