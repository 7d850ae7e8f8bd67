/**
 * Runner-profile chains: genesis decoding, block checks, and fork choice over a set of blocks
 * (the longest valid chain from the genesis wins; among equally long ones, the lowest tip id).
 */
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import type { ModpGroup } from '../../crypto/group/modp/index.js';
import type { ModPowEngine } from '../../crypto/modarith.js';
import { ok } from '../../crypto/result.js';
import { type Block, checkPow, type IdentifiedBlock, identifyBlock } from '../block.js';
import { type LedgerFailure, type LedgerResult, lfail } from '../errors.js';
import { decodeRunnerGenesisContent, type RunnerGenesis, runnerGroup } from './genesis.js';
import { applyRunnerBlock, initialRunnerState, type RunnerState } from './state.js';

/** Largest runner block accepted, in bytes of canonical JSON. */
export const RUNNER_MAX_BLOCK_BYTES = 64 * 1024;

/** A decoded runner genesis with its group. */
export interface RunnerContext {
  readonly genesis: RunnerGenesis;
  readonly block: Block;
  readonly G: ModpGroup;
}

/** Decodes a runner genesis block: envelope, `parent_id = ""`, content rules, its own proof of work. */
export function decodeRunnerGenesis(v: unknown, engine?: ModPowEngine): LedgerResult<RunnerContext> {
  const b = identifyBlock(v, RUNNER_MAX_BLOCK_BYTES);
  if (!b.ok) return b;
  const { id, block } = b.value;
  if (block.parent_id !== '') return lfail('GENESIS_INVALID', 'the genesis has parent_id ""');
  const g = decodeRunnerGenesisContent(id, block.content);
  if (!g.ok) return g;
  const pow = checkPow(id, g.value.hardness);
  if (!pow.ok) return pow;
  return ok({ genesis: g.value, block, G: runnerGroup(g.value, engine) });
}

/** Checks one block on top of a parent with a known state. */
export function checkRunnerBlock(
  ctx: RunnerContext,
  parent: { readonly id: string; readonly state: RunnerState },
  b: IdentifiedBlock,
): LedgerResult<RunnerState> {
  // 1. Parent link, 2. proof of work, 3. content for the phase (with its proof).
  if (b.block.parent_id !== parent.id)
    return lfail('BLOCK_PARENT_UNKNOWN', 'parent_id is not the given parent');
  const pow = checkPow(b.id, ctx.genesis.hardness);
  if (!pow.ok) return pow;
  return applyRunnerBlock(ctx.G, ctx.genesis, parent.state, b.block.content);
}

/** A block of the chosen chain. */
export interface RunnerChainEntry {
  readonly id: string;
  readonly block: Block;
  readonly state: RunnerState;
}

/** The outcome of fork choice over a set of blocks. */
export interface RunnerChoice {
  /** The chosen chain, genesis first. */
  readonly chain: readonly RunnerChainEntry[];
  /** Blocks that failed a check (their descendants are not examined). */
  readonly invalid: readonly { readonly id: string; readonly failure: LedgerFailure }[];
  /** Blocks whose parent is not among the blocks (and not the genesis). */
  readonly orphans: readonly string[];
}

/**
 * Fork choice: from the genesis, follows every valid branch among `blocks` and returns the longest valid
 * chain (ties: lowest tip id). Malformed or invalid blocks are listed, never thrown on.
 */
export function chooseRunnerChain(ctx: RunnerContext, blocks: readonly JsonValue[]): RunnerChoice {
  const invalid: { id: string; failure: LedgerFailure }[] = [];
  const byParent = new Map<string, IdentifiedBlock[]>();
  const seen = new Set<string>();
  for (const v of blocks) {
    const b = identifyBlock(v, RUNNER_MAX_BLOCK_BYTES);
    if (!b.ok) {
      invalid.push({ id: '', failure: b });
      continue;
    }
    if (seen.has(b.value.id) || b.value.block.parent_id === '') continue;
    seen.add(b.value.id);
    const list = byParent.get(b.value.block.parent_id) ?? [];
    list.push(b.value);
    byParent.set(b.value.block.parent_id, list);
  }
  // Depth-first walk; each visited entry points to its parent so paths are never copied.
  interface Visit {
    readonly entry: RunnerChainEntry;
    readonly parent: Visit | undefined;
    readonly length: number;
  }
  let best: Visit = {
    entry: { id: ctx.genesis.id, block: ctx.block, state: initialRunnerState() },
    parent: undefined,
    length: 1,
  };
  const reached = new Set<string>([ctx.genesis.id]);
  const stack: Visit[] = [best];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v.length > best.length || (v.length === best.length && v.entry.id < best.entry.id)) best = v;
    for (const c of byParent.get(v.entry.id) ?? []) {
      reached.add(c.id);
      const s = checkRunnerBlock(ctx, v.entry, c);
      if (!s.ok) invalid.push({ id: c.id, failure: s });
      else
        stack.push({ entry: { id: c.id, block: c.block, state: s.value }, parent: v, length: v.length + 1 });
    }
  }
  const chain: RunnerChainEntry[] = [];
  for (let v: Visit | undefined = best; v; v = v.parent) chain.push(v.entry);
  chain.reverse();
  const orphans = [...seen].filter((id) => !reached.has(id));
  return { chain, invalid, orphans };
}
