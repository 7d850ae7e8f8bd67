/**
 * An incremental runner-profile ledger: keeps every valid block with the state it establishes, persists
 * blocks through the injected store before they count, and follows the longest valid chain (ties: lowest
 * tip id). Each block is checked once, against its own parent's state.
 */
import { canonicalJson, parseJson } from '../../crypto/encoding/canonical-json.js';
import type { ModPowEngine } from '../../crypto/modarith.js';
import { ok } from '../../crypto/result.js';
import { type Block, blockJson, identifyBlock } from '../block.js';
import { type LedgerResult, lfail, lwithin } from '../errors.js';
import type { LedgerStore } from '../store.js';
import {
  checkRunnerBlock,
  decodeRunnerGenesis,
  RUNNER_MAX_BLOCK_BYTES,
  type RunnerContext,
} from './chain.js';
import { initialRunnerState, type RunnerState } from './state.js';

/** A block of the runner tree. */
export interface RunnerNode {
  readonly id: string;
  readonly block: Block;
  readonly parent: RunnerNode | undefined;
  readonly state: RunnerState;
}

/** Outcome of adding a block. */
export interface RunnerBlockAdded {
  readonly id: string;
  readonly height: number;
  readonly status: 'added' | 'known';
  /** True when the block became the head. */
  readonly isHead: boolean;
}

/** A runner ledger over a store. */
export class RunnerLedger {
  private readonly nodes = new Map<string, RunnerNode>();
  private headNode: RunnerNode;
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly ctx: RunnerContext,
    private readonly store: LedgerStore,
  ) {
    const root: RunnerNode = {
      id: ctx.genesis.id,
      block: ctx.block,
      parent: undefined,
      state: initialRunnerState(),
    };
    this.nodes.set(root.id, root);
    this.headNode = root;
  }

  /** Opens a ledger: stores the genesis into an empty store, otherwise replays and re-checks the store. */
  static async open(
    store: LedgerStore,
    opts: { readonly genesis?: unknown; readonly engine?: ModPowEngine } = {},
  ): Promise<LedgerResult<RunnerLedger>> {
    const stored = await store.allBlocks();
    const parsed = stored.map((s) => parseJson(s.json));
    const first = stored.length > 0 ? (parsed[0]!.ok ? parsed[0]!.value : undefined) : opts.genesis;
    if (first === undefined) return lfail('GENESIS_INVALID', 'the store is empty and no genesis was given');
    const ctx = decodeRunnerGenesis(first, opts.engine);
    if (!ctx.ok) return ctx;
    if (opts.genesis !== undefined) {
      const given = decodeRunnerGenesis(opts.genesis, opts.engine);
      if (!given.ok) return given;
      if (given.value.genesis.id !== ctx.value.genesis.id)
        return lfail('GENESIS_MISMATCH', 'the store holds another ledger than the given genesis');
    }
    const ledger = new RunnerLedger(ctx.value, store);
    if (stored.length === 0)
      await store.putBlock({
        id: ctx.value.genesis.id,
        height: 0,
        parent_id: '',
        json: canonicalJson(blockJson(ctx.value.block)),
        txs: [],
      });
    for (let i = 1; i < stored.length; i++) {
      const p = parsed[i]!;
      const c = p.ok ? ledger.check(p.value) : lfail('BLOCK_INVALID', p.message);
      if (!c.ok) return lwithin(`stored block ${stored[i]!.id}`, c);
      if (c.value !== 'known') ledger.insert(c.value);
    }
    return ok(ledger);
  }

  /** The head of the longest valid chain. */
  head(): RunnerNode {
    return this.headNode;
  }

  /** A known block. */
  get(id: string): RunnerNode | undefined {
    return this.nodes.get(id);
  }

  /** The chain from the genesis to the head. */
  chain(): RunnerNode[] {
    const out: RunnerNode[] = [];
    for (let n: RunnerNode | undefined = this.headNode; n; n = n.parent) out.push(n);
    return out.reverse();
  }

  /** Every known block, parents before children (for `GET /blockchain/blocks/get.json`). */
  blocks(): Block[] {
    return [...this.nodes.values()].map((n) => n.block);
  }

  /** Checks a block from a peer, stores it durably, and adds it. */
  addBlock(v: unknown): Promise<LedgerResult<RunnerBlockAdded>> {
    const run = this.queue.then(async (): Promise<LedgerResult<RunnerBlockAdded>> => {
      const c = this.check(v);
      if (!c.ok) return c;
      if (c.value === 'known') {
        const id = identifyBlock(v, RUNNER_MAX_BLOCK_BYTES);
        const n = id.ok ? this.nodes.get(id.value.id)! : this.headNode;
        return ok({ id: n.id, height: n.state.height, status: 'known', isHead: n === this.headNode });
      }
      const { id, block, state } = c.value;
      await this.store.putBlock({
        id,
        height: state.height,
        parent_id: block.parent_id,
        json: canonicalJson(blockJson(block)),
        txs: [],
      });
      const n = this.insert(c.value);
      return ok({ id, height: state.height, status: 'added', isHead: n === this.headNode });
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private check(
    v: unknown,
  ): LedgerResult<'known' | { id: string; block: Block; parent: RunnerNode; state: RunnerState }> {
    const ib = identifyBlock(v, RUNNER_MAX_BLOCK_BYTES);
    if (!ib.ok) return ib;
    if (this.nodes.has(ib.value.id)) return ok('known');
    const parent = this.nodes.get(ib.value.block.parent_id);
    if (!parent)
      return lfail('BLOCK_PARENT_UNKNOWN', `parent ${ib.value.block.parent_id || '""'} is not known`);
    const s = checkRunnerBlock(this.ctx, parent, ib.value);
    if (!s.ok) return s;
    return ok({ id: ib.value.id, block: ib.value.block, parent, state: s.value });
  }

  private insert(c: { id: string; block: Block; parent: RunnerNode; state: RunnerState }): RunnerNode {
    const n: RunnerNode = { id: c.id, block: c.block, parent: c.parent, state: c.state };
    this.nodes.set(n.id, n);
    const h = this.headNode.state.height;
    if (n.state.height > h || (n.state.height === h && n.id < this.headNode.id)) this.headNode = n;
    return n;
  }
}
