/**
 * The ballot-box role of an election node. A box needs the election definition, which the ledger may
 * define after the node started (the registrar's `election` transaction), so the box is mounted once the
 * last final block defines an election that allow-lists this node's key. Its routes exist from the start
 * and answer `ELECTION_CLOSED` until then.
 */
import { ok } from '../../crypto/result.js';
import { ceremonyAt } from '../../ledger/election/common.js';
import type { ElectionEnv } from '../../ledger/election/env.js';
import type { ElectionLedgerState } from '../../ledger/election/state.js';
import { netFail } from '../../net/errors.js';
import type { Handler, Handlers } from '../../net/handlers.js';
import type { AnyRoute } from '../../net/routes.js';
import type { CheckedCast } from '../../protocol/cast/check.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { txPostResult } from '../api.js';
import { LOCAL } from '../chain.js';
import type { NodeIdentity } from '../keys.js';
import type { PnyxNode } from '../node.js';
import { eligibilityView } from '../roles/ballot-box/eligibility.js';
import type { BoxFaults } from '../roles/ballot-box/faults.js';
import type { LedgerPort } from '../roles/ballot-box/ledger-port.js';
import { type BallotBoxRole, mountBallotBox } from '../roles/ballot-box/role.js';
import { BALLOT_BOX_ROUTES, type BallotBoxRoutes } from '../roles/ballot-box/routes.js';
import type { NodeLogger, Startable } from '../service.js';
import { MainChainIndex } from './main-chain.js';

/** What the box role needs from the node process. */
export interface LateBoxOptions {
  readonly node: PnyxNode<ElectionLedgerState>;
  readonly store: KyselyStore;
  readonly identity: NodeIdentity;
  readonly env: ElectionEnv;
  readonly logger: NodeLogger;
  /** Proof-checking worker threads (default 0: the node's main thread). */
  readonly workers?: number;
  /** Fault injection (tests only; see `roles/ballot-box/faults.ts`). */
  readonly faults?: BoxFaults;
}

/** The box service with its always-present route handlers. */
export interface LateBox extends Startable {
  readonly handlers: Handlers<BallotBoxRoutes>;
  /** The mounted box, once the election is known. */
  mounted(): BallotBoxRole | undefined;
}

/** The ledger as the box sees it: the node's own intake and main chain. */
function nodeLedgerPort(node: PnyxNode<ElectionLedgerState>): LedgerPort {
  const index = new MainChainIndex(node.chain);
  return {
    chain: node.chain.ledger.genesis.id,
    async submitTx(tx) {
      const [r] = await node.intake.submit([tx], LOCAL);
      return r === undefined ? { ok: false, code: 'TX_INVALID', message: 'no answer' } : txPostResult(r);
    },
    inBlocks: async (ids) => index.inBlocks(ids),
  };
}

/** Handlers that pass each request to the mounted box, or refuse it while there is none. */
function lateHandlers(get: () => BallotBoxRole | undefined): Handlers<BallotBoxRoutes> {
  const out: Record<string, Handler<AnyRoute>> = {};
  for (const k of Object.keys(BALLOT_BOX_ROUTES) as (keyof BallotBoxRoutes)[]) {
    out[k] = (input) => {
      const role = get();
      if (!role) return netFail('ELECTION_CLOSED', 'this ballot box has no election on its ledger yet');
      return (role.handlers[k] as unknown as Handler<AnyRoute>)(input);
    };
  }
  return out as unknown as Handlers<BallotBoxRoutes>;
}

/** The ballot-box role, mounted when the final ledger defines an election naming this node as a box. */
export function lateBox(o: LateBoxOptions): LateBox {
  let role: BallotBoxRole | undefined;
  let mounting: Promise<void> | undefined;
  let stopped = false;
  let off: (() => void) | undefined;
  const final = (): ElectionLedgerState => o.node.chain.ledger.lastFinal().state;

  async function mount(): Promise<void> {
    const s = final();
    const setup = s.setup;
    if (!setup || role || stopped) return;
    if (!setup.definition.boxes.some((b) => b.key === o.identity.publicKey)) {
      o.logger.warn(
        { key: o.identity.publicKey },
        'this node is not an allow-listed ballot box of the election',
      );
      return;
    }
    const m = await mountBallotBox({
      election: setup.definition,
      electionKey: () => {
        const f = final();
        return f.setup ? ceremonyAt(f, f.setup, Date.now()).key?.publicKey : undefined;
      },
      identity: o.identity,
      ed: o.env.ed,
      // The node's own connection: a second SQLite connection (the box's writer thread) would contend
      // with the ledger's writes for the file lock.
      database: { db: o.store.db, dialect: o.store.dialect },
      eligibility: eligibilityView(setup.eligibility, () => final().eligibility),
      ledger: nodeLedgerPort(o.node),
      now: Date.now,
      logger: o.logger,
      workers: o.workers ?? 0,
      ...(o.faults ? { faults: o.faults } : {}),
      // Seed the rules' cast cache: the mempool, miner and validator of this node skip the proofs.
      onChecked: (checked: CheckedCast<unknown>) => {
        const f = final();
        const key = f.setup ? ceremonyAt(f, f.setup, Date.now()).key : undefined;
        if (key) o.env.cache?.set(key.id, checked.tracker, ok(checked));
      },
    });
    if (stopped) return;
    await m.box.start();
    role = m;
    o.logger.info({ election: setup.definition.id }, 'ballot box mounted');
  }

  const tryMount = (): void => {
    if (role || mounting || !final().setup) return;
    mounting = mount()
      .catch((e: unknown) => o.logger.error({ err: (e as Error).message }, 'cannot mount the ballot box'))
      .finally(() => {
        mounting = undefined;
      });
  };

  return {
    handlers: lateHandlers(() => role),
    mounted: () => role,
    async start() {
      off = o.node.chain.events.on('final', tryMount);
      tryMount();
    },
    async stop() {
      stopped = true;
      off?.();
      await mounting;
      await role?.box.stop();
    },
  };
}
