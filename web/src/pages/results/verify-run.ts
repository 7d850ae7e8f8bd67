/**
 * The project's verifier (`src/verify`) run over a ledger export held as lines, on the browser's
 * pure-JavaScript backends and on one thread: the same steps and checks as `verifyLedger` — the election
 * fold, the chain check, then the election checks in order — with the file reading, the Node backends
 * and the worker-thread pool left out (the fold checks each ballot itself when it has no workers).
 */
import { sha256 } from '../../../../src/crypto/encoding/hash.js';
import type { Ed25519 } from '../../../../src/crypto/sig/ed25519.js';
import { resultsToJson } from '../../../../src/protocol/results.js';
import { chainCheck } from '../../../../src/verify/chain.js';
import { ballotsCheck, proofsCheck } from '../../../../src/verify/checks-ballots.js';
import { ceremonyCheck, definitionCheck, eligibilityCheck } from '../../../../src/verify/checks-setup.js';
import {
  decryptionsCheck,
  recomputeTally,
  resultCheck,
  tallyCheck,
} from '../../../../src/verify/checks-tally.js';
import { electionFacts } from '../../../../src/verify/facts.js';
import { foldExport, verifierCache } from '../../../../src/verify/fold.js';
import type { SignatureMemo } from '../../../../src/verify/signatures.js';
import type { CheckResult, VerifyReport } from '../../../../src/verify/types.js';
import { browserEnv } from '../../platform/env.js';

/** Where a run is: folding blocks, re-checking the chain, or running the election checks. */
export type VerifyStage = 'fold' | 'chain' | 'checks';

/** Progress callbacks of {@link verifyLines}. */
export interface VerifyProgress {
  /** `done` of `total` units of the stage (blocks for the fold, lines for the chain). */
  stage(stage: VerifyStage, done: number, total: number): void;
  /** A finished check, in report order. */
  check(c: CheckResult): void;
}

/** Each valid (key, message, signature) triple is verified once: the fold and the chain check share it. */
function memoEd(base: Ed25519): Ed25519 {
  const known = new Set<string>();
  const digest = (pk: Uint8Array, m: Uint8Array, s: Uint8Array): string => {
    const all = new Uint8Array(pk.length + s.length + m.length);
    all.set(pk, 0);
    all.set(s, pk.length);
    all.set(m, pk.length + s.length);
    let h = '';
    for (const b of sha256(all)) h += b.toString(16).padStart(2, '0');
    return h;
  };
  return {
    backend: base.backend,
    publicKeyFromSecret: (sk) => base.publicKeyFromSecret(sk),
    sign: (sk, m) => base.sign(sk, m),
    verify(pk, m, s) {
      if (!(pk instanceof Uint8Array) || !(m instanceof Uint8Array) || !(s instanceof Uint8Array))
        return false;
      const d = digest(pk, m, s);
      if (known.has(d)) return true;
      const valid = base.verify(pk, m, s);
      if (valid) known.add(d);
      return valid;
    },
  };
}

/** Gives the event loop a turn, so progress messages leave the worker while it computes. */
const yieldTurn = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function* asyncLines(lines: readonly string[]): AsyncGenerator<string> {
  for (let i = 0; i < lines.length; i++) {
    if (i % 16 === 0) await yieldTurn();
    yield lines[i]!;
  }
}

function* countedLines(lines: readonly string[], onLine: (n: number) => void): Generator<string> {
  for (let i = 0; i < lines.length; i++) {
    if (i % 64 === 0) onLine(i);
    yield lines[i]!;
  }
  onLine(lines.length);
}

/** The number of blocks the export's header announces (0 when it has none). */
function announcedBlocks(first: string | undefined): number {
  try {
    const h = JSON.parse(first ?? '') as { blocks?: unknown };
    return typeof h.blocks === 'number' ? h.blocks : 0;
  } catch {
    return 0;
  }
}

/** Verifies the export `lines` (header first) as `verifyLedger` does; never throws on a bad export. */
export async function verifyLines(
  lines: readonly string[],
  source: string,
  progress: VerifyProgress,
): Promise<VerifyReport> {
  const t0 = performance.now();
  const ed = memoEd(browserEnv().ed);
  const env = { ...browserEnv(), ed, cache: verifierCache() };
  const total = announcedBlocks(lines[0]);
  // With no workers the fold never consults the memo: signatures are remembered by `ed` above.
  const memo = { addAll: () => undefined } as unknown as SignatureMemo;
  // 1. The election fold, ballots checked in turn.
  const fold = await foldExport(asyncLines(lines), {
    env,
    memo,
    workers: 0,
    onBlock: (height) => progress.stage('fold', height + 1, total),
  });
  // 2. The chain.
  progress.stage('chain', 0, lines.length);
  await yieldTurn();
  const chain = chainCheck(
    countedLines(lines, (n) => progress.stage('chain', n, lines.length)),
    ed,
    fold,
  );
  progress.check(chain);
  // 3. The election, check by check.
  progress.stage('checks', 0, 8);
  await yieldTurn();
  const tally = recomputeTally(fold.state);
  const facts = electionFacts(fold, tally?.hash);
  const steps: (() => CheckResult)[] = [
    () => definitionCheck(facts),
    () => ceremonyCheck(facts),
    () => eligibilityCheck(facts),
    () => ballotsCheck(facts),
    () => proofsCheck(facts),
    () => tallyCheck(facts, tally),
    () => decryptionsCheck(facts),
    () => resultCheck(facts),
  ];
  const checks: CheckResult[] = [chain];
  for (const [i, step] of steps.entries()) {
    const c = step();
    checks.push(c);
    progress.check(c);
    progress.stage('checks', i + 1, steps.length);
    await yieldTurn();
  }
  const results = facts.view?.results;
  return {
    ok: checks.every((c) => c.ok),
    source,
    checks,
    ...(results ? { results: resultsToJson(results) } : {}),
    ballots: (fold.applied.ballot ?? 0) + fold.refused.filter((r) => r.type === 'ballot').length,
    workers: 0,
    seconds: (performance.now() - t0) / 1000,
  };
}
