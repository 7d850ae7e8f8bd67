/**
 * `verifyLedger`: re-checks an election from its ledger export alone, in this order —
 *  1. chain (`chain.ts`), 2. genesis and election definition, 3. key ceremony, 4. eligibility,
 *  5. ballots (dedup and majority), 6. every ballot's signature and proofs, 7. the encrypted tally,
 *  8. partial decryptions, 9. the result —
 * and reports each as a named check. The export is read twice from the file, never held in memory: once
 * streamed through the election fold (ballots checked on worker threads), then through `verifyExport`,
 * whose signature checks the workers already made are answered from the signature memo.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { useNativeLedgerHash } from '../ledger/node/native-hash.js';
import { resultsToJson } from '../protocol/results.js';
import { type CastSpec, fastElectionEnv } from './backends.js';
import { chainCheck } from './chain.js';
import { ballotsCheck, proofsCheck } from './checks-ballots.js';
import { ceremonyCheck, definitionCheck, eligibilityCheck } from './checks-setup.js';
import { decryptionsCheck, recomputeTally, resultCheck, tallyCheck } from './checks-tally.js';
import { electionFacts } from './facts.js';
import { foldExport, verifierCache } from './fold.js';
import { downloadExport, fileLines, fileLinesSync } from './lines.js';
import { CastPool, castWorkerUrl } from './pool.js';
import { SignatureMemo } from './signatures.js';
import type { VerifyReport } from './types.js';

/** Options of {@link verifyLedger}. */
export interface VerifyLedgerOptions {
  /** Worker threads for ballot checks (default: the number of cores; 0 checks on the main thread). */
  readonly workers?: number;
  /** Ballot transactions per worker message (default 128). */
  readonly batch?: number;
  /** Smallest Paillier modulus accepted (default 2048). */
  readonly paillierMinBits?: number;
  /** Progress: called after each folded block. */
  readonly onBlock?: (height: number, ballots: number) => void;
}

/** Verifies the export file at `path`. Never throws on a bad file: every problem is in the report. */
export async function verifyLedger(path: string, opts: VerifyLedgerOptions = {}): Promise<VerifyReport> {
  const t0 = performance.now();
  useNativeLedgerHash(); // block, transaction and approval ids on OpenSSL's SHA-256 (the same ids)
  const memo = new SignatureMemo();
  const ed = memo.wrap(ed25519Native);
  const env = { ...(await fastElectionEnv(ed, opts.paillierMinBits)), cache: verifierCache() };
  const url = castWorkerUrl();
  const workers = url ? (opts.workers ?? availableParallelism()) : 0;
  // 1. The election fold (ballots ahead on the pool), then 2. the chain.
  const fold = await foldExport(fileLines(path), {
    env,
    memo,
    workers,
    ...(url ? { startPool: (spec: CastSpec, size: number) => CastPool.start(spec, size, url) } : {}),
    ...(opts.batch ? { batch: opts.batch } : {}),
    ...(opts.onBlock ? { onBlock: opts.onBlock } : {}),
  });
  const chain = chainCheck(fileLinesSync(path), ed, fold);
  // 3. The election, check by check.
  const tally = recomputeTally(fold.state);
  const facts = electionFacts(fold, tally?.hash);
  const checks = [
    chain,
    definitionCheck(facts),
    ceremonyCheck(facts),
    eligibilityCheck(facts),
    ballotsCheck(facts),
    proofsCheck(facts),
    tallyCheck(facts, tally),
    decryptionsCheck(facts),
    resultCheck(facts),
  ];
  const results = facts.view?.results;
  return {
    ok: checks.every((c) => c.ok),
    source: path,
    checks,
    ...(results ? { results: resultsToJson(results) } : {}),
    ballots: (fold.applied.ballot ?? 0) + fold.refused.filter((r) => r.type === 'ballot').length,
    workers: fold.workers,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Downloads a node's export (`GET URL/api/export`) to a temporary file and verifies it. */
export async function verifyNode(node: string, opts: VerifyLedgerOptions = {}): Promise<VerifyReport> {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-verify-'));
  try {
    const file = join(dir, 'ledger.jsonl');
    await downloadExport(node, file);
    return { ...(await verifyLedger(file, opts)), source: node };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
