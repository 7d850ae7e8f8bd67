/**
 * The part of a box that needs the election key: the cast context, the proof checker (worker pool or
 * inline) and the running sum. Loaded once the key ceremony has published the key.
 */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import type { CastContext } from '../../../protocol/cast/context.js';
import type { ElectionDefinition } from '../../../protocol/election/definition.js';
import type { BallotBoxDb } from '../../../store/ballot-box/open.js';
import { readSum } from '../../../store/ballot-box/sum.js';
import { castSpec, loadCastContext } from './cast-spec.js';
import { workerVerifier } from './pool.js';
import { emptySum, type RunningSum, sumFromStored } from './running-sum.js';
import { type CastVerifier, inlineVerifier } from './verifier.js';

/** The loaded election machinery of a box. */
export interface BoxEngine {
  readonly ctx: CastContext<unknown>;
  readonly verifier: CastVerifier;
  /** The running sum as last committed. */
  sum: RunningSum<unknown>;
}

/** How proofs are checked: on `workers` threads (0: on the calling thread). */
export interface EngineOptions {
  readonly workers: number;
  readonly workerUrl?: URL;
}

/** Loads the engine for `key`; throws when the published key does not load (an operator problem). */
export async function loadEngine(
  election: ElectionDefinition,
  key: JsonValue,
  db: BallotBoxDb,
  opts: EngineOptions,
): Promise<BoxEngine> {
  const spec = castSpec(election, key);
  const ctx = await loadCastContext(spec);
  if (!ctx.ok) throw new Error(`the election key does not load: ${ctx.message}`);
  const verifier =
    opts.workers > 0
      ? workerVerifier(spec, { size: opts.workers, ...(opts.workerUrl ? { workerUrl: opts.workerUrl } : {}) })
      : inlineVerifier(ctx.value);
  const stored = await readSum(db.db);
  const sum = stored ? sumFromStored(ctx.value.ballot, stored) : emptySum(ctx.value.ballot);
  return { ctx: ctx.value, verifier, sum };
}
