/**
 * The election folded from an export, streamed: every transaction of every block is checked again by the
 * election rules (`src/ledger/election`) against the state so far — the same steps as `electionState` —
 * and a refused one is named (block, position, id, code) and left out, so one run lists every problem.
 * Ballot transactions are checked ahead of the fold on a worker pool: the reader keeps going while the
 * workers check the casts of the blocks already read, and the results seed the rules' cast cache and the
 * signature memo, so the fold itself only does the cheap, stateful part of each rule.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../crypto/encoding/canonical-json.js';
import { ok } from '../crypto/result.js';
import { decodeAuthorityContent } from '../ledger/authority/content.js';
import { type AuthorityGenesis, decodeAuthorityGenesis } from '../ledger/authority/genesis.js';
import type { TxContext, TxRegistry } from '../ledger/authority/registry.js';
import { checkTxSignature, decodeTx, type Tx, txId } from '../ledger/authority/tx.js';
import { identifyBlock } from '../ledger/block.js';
import { CastCache } from '../ledger/election/cast-cache.js';
import { ceremonyAt } from '../ledger/election/common.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import type { RefusedTx } from '../ledger/election/fold.js';
import { electionRegistry } from '../ledger/election/registry.js';
import { BALLOT_TX } from '../ledger/election/rule-ballot.js';
import type { ElectionLedgerState } from '../ledger/election/state.js';
import { type LedgerResult, lfail } from '../ledger/errors.js';
import { decodeEntry, decodeHeader, type ExportHeader } from '../ledger/export/format.js';
import { electionToJson } from '../protocol/election/write.js';
import type { CastSpec } from './backends.js';
import type { CastPool } from './pool.js';
import type { SignatureMemo } from './signatures.js';

/** A transaction the rules refused, with its block and body. */
export interface RefusedRecord extends RefusedTx {
  readonly blockId: string;
  readonly body: JsonValue;
}

/** One block as read. */
export interface BlockInfo {
  readonly line: number;
  readonly height: number;
  readonly id: string;
  readonly approvals: number;
}

/** Options of {@link foldExport}. */
export interface FoldOptions {
  /** The rules' environment; its `ed` should be the memo's wrapper and it should carry a cache. */
  readonly env: ElectionEnv & { readonly cache: CastCache };
  readonly memo: SignatureMemo;
  /** Worker threads checking ballots (0: the fold checks them itself). */
  readonly workers: number;
  /**
   * Starts the pool of `size` workers for an election (required when `workers` > 0); the Node verifier
   * passes `CastPool.start` with its compiled worker script. Injected so that the fold itself runs
   * anywhere (the web app's verifier runs it in a browser worker without one).
   */
  readonly startPool?: (spec: CastSpec, size: number) => CastPool;
  /** Ballot transactions per worker message. */
  readonly batch?: number;
  /** Called after each folded block. */
  readonly onBlock?: (height: number, ballots: number) => void;
}

/** What the fold read and derived. */
export interface FoldOutcome {
  readonly header?: ExportHeader;
  readonly genesis?: AuthorityGenesis;
  /** The registry state after the last readable block. */
  readonly state?: ElectionLedgerState;
  /** Time of the last block (the genesis time when there is none). */
  readonly time: number;
  readonly blocks: readonly BlockInfo[];
  readonly refused: readonly RefusedRecord[];
  /** Transactions applied, per type. */
  readonly applied: Readonly<Record<string, number>>;
  /** Ballot transactions whose cast was checked on the worker pool, and the pool's size. */
  readonly checkedInWorkers: number;
  readonly workers: number;
  /** Why the pool stopped helping, if it did (the fold then checked the rest itself). */
  readonly poolProblem?: string;
  /** The first line the fold could not read (the chain check names it precisely). */
  readonly stoppedAt?: { readonly line: number; readonly message: string };
}

interface Pending {
  readonly info: BlockInfo;
  readonly time: number;
  readonly txs: readonly unknown[];
  readonly ballots: number;
  readonly ready: Promise<unknown>;
}

function isBallotTx(t: unknown): t is JsonObject {
  return isJsonObject(t) && t.type === BALLOT_TX;
}

/** Folds the export's blocks (genesis first) through the election rules; see the file comment. */
export async function foldExport(lines: AsyncIterable<string>, opts: FoldOptions): Promise<FoldOutcome> {
  const { env, memo } = opts;
  const batch = opts.batch ?? 128;
  const registry: TxRegistry<ElectionLedgerState> = electionRegistry(env);
  const blocks: BlockInfo[] = [];
  const refused: RefusedRecord[] = [];
  const applied: Record<string, number> = {};
  const seen = new Set<string>();
  const queue: Pending[] = [];
  let header: ExportHeader | undefined;
  let genesis: AuthorityGenesis | undefined;
  let state: ElectionLedgerState | undefined;
  let time = 0;
  let stoppedAt: FoldOutcome['stoppedAt'];
  let pool: CastPool | undefined;
  let poolProblem: string | undefined;
  let keyId: string | undefined;
  let pendingBallots = 0;
  let checkedInWorkers = 0;
  const maxPending = Math.max(1, opts.workers) * batch * 8;

  // One transaction, as `electionState` checks it: type, ledger, body, signature, repeat, rule.
  const check = (
    g: AuthorityGenesis,
    s: ElectionLedgerState,
    tx: Tx,
    id: string,
    at: TxContext,
  ): LedgerResult<ElectionLedgerState> => {
    const rule = registry.rule(tx.type);
    if (!rule) return lfail('TX_TYPE_UNKNOWN', `no rule for transaction type ${tx.type}`);
    if (tx.chain !== g.id) return lfail('GENESIS_MISMATCH', 'transaction of another ledger');
    const body = rule.checkBody(tx.body, tx);
    if (!body.ok) return body;
    const sig = checkTxSignature(env.ed, tx);
    if (!sig.ok) return sig;
    if (seen.has(id)) return lfail('TX_DUPLICATE', `transaction ${id} is already on the chain`);
    const a = rule.allowed(s, tx, at);
    if (!a.ok) return a;
    seen.add(id);
    applied[tx.type] = (applied[tx.type] ?? 0) + 1;
    return ok(rule.apply(s, tx, at));
  };

  // Folds the oldest read block once its ballots are checked.
  const foldNext = async (): Promise<void> => {
    const p = queue.shift();
    if (!p || !genesis || !state) return;
    await p.ready;
    pendingBallots -= p.ballots;
    const at: TxContext = { genesis, height: p.info.height, time: p.time };
    p.txs.forEach((json, index) => {
      const t = decodeTx(json);
      if (!t.ok) {
        const base = { height: p.info.height, index, id: '', type: '', author: '', blockId: p.info.id };
        refused.push({ ...base, code: t.code, message: t.message, body: null });
        return;
      }
      const tx = t.value;
      const id = txId(tx);
      const r = check(genesis!, state!, tx, id, at);
      if (r.ok) state = r.value;
      else {
        const { code, message } = r;
        refused.push({
          height: p.info.height,
          index,
          id,
          type: tx.type,
          author: tx.author,
          code,
          message,
          blockId: p.info.id,
          body: tx.body,
        });
      }
    });
    time = p.time;
    opts.onBlock?.(p.info.height, p.ballots);
  };
  const drain = async () => {
    while (queue.length > 0) await foldNext();
  };

  // Starts the pool once the fold knows the election key at `at` (null when it does not).
  const startPool = (at: number): void => {
    if (!state?.setup || !opts.startPool) return;
    const key = ceremonyAt(state, state.setup, at).key;
    if (!key) return;
    keyId = key.id;
    pool = opts.startPool(
      { election: electionToJson(state.setup.definition), key: key.publicKey },
      opts.workers,
    );
  };

  // Sends a block's ballots to the pool; the results seed the cast cache and the signature memo.
  const dispatch = (txs: readonly JsonObject[]): Promise<unknown> => {
    const p = pool;
    const id = keyId;
    if (!p || id === undefined || poolProblem) return Promise.resolve();
    const jobs: Promise<void>[] = [];
    for (let i = 0; i < txs.length; i += batch) {
      const chunk = txs.slice(i, i + batch);
      jobs.push(
        p.check(chunk).then(
          (r) => {
            for (const o of r.results) env.cache.set(id, o.tracker, o.r);
            memo.addAll(r.verified);
            checkedInWorkers += r.results.length;
          },
          (e: unknown) => {
            poolProblem ??= e instanceof Error ? e.message : String(e);
          },
        ),
      );
    }
    return Promise.all(jobs);
  };

  try {
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      if (!header) {
        const h = decodeHeader(text);
        if (!h.ok) {
          stoppedAt = { line, message: `${h.code}: ${h.message}` };
          break;
        }
        header = h.value;
        continue;
      }
      const e = decodeEntry(text);
      if (!e.ok) {
        stoppedAt = { line, message: `${e.code}: ${e.message}` };
        break;
      }
      if (!genesis) {
        const g = decodeAuthorityGenesis(e.value.block);
        if (!g.ok) {
          stoppedAt = { line, message: `${g.code}: ${g.message}` };
          break;
        }
        genesis = g.value.genesis;
        state = registry.initial(genesis);
        time = genesis.time;
        blocks.push({ line, height: 0, id: genesis.id, approvals: e.value.approvals.length });
        continue;
      }
      const ib = identifyBlock(e.value.block, genesis.limits.blockBytes);
      const c = ib.ok ? decodeAuthorityContent(ib.value.block.content) : ib;
      if (!ib.ok || !c.ok) {
        const f = !ib.ok ? ib : (c as { code: string; message: string });
        stoppedAt = { line, message: `${f.code}: ${f.message}` };
        break;
      }
      const info = { line, height: c.value.height, id: ib.value.id, approvals: e.value.approvals.length };
      blocks.push(info);
      const ballots = c.value.txs.filter(isBallotTx);
      if (ballots.length > 0 && opts.workers > 0 && !pool) {
        // The election key is fixed before the first ballot: fold what was read, then read the key.
        await drain();
        startPool(c.value.time);
      }
      const ready = ballots.length > 0 ? dispatch(ballots) : Promise.resolve();
      queue.push({ info, time: c.value.time, txs: c.value.txs, ballots: ballots.length, ready });
      pendingBallots += ballots.length;
      while (pendingBallots > maxPending && queue.length > 0) await foldNext();
    }
    await drain();
  } finally {
    await pool?.close();
  }
  return {
    ...(header ? { header } : {}),
    ...(genesis ? { genesis } : {}),
    ...(state ? { state } : {}),
    time,
    blocks,
    refused,
    applied,
    checkedInWorkers,
    workers: pool?.size ?? 0,
    ...(poolProblem ? { poolProblem } : {}),
    ...(stoppedAt ? { stoppedAt } : {}),
  };
}

/** A fresh cast cache large enough for every ballot of a big election. */
export function verifierCache(): CastCache {
  return new CastCache(Number.MAX_SAFE_INTEGER);
}
