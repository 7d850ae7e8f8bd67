/**
 * Election views from an authority ledger running the election rules: the registry state of the last
 * final block holds the election's setup, its counted ceremony and decryption records (with signers and
 * times) and, once closed, the tally the close fixed. {@link chainSource} watches a node's own replica
 * and wakes at every new final block.
 */
import type { AuthorityLedger } from '../../../ledger/authority/ledger.js';
import { ceremonyAt } from '../../../ledger/election/common.js';
import type { ElectionLedgerState } from '../../../ledger/election/state.js';
import type { ChainEvents } from '../../chain.js';
import type { Events } from '../../events.js';
import { Wakeup } from '../../service.js';
import type { ElectionView, TallyView, TrusteeSource } from './view.js';

/** The election of a registry state at ledger time `now`, or undefined when the ledger defines none. */
export function viewOfState(s: ElectionLedgerState, chain: string, now: number): ElectionView | undefined {
  const setup = s.setup;
  if (setup === undefined) return undefined;
  const def = setup.definition;
  let tally: TallyView | undefined;
  const key = s.closing ? ceremonyAt(s, setup, Math.max(now, s.time)).key : undefined;
  if (s.closing && key) {
    const { scheme } = key.cast.ballot;
    tally = {
      json: s.closing.tally.map((row) => row.map((ct) => scheme.ctToJson(ct))),
      ballots: s.closing.selection.counted.length,
    };
  }
  return {
    id: def.id,
    fingerprint: setup.fingerprint,
    chain,
    scheme: def.scheme,
    trustees: def.trustees,
    ctx: setup.crypto.context,
    deadline: def.schedule.opens_at,
    ceremony: s.ceremony,
    decryption: s.decryptions,
    now: Math.max(now, s.time),
    ...(tally === undefined ? {} : { tally }),
  };
}

/** The elections of a ledger as of its last final block. */
export function finalViews(ledger: AuthorityLedger<ElectionLedgerState>): ElectionView[] {
  const f = ledger.lastFinal();
  const v = viewOfState(f.state, ledger.genesis.id, f.time);
  return v === undefined ? [] : [v];
}

/** What {@link chainSource} reads: a node's ledger replica and its events. */
export interface WatchedChain {
  readonly ledger: AuthorityLedger<ElectionLedgerState>;
  readonly events: Events<ChainEvents>;
}

/** A source over a node's own chain, woken by every move of its last final block. */
export function chainSource(chain: WatchedChain): TrusteeSource & { close(): void } {
  const wake = new Wakeup();
  const off = chain.events.on('final', () => wake.notify());
  return {
    elections: async () => finalViews(chain.ledger),
    changed: (ms, signal) => wake.wait(ms, signal),
    close: off,
  };
}
