/**
 * Worker-thread entry of the proof-checking pool: loads the election's cast context from `workerData`
 * (a {@link CastSpec}) with the fastest backends, then answers `{id, op, v}` requests with `{id, r}`, where
 * `r` is the `Result` of `checkCast` or `checkAudit`. A spec that does not load is reported as `{id: -1, r}`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CastSpec } from './cast-spec.js';
import { loadCastContext } from './cast-spec.js';
import type { PoolRequest, PoolResponse } from './pool.js';
import { inlineVerifier } from './verifier.js';

const port = parentPort;
if (port === null) throw new Error('check-worker.js runs only as a worker thread');
const ctx = await loadCastContext(workerData as CastSpec);
if (!ctx.ok) {
  port.postMessage({ id: -1, r: ctx } satisfies PoolResponse);
} else {
  const verifier = inlineVerifier(ctx.value);
  port.on('message', (m: PoolRequest) => {
    const run = m.op === 'cast' ? verifier.checkCast(m.v) : verifier.checkAudit(m.v);
    void run.then((r) => port.postMessage({ id: m.id, r } satisfies PoolResponse));
  });
}
