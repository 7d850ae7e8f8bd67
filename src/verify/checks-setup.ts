/** The election checks before voting: the definition, the key ceremony, eligibility. */
import type { PaillierKeyState } from '../protocol/ceremony/paillier-key.js';
import type { ProductCeremonyState } from '../protocol/ceremony/product.js';
import type { CeremonyState } from '../protocol/ceremony/threshold-types.js';
import type { ElectionFacts } from './facts.js';
import { refusedProblem } from './names.js';
import type { CheckResult, Problem } from './types.js';

function result(name: string, summary: string, problems: readonly Problem[]): CheckResult {
  return { name, ok: problems.length === 0, summary, problems };
}

/** Check 2: the genesis names a valid election definition (or its registrar posted one). */
export function definitionCheck(f: ElectionFacts): CheckResult {
  const name = 'genesis and election definition';
  const problems = f.refused('definition').map((r) => refusedProblem(f.def, r));
  const g = f.fold.genesis;
  const setup = f.state?.setup;
  if (f.state?.genesisProblem)
    problems.unshift({ object: `genesis ${g?.id ?? '?'}`, code: 'MISSING', message: f.state.genesisProblem });
  if (!setup || !f.def) {
    if (problems.length === 0)
      problems.push({
        object: `genesis ${g?.id ?? '?'}`,
        code: 'MISSING',
        message: 'no election is defined',
      });
    return result(name, 'no election definition', problems);
  }
  const d = f.def;
  const where = setup.height === 0 ? 'in the genesis' : `by the registrar at block ${setup.height}`;
  const summary =
    `election "${d.id}" (fingerprint ${setup.fingerprint}) defined ${where}: ${d.scheme}, ` +
    `${d.manifest.questions.length} question(s), ${d.boxes.length} ballot box(es), trustees ${d.trustees.k}-of-${d.trustees.n}, ` +
    `revote ${d.revote}, eligibility ${d.eligibility.mode}, roll of ${d.roll.count}`;
  return result(name, summary, problems);
}

/** Check 3: the key ceremony's records are all valid and establish the election key. */
export function ceremonyCheck(f: ElectionFacts): CheckResult {
  const name = 'key ceremony';
  const problems = f.refused('ceremony').map((r) => refusedProblem(f.def, r));
  const c = f.view?.ceremony;
  if (!c) return result(name, 'no ceremony (no election)', problems);
  for (const e of c.errors)
    problems.push({
      object: `record ${e.id ?? `#${e.record}`} (trustee ${e.trustee ?? '?'})`,
      code: e.code,
      message: e.message,
    });
  let summary: string;
  if (c.kind === 'threshold') {
    const d = c.detail as CeremonyState<unknown>;
    const justified = d.complaints.filter((x) => x.verdict === 'justified').length;
    summary =
      `${d.params.k}-of-${d.params.n}: ${d.announced.length} announcements, ${d.dealt.length} dealings, ` +
      `${d.complaints.length} complaints (${justified} justified), qualified ${d.qualified.join(',') || 'none'}, ` +
      `${d.confirmed.length} confirmations`;
  } else if (c.kind === 'product') {
    const d = c.detail as ProductCeremonyState<unknown>;
    summary = `${d.announced.length} of ${f.def?.trustees.n ?? '?'} trustee keys with proofs (n-of-n)`;
  } else {
    const d = c.detail as PaillierKeyState;
    summary = `Paillier key of trustee 1${d.publicKey ? `, ${d.publicKey.n.toString(2).length}-bit modulus with its proof` : ''}`;
  }
  if (c.key)
    summary += `; joint key ${typeof c.key.publicKey === 'string' ? c.key.publicKey : `id ${c.key.id}`}`;
  else
    problems.push({
      object: 'election key',
      code: 'MISSING',
      message: `the ceremony is ${c.phase}${c.failure ? ` (${c.failure})` : ''}: no election key`,
    });
  return result(name, summary, problems);
}

/** Check 4: the registrar's eligibility records are valid; token counts cover the voting keys. */
export function eligibilityCheck(f: ElectionFacts): CheckResult {
  const name = 'eligibility';
  const problems = f.refused('eligibility').map((r) => refusedProblem(f.def, r));
  const e = f.view?.eligibility;
  if (!e) return result(name, 'no election', problems);
  for (const w of f.view?.warnings ?? [])
    if (w.startsWith('TOKEN') || /token/i.test(w))
      problems.push({ object: 'token count', code: 'WARNING', message: w });
  const records = (f.fold.applied.voter_keys ?? 0) + (f.fold.applied.token_issued ?? 0);
  const summary =
    e.mode === 'identity-keys'
      ? `${e.eligibleKeys ?? 0} keys published in ${records} voter_keys record(s), every record signed by the registrar`
      : e.mode === 'blind-tokens'
        ? `${e.tokensIssued ?? 0} tokens issued (${records} token_issued record(s)); every counted key carries a valid token`
        : `mode ${e.mode}`;
  return result(name, summary, problems);
}
