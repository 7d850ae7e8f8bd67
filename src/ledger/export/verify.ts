/**
 * Offline verification of an exported ledger. Pure: it reads an iterable of lines and re-checks hash
 * links, proofs of work, the profile's block rules (transaction signatures and, given the election's
 * registry, every transaction rule; runner proofs), approvals (signatures, validator set, one verdict per
 * validator) and finality. It stops at the first bad line and names it.
 */
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import type { ModPowEngine } from '../../crypto/modarith.js';
import { OK } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { type Approval, checkApprovalSignature, decodeApproval } from '../authority/approval.js';
import { checkAuthorityBlock } from '../authority/block-check.js';
import { blockStatus } from '../authority/finality.js';
import { type AuthorityGenesis, decodeAuthorityGenesis } from '../authority/genesis.js';
import type { TxRegistry, TxRule } from '../authority/registry.js';
import { identifyBlock } from '../block.js';
import { type LedgerErrorCode, type LedgerFailure, type LedgerResult, lfail } from '../errors.js';
import { checkRunnerBlock, decodeRunnerGenesis, RUNNER_MAX_BLOCK_BYTES } from '../runner/chain.js';
import { initialRunnerState, type RunnerState, runnerTally } from '../runner/state.js';
import { decodeEntry, decodeHeader, type Profile } from './format.js';

/** What a successful verification found. */
export interface VerifiedLedger {
  readonly ok: true;
  readonly profile: Profile;
  readonly genesis: string;
  /** Number of blocks, genesis included. */
  readonly blocks: number;
  readonly head: string;
  /** Authority: height of the last final block. Runner: height of the head (longest-chain rule). */
  readonly finalHeight: number;
  /** Runner: the election result once every decryption factor is on the chain. */
  readonly tally?: number;
  /** Authority: false when no registry was given, so only envelopes and signatures of transactions were checked. */
  readonly rulesChecked: boolean;
}

/** Where verification failed: the first bad line, its block and why. */
export interface VerifyFailure extends LedgerFailure {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly height?: number;
  readonly blockId?: string;
}

/** Options of the verifier. */
export interface VerifyOptions<S> {
  readonly ed: Ed25519;
  /** The election's transaction rules; without it, transactions are checked for shape and signature only. */
  readonly registry?: TxRegistry<S>;
  /** Clock for the "not too far in the future" rule; skipped when absent. */
  readonly now?: number;
  /** Exponentiation engine for runner proofs. */
  readonly engine?: ModPowEngine;
}

const permissiveRule: TxRule<null> = {
  type: '*',
  checkBody: () => OK,
  allowed: () => OK,
  apply: () => null,
};
const permissive: TxRegistry<null> = { initial: () => null, rule: () => permissiveRule };

function failAt(
  line: number,
  f: LedgerFailure | { code: LedgerErrorCode; message: string },
  height?: number,
  blockId?: string,
): VerifyFailure {
  return {
    ok: false,
    code: f.code,
    message: f.message,
    line,
    ...(height !== undefined ? { height } : {}),
    ...(blockId ? { blockId } : {}),
  };
}

/** Verifies an export given as lines (trailing empty lines are ignored). */
export function verifyExport<S>(
  lines: Iterable<string>,
  opts: VerifyOptions<S>,
): VerifiedLedger | VerifyFailure {
  const it = lines[Symbol.iterator]();
  const first = it.next();
  if (first.done) return failAt(1, lfail('EXPORT_INVALID', 'the file is empty'));
  const header = decodeHeader(first.value);
  if (!header.ok) return failAt(1, header);
  const rest: Iterator<string> = {
    next: () => {
      for (;;) {
        const n = it.next();
        if (n.done || n.value.trim() !== '') return n;
      }
    },
  };
  return header.value.profile === 'authority'
    ? verifyAuthority(header.value.genesis, header.value.blocks, rest, opts)
    : verifyRunner(header.value.genesis, header.value.blocks, rest, opts);
}

function readEntries(
  it: Iterator<string>,
): Iterable<{ line: number; entry: LedgerResult<{ block: JsonValue; approvals: readonly JsonValue[] }> }> {
  return {
    *[Symbol.iterator]() {
      let line = 1;
      for (let n = it.next(); !n.done; n = it.next()) yield { line: ++line, entry: decodeEntry(n.value) };
    },
  };
}

function verifyAuthority<S>(
  genesisId: string,
  count: number,
  it: Iterator<string>,
  opts: VerifyOptions<S>,
): VerifiedLedger | VerifyFailure {
  const registry = (opts.registry ?? permissive) as TxRegistry<unknown>;
  let parent: { id: string; height: number; time: number; state: unknown; final: boolean } | undefined;
  let gen: AuthorityGenesis | undefined;
  let finalHeight = 0;
  const onChain = new Set<string>();
  let seen = 0;
  let lastLine = 1;
  for (const { line, entry } of readEntries(it)) {
    lastLine = line;
    seen++;
    if (!entry.ok) return failAt(line, entry);
    const { block, approvals } = entry.value;
    if (!parent || !gen) {
      // The genesis: its own rules, and the id the header announced.
      const genesis = decodeAuthorityGenesis(block);
      if (!genesis.ok) return failAt(line, genesis, 0);
      const g = genesis.value.genesis;
      gen = g;
      if (g.id !== genesisId)
        return failAt(
          line,
          lfail('GENESIS_MISMATCH', 'the genesis is not the one the header names'),
          0,
          g.id,
        );
      if (approvals.length > 0)
        return failAt(line, lfail('EXPORT_INVALID', 'the genesis carries no approvals'), 0, g.id);
      parent = { id: g.id, height: 0, time: g.time, state: registry.initial(g), final: true };
      continue;
    }
    const g = gen;
    // 1. Envelope, size, hash link.
    const ib = identifyBlock(block, g.limits.blockBytes);
    if (!ib.ok) return failAt(line, ib, parent.height + 1);
    const { id } = ib.value;
    const at = (f: LedgerFailure) => failAt(line, f, parent!.height + 1, id);
    if (ib.value.block.parent_id !== parent.id)
      return at(lfail('BLOCK_LINK_INVALID', 'parent_id is not the id of the previous block'));
    // 2. Proof of work, height, time, transactions.
    const c = checkAuthorityBlock(ib.value, parent, {
      genesis: g,
      registry,
      ed: opts.ed,
      now: opts.now ?? Number.MAX_SAFE_INTEGER,
      onChain: (t) => onChain.has(t),
    });
    if (!c.ok) return at(c);
    for (const t of c.value.txIds) onChain.add(t);
    // 3. Approvals: shape, signer, signature, this block, one verdict per validator.
    const verdicts = new Map<string, Approval>();
    for (let i = 0; i < approvals.length; i++) {
      const a = decodeApproval(approvals[i]);
      if (!a.ok) return at(a);
      const s = checkApprovalSignature(opts.ed, g, a.value);
      if (!s.ok) return at(s);
      if (a.value.block_id !== id || a.value.height !== c.value.height)
        return at(lfail('APPROVAL_INVALID', `approvals[${i}] is for another block or height`));
      if (verdicts.has(a.value.validator))
        return at(lfail('APPROVAL_CONFLICT', `approvals[${i}]: a second verdict by one validator`));
      verdicts.set(a.value.validator, a.value);
    }
    // 4. Finality.
    let approve = 0;
    for (const a of verdicts.values()) if (a.verdict === 'approve') approve++;
    const status = blockStatus({ approve, reject: verdicts.size - approve }, g.quorum, parent.final);
    if (status === 'rejected')
      return at(lfail('BLOCK_REJECTED', 'a quorum of validators rejected this block'));
    if (status === 'final') finalHeight = c.value.height;
    parent = {
      id,
      height: c.value.height,
      time: c.value.time,
      state: c.value.state,
      final: status === 'final',
    };
  }
  if (!parent) return failAt(lastLine + 1, lfail('EXPORT_INVALID', 'the file has no genesis line'));
  if (seen !== count)
    return failAt(
      lastLine,
      lfail('EXPORT_INVALID', `the header announces ${count} blocks, the file has ${seen}`),
    );
  return {
    ok: true,
    profile: 'authority',
    genesis: genesisId,
    blocks: seen,
    head: parent.id,
    finalHeight,
    rulesChecked: opts.registry !== undefined,
  };
}

function verifyRunner<S>(
  genesisId: string,
  count: number,
  it: Iterator<string>,
  opts: VerifyOptions<S>,
): VerifiedLedger | VerifyFailure {
  let ctx: ReturnType<typeof decodeRunnerGenesis> | undefined;
  let parent: { id: string; state: RunnerState } | undefined;
  let seen = 0;
  let lastLine = 1;
  for (const { line, entry } of readEntries(it)) {
    lastLine = line;
    seen++;
    if (!entry.ok) return failAt(line, entry);
    const { block, approvals } = entry.value;
    if (approvals.length > 0)
      return failAt(line, lfail('EXPORT_INVALID', 'runner blocks carry no approvals'));
    if (!ctx || !parent) {
      ctx = decodeRunnerGenesis(block, opts.engine);
      if (!ctx.ok) return failAt(line, ctx, 0);
      if (ctx.value.genesis.id !== genesisId)
        return failAt(
          line,
          lfail('GENESIS_MISMATCH', 'the genesis is not the one the header names'),
          0,
          ctx.value.genesis.id,
        );
      parent = { id: genesisId, state: initialRunnerState() };
      continue;
    }
    if (!ctx.ok) break;
    const height = parent.state.height + 1;
    const ib = identifyBlock(block, RUNNER_MAX_BLOCK_BYTES);
    if (!ib.ok) return failAt(line, ib, height);
    if (ib.value.block.parent_id !== parent.id)
      return failAt(
        line,
        lfail('BLOCK_LINK_INVALID', 'parent_id is not the id of the previous block'),
        height,
        ib.value.id,
      );
    const s = checkRunnerBlock(ctx.value, parent, ib.value);
    if (!s.ok) return failAt(line, s, height, ib.value.id);
    parent = { id: ib.value.id, state: s.value };
  }
  if (!ctx || !ctx.ok || !parent)
    return failAt(lastLine + 1, lfail('EXPORT_INVALID', 'the file has no genesis line'));
  if (seen !== count)
    return failAt(
      lastLine,
      lfail('EXPORT_INVALID', `the header announces ${count} blocks, the file has ${seen}`),
    );
  const tally = runnerTally(ctx.value.G, parent.state);
  return {
    ok: true,
    profile: 'runner',
    genesis: genesisId,
    blocks: seen,
    head: parent.id,
    finalHeight: parent.state.height,
    ...(tally !== undefined ? { tally } : {}),
    rulesChecked: true,
  };
}
