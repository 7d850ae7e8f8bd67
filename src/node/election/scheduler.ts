/**
 * The election's clock on a node: at `closes_at` the election stops taking ballots and the tally starts
 * by itself (seed 001's timeout). Once the block time passes `closes_at` the ledger lets anyone post the
 * `close`; the scheduler posts it. Once the trustees' decryptions give the counts it posts the `result`
 * (`resultBody`, the only body the ledger accepts). Trustees post their decryptions themselves.
 * Nodes other than the registrar wait `graceMs` longer, so one close and one result are usually posted.
 */
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { signTx, txId } from '../../ledger/authority/tx.js';
import { ceremonyAt } from '../../ledger/election/common.js';
import { resultBody } from '../../ledger/election/rule-result.js';
import type { ElectionLedgerState } from '../../ledger/election/state.js';
import { LOCAL } from '../chain.js';
import type { NodeIdentity } from '../keys.js';
import type { PnyxNode } from '../node.js';
import type { NodeLogger, Startable } from '../service.js';

/** Options of {@link electionScheduler}. */
export interface SchedulerOptions {
  readonly node: PnyxNode<ElectionLedgerState>;
  readonly identity: NodeIdentity;
  readonly ed: Ed25519;
  readonly logger: NodeLogger;
  /** Extra wait after each due time before this node acts (0 on the registrar). */
  readonly graceMs?: number;
  /** Period of the checks (default 250 ms). */
  readonly periodMs?: number;
  readonly now?: () => number;
}

/** Least time between two offers of the same kind of transaction by this node. */
const RETRY_MS = 5000;

/** The scheduler as a service. */
export function electionScheduler(o: SchedulerOptions): Startable {
  const now = o.now ?? Date.now;
  const grace = o.graceMs ?? 0;
  const last = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  /** When this node first saw the counts decrypted. */
  let decryptedAt: number | undefined;

  /** True when a pending transaction of `type` is already in the pool. */
  const pending = (type: string): boolean => o.node.chain.mempool.list().some((p) => p.tx.type === type);

  async function post(type: string, body: JsonValue, t: number): Promise<void> {
    if (pending(type) || (last.get(type) ?? 0) + RETRY_MS > t) return;
    last.set(type, t);
    const tx = signTx(o.ed, o.identity.secretKey, {
      type,
      author: o.identity.publicKey,
      chain: o.node.chain.ledger.genesis.id,
      body,
    });
    const [r] = await o.node.intake.submit([tx], LOCAL);
    if (r?.ok) o.logger.info({ type, tx: txId(tx) }, `posted the ${type}`);
    else if (r && r.code !== 'TX_DUPLICATE')
      o.logger.debug({ type, code: r.code, msg: r.message }, 'not yet');
  }

  async function tick(): Promise<void> {
    const head = o.node.chain.ledger.head();
    const s = head.state;
    const setup = s.setup;
    if (!setup) return;
    const t = now();
    const { closes_at } = setup.definition.schedule;
    // 1. The timeout: past closes_at (block time, so wait for the clock to pass it) post the close.
    if (!s.closing && t >= closes_at + grace) {
      if (ceremonyAt(s, setup, t).key) await post('close', { election: setup.fingerprint }, t);
      return;
    }
    // 2. The result, once the counts are decrypted and none is posted.
    if (s.closing && s.decryption?.counts && !s.result) {
      decryptedAt ??= t;
      const body = resultBody(s);
      if (body.ok && t >= decryptedAt + grace) await post('result', body.value, t);
    }
  }

  return {
    async start() {
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        tick()
          .catch((e: unknown) => o.logger.error({ err: (e as Error).message }, 'election scheduler'))
          .finally(() => {
            busy = false;
          });
      }, o.periodMs ?? 250);
    },
    async stop() {
      if (timer) clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
