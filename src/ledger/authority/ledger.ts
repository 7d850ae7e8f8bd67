/**
 * The authority ledger engine: keeps the block tree, checks incoming blocks and approvals, persists them
 * through the injected {@link LedgerStore} before they count, and answers head / finality questions.
 * It does no I/O of its own; every input from peers returns a typed result.
 */
import { canonicalJson, parseJson } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { type Block, blockJson, identifyBlock } from '../block.js';
import { type LedgerErrorCode, type LedgerFailure, type LedgerResult, lfail, lwithin } from '../errors.js';
import type { LedgerStore, StoredApproval, StoredBlock } from '../store.js';
import { type Approval, approvalText, checkApprovalSignature, decodeApproval } from './approval.js';
import {
  type BlockCheckEnv,
  type BlockCheckStep,
  type CheckedBlock,
  checkAuthorityBlock,
} from './block-check.js';
import { type AuthorityGenesis, decodeAuthorityGenesis } from './genesis.js';
import type { TxRegistry } from './registry.js';
import { BlockTree, type TreeNode } from './tree.js';
import type { VerifiedTx } from './tx-check.js';

/** What the engine needs besides the store. */
export interface LedgerOptions<S> {
  readonly registry: TxRegistry<S>;
  readonly ed: Ed25519;
  /** Clock in milliseconds since the epoch. */
  readonly now: () => number;
  /** The genesis block (JSON); required when the store is empty, checked against the store otherwise. */
  readonly genesis?: unknown;
  /** Transactions this node already checked (e.g. pending in its mempool): not verified again in blocks. */
  readonly verifiedTx?: VerifiedTx;
}

/** What {@link AuthorityLedger.explain} finds. */
export interface BlockExplained {
  /** Every check run, in order; the list ends at the first failure. */
  readonly steps: readonly BlockCheckStep[];
  /** The profile's rule checks (from `miner` on), when they all passed: reusable for the same block. */
  readonly rules?: readonly BlockCheckStep[];
}

/** One block with its verdicts, as served by a peer or read from an export. */
export interface BlockEntry {
  readonly block: unknown;
  readonly approvals: readonly unknown[];
}

/** Options of {@link AuthorityLedger.addBlocks}. */
export interface BatchOptions {
  /**
   * Ids of transactions ({@link txId}) and approvals ({@link approvalId}) whose signatures were already
   * verified (e.g. on worker threads): every other check still runs; an id it does not confirm is verified
   * here as usual.
   */
  readonly signatureOk?: VerifiedTx;
}

/** Outcome of adding a batch of blocks. */
export interface BatchAdded {
  /** Blocks and approvals that were new. */
  readonly blocks: number;
  readonly approvals: number;
  /** Ids of the new blocks, in order. */
  readonly added: readonly string[];
  /** The first entry that failed its checks; everything before it was stored. */
  readonly failure?: { readonly index: number; readonly code: LedgerErrorCode; readonly message: string };
}

/** Outcome of adding a block. */
export interface BlockAdded {
  readonly id: string;
  readonly height: number;
  /** `known` when the block was already in the ledger. */
  readonly status: 'added' | 'known';
}

/** Outcome of adding an approval. */
export interface ApprovalAdded {
  readonly block_id: string;
  /** `orphan`: kept until its block arrives. */
  readonly status: 'added' | 'known' | 'orphan';
  /** True when this approval made the block final. */
  readonly madeFinal: boolean;
}

/** An authority ledger over a store. */
export class AuthorityLedger<S> {
  private readonly orphans = new Map<string, Approval[]>();

  private constructor(
    readonly genesis: AuthorityGenesis,
    readonly tree: BlockTree<S>,
    private readonly store: LedgerStore,
    private readonly opts: LedgerOptions<S>,
  ) {}

  /**
   * Opens a ledger: stores the genesis if the store is empty, otherwise replays and re-checks every stored
   * block and approval (a store that does not replay cleanly is reported, not trusted).
   */
  static async open<S>(
    store: LedgerStore,
    opts: LedgerOptions<S>,
  ): Promise<LedgerResult<AuthorityLedger<S>>> {
    const stored = await store.allBlocks();
    const gJson = stored.length > 0 ? parseStored(stored[0]!.json) : opts.genesis;
    if (gJson === undefined) return lfail('GENESIS_INVALID', 'the store is empty and no genesis was given');
    const g = decodeAuthorityGenesis(gJson);
    if (!g.ok) return g;
    const { genesis, block } = g.value;
    if (opts.genesis !== undefined) {
      const given = decodeAuthorityGenesis(opts.genesis);
      if (!given.ok) return given;
      if (given.value.genesis.id !== genesis.id)
        return lfail('GENESIS_MISMATCH', 'the store holds another ledger than the given genesis');
    }
    const tree = new BlockTree<S>(
      { id: genesis.id, block, time: genesis.time, state: opts.registry.initial(genesis) },
      genesis.quorum,
    );
    const ledger = new AuthorityLedger(genesis, tree, store, opts);
    if (stored.length === 0)
      await store.putBlock({
        id: genesis.id,
        height: 0,
        parent_id: '',
        json: canonicalJson(blockJson(block)),
        txs: [],
      });
    for (const s of stored.slice(1)) {
      const c = ledger.checkBlock(parseStored(s.json), Number.MAX_SAFE_INTEGER);
      if (!c.ok) return lwithin(`stored block ${s.id}`, c);
      if (c.value.kind === 'new') ledger.insert(c.value);
    }
    for (const a of await store.allApprovals()) {
      const c = ledger.checkApproval(parseStored(a.json));
      if (!c.ok) return lwithin(`stored approval of ${a.block_id}`, c);
      if (c.value.status === 'new') ledger.applyApproval(c.value.approval);
    }
    return ok(ledger);
  }

  /** The head chosen by fork choice. */
  head(): TreeNode<S> {
    return this.tree.head();
  }

  /** The highest final block. */
  lastFinal(): TreeNode<S> {
    return this.tree.lastFinal;
  }

  /** A known block. */
  get(id: string): TreeNode<S> | undefined {
    return this.tree.get(id);
  }

  /** The main chain, genesis first. */
  mainChain(): TreeNode<S>[] {
    return this.tree.chain(this.head());
  }

  /**
   * Checks a block from any source, stores it durably, then adds it to the tree. With `signatureOk`, the
   * signatures of the transactions whose ids it confirms are not verified again (every other check runs).
   */
  addBlock(v: unknown, signatureOk?: VerifiedTx): Promise<LedgerResult<BlockAdded>> {
    return this.serial(async () => {
      const c = this.checkBlock(v, this.opts.now(), signatureOk);
      if (!c.ok) return c;
      if (c.value.kind === 'known') return ok(c.value.added);
      await this.store.putBlock(storedBlock(c.value));
      const node = this.insert(c.value);
      const orphans = this.orphans.get(node.id) ?? [];
      this.orphans.delete(node.id);
      for (const a of orphans) this.applyApproval(a);
      return ok({ id: node.id, height: node.height, status: 'added' });
    });
  }

  /** Checks an approval, stores it durably, then counts it. */
  addApproval(v: unknown): Promise<LedgerResult<ApprovalAdded>> {
    return this.serial(async () => {
      const c = this.checkApproval(v);
      if (!c.ok) return c;
      if (c.value.status === 'known')
        return ok({ block_id: c.value.block_id, status: 'known', madeFinal: false });
      const a = c.value.approval;
      await this.store.putApproval(storedApproval(a));
      return ok(this.applyApproval(a));
    });
  }

  /**
   * Checks and adds blocks with their approvals in order (each block's parent must be known or earlier in
   * the list) and stores all of them in one database transaction. Stops at the first entry that fails;
   * the entries before it are kept. Used by sync: one commit per batch instead of one per block.
   *
   * The tree is updated before the single write; if the write itself throws (a database failure, not bad
   * input) the in-memory tree is ahead of the store and the node must stop (a restart replays the store).
   */
  addBlocks(entries: readonly BlockEntry[], opts: BatchOptions = {}): Promise<BatchAdded> {
    return this.serial(async () => {
      const now = this.opts.now();
      const blocks: StoredBlock[] = [];
      const approvals: StoredApproval[] = [];
      const added: string[] = [];
      let failure: BatchAdded['failure'];
      const stop = (index: number, f: LedgerFailure) => {
        failure = { index, code: f.code, message: f.message };
      };
      for (let i = 0; i < entries.length && !failure; i++) {
        // 1. The block (a known block is fine: its approvals may still be new).
        const c = this.checkBlock(entries[i]!.block, now, opts.signatureOk);
        if (!c.ok) {
          stop(i, c);
          break;
        }
        if (c.value.kind === 'new') {
          blocks.push(storedBlock(c.value));
          const node = this.insert(c.value);
          added.push(node.id);
          const orphans = this.orphans.get(node.id) ?? [];
          this.orphans.delete(node.id);
          for (const a of orphans) this.applyApproval(a);
        }
        // 2. Its approvals, each fully checked.
        for (const v of entries[i]!.approvals) {
          const a = this.checkApproval(v, opts.signatureOk);
          if (!a.ok) {
            stop(i, a);
            break;
          }
          if (a.value.status === 'known') continue;
          const r = this.applyApproval(a.value.approval);
          if (r.status !== 'known') approvals.push(storedApproval(a.value.approval));
        }
      }
      if (blocks.length > 0 || approvals.length > 0) await this.store.writeBatch({ blocks, approvals });
      return { blocks: blocks.length, approvals: approvals.length, added, ...(failure ? { failure } : {}) };
    });
  }

  /** Runs mutations one at a time, so a check and its write are never interleaved with another's. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
  private queue: Promise<void> = Promise.resolve();

  /** The checks of a block; changes nothing. */
  private checkBlock(
    v: unknown,
    now: number,
    signatureOk?: VerifiedTx,
  ): LedgerResult<NewBlock<S> | KnownBlock> {
    // 1. Envelope, id, size.
    const ib = identifyBlock(v, this.genesis.limits.blockBytes);
    if (!ib.ok) return ib;
    const { id, block } = ib.value;
    const known = this.tree.get(id);
    if (known) return ok({ kind: 'known', added: { id, height: known.height, status: 'known' } });
    // 2. The parent must be known and must not conflict with finality.
    const parent = this.tree.get(block.parent_id);
    if (!parent) return lfail('BLOCK_PARENT_UNKNOWN', `parent ${block.parent_id || '""'} is not known`);
    if (!this.tree.descendsFromFinal(parent))
      return lfail('BLOCK_CONFLICTS_FINAL', 'the block does not descend from the last final block');
    // 3. The profile's rules.
    const c = checkAuthorityBlock(ib.value, parent, this.checkEnv(parent, now, signatureOk));
    if (!c.ok) return c;
    return ok({ kind: 'new', id, text: ib.value.text, block, parent, checked: c.value });
  }

  private checkEnv(parent: TreeNode<S>, now: number, signatureOk?: VerifiedTx): BlockCheckEnv<S> {
    return {
      genesis: this.genesis,
      registry: this.opts.registry,
      ed: this.opts.ed,
      now,
      onChain: (t) => this.tree.onChain(t, parent),
      ...(this.opts.verifiedTx ? { verified: this.opts.verifiedTx } : {}),
      ...(signatureOk ? { signatureOk } : {}),
    };
  }

  /**
   * Every check {@link addBlock} runs on a block, in order, with its outcome: envelope, parent known,
   * descent from the last final block, then the profile's rules ({@link checkAuthorityBlock}). The list
   * ends at the first failing check. A known block is checked against its parent again. Changes nothing.
   *
   * The rule checks depend only on the block and its parent: `rules` from an earlier answer for the same
   * block are reused instead of being run again (transaction checks can be costly); the checks of the
   * block's place in the tree are always run.
   */
  explain(v: unknown, rules?: readonly BlockCheckStep[]): BlockExplained {
    const steps: BlockCheckStep[] = [];
    const failed = (name: string, f: LedgerFailure): BlockExplained => {
      steps.push({ name, ok: false, message: `${f.code}: ${f.message}` });
      return { steps };
    };
    const ib = identifyBlock(v, this.genesis.limits.blockBytes);
    if (!ib.ok) return failed('envelope', ib);
    steps.push({ name: 'envelope', ok: true, message: `block ${ib.value.id}` });
    const parentId = ib.value.block.parent_id;
    const parent = this.tree.get(parentId);
    if (!parent)
      return failed('parent_known', lfail('BLOCK_PARENT_UNKNOWN', `parent ${parentId || '""'} is not known`));
    steps.push({ name: 'parent_known', ok: true, message: `parent at height ${parent.height}` });
    // A known block must itself still descend from the last final block ({@link validate}).
    const known = this.tree.get(ib.value.id);
    if (!this.tree.descendsFromFinal(known ?? parent))
      return failed(
        'final',
        lfail(
          'BLOCK_CONFLICTS_FINAL',
          known?.status === 'final'
            ? `the block is final already, below the last final block at height ${this.tree.lastFinal.height}`
            : 'the block does not descend from the last final block',
        ),
      );
    steps.push({ name: 'final', ok: true, message: `descends from final block ${this.tree.lastFinal.id}` });
    let ran = rules;
    if (!ran) {
      const traced: BlockCheckStep[] = [];
      checkAuthorityBlock(ib.value, parent, {
        ...this.checkEnv(parent, this.opts.now()),
        trace: (s) => traced.push(s),
      });
      ran = traced;
    }
    steps.push(...ran);
    return ran.every((s) => s.ok) ? { steps, rules: ran } : { steps };
  }

  /**
   * Checks a block against the current tree without adding it (what a validator calls before signing).
   * A known block is checked against its own parent again.
   */
  validate(v: unknown): LedgerResult<{ id: string; height: number }> {
    const ib = identifyBlock(v, this.genesis.limits.blockBytes);
    if (!ib.ok) return ib;
    const known = this.tree.get(ib.value.id);
    if (known) {
      if (!known.parent) return lfail('BLOCK_INVALID', 'the genesis is not validated');
      if (!this.tree.descendsFromFinal(known))
        return lfail('BLOCK_CONFLICTS_FINAL', 'the block does not descend from the last final block');
      return ok({ id: known.id, height: known.height });
    }
    const c = this.checkBlock(v, this.opts.now());
    if (!c.ok) return c;
    return ok(c.value.kind === 'known' ? c.value.added : { id: c.value.id, height: c.value.checked.height });
  }

  private insert(n: NewBlock<S>): TreeNode<S> {
    const { id, block, parent, checked } = n;
    const { height, time, txs, txIds, state } = checked;
    return this.tree.add({ id, block, height, time, txs, txIds, state }, parent);
  }

  /** The checks of an approval; changes nothing. */
  private checkApproval(
    v: unknown,
    signatureOk?: VerifiedTx,
  ): LedgerResult<{ status: 'known' | 'new'; approval: Approval; block_id: string; madeFinal: false }> {
    // 1. Shape, signer in the validator set, signature.
    const d = decodeApproval(v);
    if (!d.ok) return d;
    const a = d.value;
    const s = checkApprovalSignature(this.opts.ed, this.genesis, a, signatureOk);
    if (!s.ok) return s;
    const p = this.checkPlacement(a);
    if (!p.ok) return p;
    return ok({ status: p.value, approval: a, block_id: a.block_id, madeFinal: false as const });
  }

  /** Checks of a signed approval against the tree (steps 2–5); no signature is verified here. */
  private checkPlacement(a: Approval): LedgerResult<'known' | 'new'> {
    // 2. Unknown block: accepted, kept until the block arrives.
    const n = this.tree.get(a.block_id);
    if (!n) return ok(this.orphans.get(a.block_id)?.some((x) => x.sig === a.sig) ? 'known' : 'new');
    // 3. The height must be the block's.
    if (a.height !== n.height)
      return lfail('APPROVAL_INVALID', `height is ${a.height}, the block is at ${n.height}`);
    // 4. One verdict per validator and block.
    const prev = n.approvals.get(a.validator);
    if (prev) {
      if (prev.sig === a.sig) return ok('known');
      return lfail('APPROVAL_CONFLICT', `validator ${a.validator} already gave a verdict on this block`);
    }
    // 5. No approval of two blocks at one height.
    if (a.verdict === 'approve')
      for (const other of this.siblingsAt(n))
        if (other.approvals.get(a.validator)?.verdict === 'approve')
          return lfail(
            'APPROVAL_CONFLICT',
            `validator ${a.validator} already approved block ${other.id} at height ${n.height}`,
          );
    return ok('new');
  }

  /** Counts an approval whose signature was checked (or keeps it as an orphan). */
  private applyApproval(a: Approval): ApprovalAdded {
    const n = this.tree.get(a.block_id);
    if (!n) {
      const list = this.orphans.get(a.block_id) ?? [];
      list.push(a);
      this.orphans.set(a.block_id, list);
      return { block_id: a.block_id, status: 'orphan', madeFinal: false };
    }
    // Orphans replayed on arrival are placed again (height, conflicts) before they count.
    const c = this.checkPlacement(a);
    if (!c.ok || c.value === 'known') return { block_id: n.id, status: 'known', madeFinal: false };
    const wasFinal = n.status === 'final';
    this.tree.addVerdict(n, a);
    return { block_id: n.id, status: 'added', madeFinal: !wasFinal && n.status === 'final' };
  }

  private siblingsAt(n: TreeNode<S>): TreeNode<S>[] {
    return this.tree.atHeight(n.height).filter((x) => x.id !== n.id);
  }
}

interface KnownBlock {
  readonly kind: 'known';
  readonly added: BlockAdded;
}

interface NewBlock<S> {
  readonly kind: 'new';
  readonly id: string;
  /** The block's canonical JSON (as hashed and stored). */
  readonly text: string;
  readonly block: Block;
  readonly parent: TreeNode<S>;
  readonly checked: CheckedBlock<S>;
}

/** Stored JSON is our own canonical output; it is parsed exactly (big integers kept). */
function parseStored(json: string): unknown {
  const r = parseJson(json);
  return r.ok ? r.value : undefined;
}

function storedBlock<S>(n: NewBlock<S>): StoredBlock {
  const { checked } = n;
  return {
    id: n.id,
    height: checked.height,
    parent_id: n.block.parent_id,
    json: n.text,
    txs: checked.txs.map((t, index) => ({
      id: checked.txIds[index]!,
      type: t.type,
      author: t.author,
      index,
    })),
  };
}

function storedApproval(a: Approval): StoredApproval {
  return {
    block_id: a.block_id,
    height: a.height,
    validator: a.validator,
    verdict: a.verdict,
    json: approvalText(a),
  };
}
