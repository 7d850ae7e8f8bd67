/**
 * Proof-of-work search, described without doing it: a block's canonical JSON is
 * `prefix ‖ decimal(nonce) ‖ suffix` because the envelope keys sort as content, miner_name, nonce,
 * parent_id. A searcher hashes the prefix once and only patches the nonce digits per attempt.
 * The search itself runs elsewhere (a worker thread in Node, see `node/pow-worker.ts`), injected as a
 * {@link PowSearch}.
 */
import { canonicalJson } from '../crypto/encoding/canonical-json.js';
import { ok } from '../crypto/result.js';
import { type Block, blockId, blockText, meetsPow } from './block.js';
import { type LedgerResult, LedgerUsageError, lfail } from './errors.js';

/** The canonical text of a block split around its nonce. */
export interface PowTemplate {
  /** Canonical JSON up to and including `"nonce":`. */
  readonly prefix: string;
  /** Canonical JSON from the comma after the nonce to the end. */
  readonly suffix: string;
}

/** A proof-of-work job: find a nonce in [start, end) whose block id has `hardness` leading zero bits. */
export interface PowJob {
  readonly template: PowTemplate;
  readonly hardness: number;
  readonly start: number;
  readonly end: number;
}

/** A found nonce and the id it gives. */
export interface PowSolution {
  readonly nonce: number;
  readonly id: string;
  /** Hashes computed by the search (all threads). */
  readonly hashes: number;
  /** Wall-clock time of the search in milliseconds. */
  readonly ms: number;
}

/** Progress reported during a search. */
export interface PowProgress {
  readonly hashes: number;
  readonly ms: number;
  /** Hashes per second since the search started. */
  readonly rate: number;
}

/** Options of a search. */
export interface PowSearchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: PowProgress) => void;
}

/** Something that searches nonces (a worker pool in Node; anything in tests). */
export type PowSearch = (job: PowJob, options?: PowSearchOptions) => Promise<LedgerResult<PowSolution>>;

/** Largest nonce used by default: peers of the runner format expect nonces below 2^31. */
export const DEFAULT_NONCE_END = 2 ** 31;

/** Splits a block's canonical JSON around the nonce (the nonce field of `b` is ignored). */
export function powTemplate(b: Omit<Block, 'nonce'>): PowTemplate {
  const prefix = `{"content":${canonicalJson(b.content)},"miner_name":${canonicalJson(b.miner_name)},"nonce":`;
  const suffix = `,"parent_id":${canonicalJson(b.parent_id)}}`;
  // The split must reproduce the canonical encoding exactly.
  if (`${prefix}0${suffix}` !== blockText({ ...b, nonce: 0 }))
    throw new LedgerUsageError('template does not match the canonical encoding');
  return { prefix, suffix };
}

/** Synchronous reference search over [start, end) with a given hex-SHA-256 (tests, tiny hardness). */
export function searchNonceSync(
  b: Omit<Block, 'nonce'>,
  hardness: number,
  start = 0,
  end = DEFAULT_NONCE_END,
): LedgerResult<Block> {
  for (let nonce = start; nonce < end; nonce++) {
    const block = { ...b, nonce };
    if (meetsPow(blockId(block), hardness)) return ok(block);
  }
  return lfail('MINING_EXHAUSTED', `no nonce in [${start}, ${end}) gives ${hardness} zero bits`);
}
