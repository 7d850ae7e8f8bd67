/**
 * The checks after the close: the encrypted tally is the homomorphic sum of the counted ballots, every
 * decryption record's proofs check against that tally, and the posted result is exactly the decryption.
 */
import { canonicalJson, isJsonObject, type JsonObject } from '../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../crypto/encoding/hash.js';
import { requireKey } from '../ledger/election/common.js';
import { resultBody, TALLY_DOMAIN } from '../ledger/election/rule-result.js';
import type { ElectionLedgerState } from '../ledger/election/state.js';
import { resultsToJson } from '../protocol/results.js';
import { tallyToJson } from '../protocol/tally.js';
import type { ElectionFacts } from './facts.js';
import { refusedProblem } from './names.js';
import type { CheckResult, Problem } from './types.js';

/** The encrypted tally the verifier computed, named as the result names it. */
export interface RecomputedTally {
  /** H(["pnyx/v1/tally", tally JSON]). */
  readonly hash: string;
  readonly ballots: number;
}

/**
 * The tally of the counted ballots (undefined before the close or without a key). It is the sum this
 * process computed when its fold applied the `close`: `tallyBallots` over the ciphertexts of the counted
 * ballots, which this process decoded and checked itself — nothing is read from a published tally.
 */
export function recomputeTally(s: ElectionLedgerState | undefined): RecomputedTally | undefined {
  const setup = s?.setup;
  const closing = s?.closing;
  if (!s || !setup || !closing) return undefined;
  const key = requireKey(s, setup, closing.time);
  if (!key.ok) return undefined;
  const json = tallyToJson(key.value.cast.ballot.scheme, closing.tally);
  return { hash: hashJsonHex([TALLY_DOMAIN, json]), ballots: closing.selection.counted.length };
}

/** Check 7: the encrypted tally equals the homomorphic sum, and the result names that tally. */
export function tallyCheck(f: ElectionFacts, t: RecomputedTally | undefined): CheckResult {
  const name = 'encrypted tally equals the homomorphic sum';
  const problems: Problem[] = f.refused('tally').map((r) => {
    const p = refusedProblem(f.def, r);
    if (r.type !== 'result' || !isJsonObject(r.body) || !t) return p;
    return {
      ...p,
      code: 'MISMATCH',
      message: `names tally ${String(r.body.tally)}, the homomorphic sum is ${t.hash} (${p.code}: ${p.message})`,
    };
  });
  const s = f.state;
  if (!s?.closing || !t) {
    problems.push({
      object: 'close transaction',
      code: 'MISSING',
      message: 'the election was not closed: there is no tally',
    });
    return { name, ok: false, summary: 'no tally', problems };
  }
  const posted = s.result?.body;
  if (isJsonObject(posted) && (posted.tally !== t.hash || posted.ballots !== t.ballots))
    problems.push({
      object: `result tx ${s.result!.txId}`,
      code: 'MISMATCH',
      message: `names tally ${String(posted.tally)} of ${String(posted.ballots)} ballots, the sum is ${t.hash} of ${t.ballots}`,
    });
  const summary = `sum of ${t.ballots} counted ballot(s) = tally ${t.hash}, fixed by close tx ${s.closing.txId} at block ${s.closing.height}`;
  return { name, ok: problems.length === 0, summary, problems };
}

function trustees(list: readonly number[]): string {
  if (list.length === 0) return 'none';
  const names = list.map(String);
  return list.length === 1
    ? `trustee ${names[0]}`
    : `trustees ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Check 8: every partial decryption (or the Paillier decryption) checks against the tally. */
export function decryptionsCheck(f: ElectionFacts): CheckResult {
  const name = 'partial decryptions';
  const refused = f.refused('decryptions');
  const problems = refused.map((r) => refusedProblem(f.def, r));
  const d = f.view?.decryption;
  if (!d) {
    problems.push({
      object: 'decryption records',
      code: 'MISSING',
      message: 'no valid decryption record of the tally',
    });
    return { name, ok: false, summary: 'no decryption', problems };
  }
  for (const e of d.errors)
    problems.push({
      object: `record ${e.id ?? `#${e.record}`} (trustee ${e.trustee ?? '?'})`,
      code: e.code,
      message: e.message,
    });
  if (!d.counts)
    problems.push({
      object: 'decryption',
      code: 'MISSING',
      message: `${d.accepted.length} valid share(s) of ${d.needed} needed${d.failure ? `: ${d.failure}` : ''}`,
    });
  const rejected = refused.length > 0 ? `, ${refused.length} record(s) rejected (proof)` : '';
  const excluded = d.excluded.length > 0 ? `, ${trustees(d.excluded)} excluded` : '';
  const summary = `${trustees(d.accepted)} valid (${d.needed} needed), decrypted with ${trustees(d.used)}${excluded}${rejected}`;
  return { name, ok: problems.length === 0, summary, problems };
}

function countsText(results: JsonObject): string {
  const qs = (results.questions ?? []) as { id: string; counts: [string, bigint][] }[];
  return qs.map((q) => `${q.id}: ${q.counts.map(([o, n]) => `${o} ${n}`).join(', ')}`).join('; ');
}

/** The first (question, option) whose posted count differs from the decryption. */
function firstDifference(posted: unknown, want: JsonObject): string | undefined {
  const ws = (want.questions ?? []) as { id: string; counts: [string, bigint][] }[];
  const ps = isJsonObject(posted) && Array.isArray(posted.questions) ? posted.questions : [];
  for (const [qi, q] of ws.entries()) {
    const p = ps[qi];
    const pc = isJsonObject(p) && Array.isArray(p.counts) ? p.counts : [];
    for (const [oi, [o, n]] of q.counts.entries()) {
      const got = pc[oi];
      if (!Array.isArray(got) || got[0] !== o || BigInt(String(got[1])) !== n)
        return `question "${q.id}", option "${o}": posted ${Array.isArray(got) ? String(got[1]) : 'nothing'}, decrypted ${n}`;
    }
  }
  return undefined;
}

/** Check 9: the posted result is exactly the decryption of the tally. */
export function resultCheck(f: ElectionFacts): CheckResult {
  const name = 'result equals the decryption';
  const s = f.state;
  const want = s ? resultBody(s) : undefined;
  const problems = f.refused('result').map((r) => {
    const p = refusedProblem(f.def, r);
    if (!want?.ok || !isJsonObject(r.body)) return p;
    const diff = firstDifference(r.body.results, want.value.results as JsonObject);
    return diff ? { ...p, code: 'MISMATCH', message: diff } : p;
  });
  if (!s?.result) {
    problems.push({
      object: 'result transaction',
      code: 'MISSING',
      message: 'no valid result transaction on the ledger',
    });
    return { name, ok: false, summary: 'no result', problems };
  }
  if (!want?.ok || canonicalJson(want.value) !== canonicalJson(s.result.body as JsonObject))
    problems.push({
      object: `result tx ${s.result.txId}`,
      code: 'MISMATCH',
      message: 'the posted result is not the decryption',
    });
  const counts = f.view?.results ? countsText(resultsToJson(f.view.results)) : '';
  return {
    name,
    ok: problems.length === 0,
    summary: `result tx ${s.result.txId} at block ${s.result.height}: ${counts}`,
    problems,
  };
}
