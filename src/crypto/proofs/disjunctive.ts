/**
 * The disjunctive (Cramer–Damgård–Schoenmakers) core shared by the 0/1 and range proofs: a proof that an
 * ElGamal ciphertext (a, b) under pk encrypts one of the consecutive values lo, lo+1, …, lo+n−1.
 *
 * For each value v the branch statement is "(g, pk, a, b/g^v) is a Diffie–Hellman tuple", i.e.
 * a = g^r and b/g^v = pk^r. Branch v has commitments α_v = g^(f_v) · a^(−c_v) and
 * β_v = pk^(f_v) · (b/g^v)^(−c_v); the proof is valid iff Σ c_v ≡ H(statement, [[α_v, β_v]…]) (mod q).
 * The prover simulates every branch but the true one and answers the true one with
 * w ← random, α = g^w, β = pk^w, c_m = H − Σ_{v≠m} c_v, f_m = w + c_m·r.
 */
import type { Ciphertext } from '../elgamal.js';
import type { JsonValue } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { CryptoUsageError } from '../result.js';
import type { Rng } from '../rng.js';
import { addScalars, expGTimes, negScalar, response, subScalars } from './common.js';
import { groupChallenge, type ProofContext } from './fiat-shamir.js';

/** Challenges and responses of every branch, in value order. */
export interface OneOfProof {
  readonly c: readonly bigint[];
  readonly f: readonly bigint[];
}

/** What the challenge hashes besides the commitments: tag and statement JSON. */
export interface OneOfHashInput {
  readonly tag: string;
  readonly statement: JsonValue;
}

/** b/g^v for v = lo … lo+n−1 (one fixed-base exponentiation, then divisions by g). */
function shiftedB<E>(G: Group<E>, b: E, lo: number, n: number): E[] {
  const out: E[] = [];
  let bv = lo === 0 ? b : G.div(b, G.expG(BigInt(lo)));
  for (let v = 0; v < n; v++) {
    out.push(bv);
    if (v + 1 < n) bv = G.div(bv, G.g);
  }
  return out;
}

/** JSON of the commitments [[α_0, β_0], …]. */
function commitJson<E>(G: Group<E>, commits: readonly (readonly [E, E])[]): JsonValue {
  return commits.map(([alpha, beta]) => [G.toJson(alpha), G.toJson(beta)]);
}

/** Recomputes branch commitments (α_v, β_v) from public (c_v, f_v). */
function branchCommit<E>(G: Group<E>, pk: E, a: E, bv: E, c: bigint, f: bigint): [E, E] {
  const minusC = negScalar(G, c);
  return [expGTimes(G, f, [a], [minusC]), G.multiExp([pk, bv], [f, minusC])];
}

/** Creates the disjunctive proof that ct encrypts lo + index, with randomness r. */
export function proveOneOf<E>(
  G: Group<E>,
  ctx: ProofContext,
  h: OneOfHashInput,
  pk: E,
  ct: Ciphertext<E>,
  lo: number,
  n: number,
  index: number,
  r: bigint,
  rng: Rng,
): OneOfProof {
  if (!Number.isInteger(index) || index < 0 || index >= n)
    throw new CryptoUsageError('the encrypted value is outside the proved range');
  const bs = shiftedB(G, ct.b, lo, n);
  const c: bigint[] = new Array<bigint>(n).fill(0n);
  const f: bigint[] = new Array<bigint>(n).fill(0n);
  const commits: [E, E][] = [];
  const w = G.randomScalar(rng);
  let simulatedSum = 0n;
  for (let v = 0; v < n; v++) {
    if (v === index) {
      // True branch: fresh commitments from the secret nonce w (constant-time exponentiations).
      commits.push([G.expG(w), G.exp(pk, w)]);
      continue;
    }
    // Simulated branch: random challenge and response, commitments solved from them.
    c[v] = G.randomScalar(rng);
    f[v] = G.randomScalar(rng);
    simulatedSum = addScalars(G, simulatedSum, c[v]!);
    commits.push(branchCommit(G, pk, ct.a, bs[v]!, c[v]!, f[v]!));
  }
  const total = groupChallenge(G, h.tag, ctx, h.statement, commitJson(G, commits));
  c[index] = subScalars(G, total, simulatedSum);
  f[index] = response(G, w, c[index]!, r);
  return { c, f };
}

/**
 * True iff the proof verifies. The caller has checked that c and f have n entries, all scalars in [0, q).
 */
export function verifiesOneOf<E>(
  G: Group<E>,
  ctx: ProofContext,
  h: OneOfHashInput,
  pk: E,
  ct: Ciphertext<E>,
  lo: number,
  proof: OneOfProof,
): boolean {
  const n = proof.c.length;
  const bs = shiftedB(G, ct.b, lo, n);
  // Recompute every branch's commitments and add up the challenges.
  const commits: [E, E][] = [];
  let sum = 0n;
  for (let v = 0; v < n; v++) {
    commits.push(branchCommit(G, pk, ct.a, bs[v]!, proof.c[v]!, proof.f[v]!));
    sum = addScalars(G, sum, proof.c[v]!);
  }
  // The challenges must add up to the hash of the statement and the recomputed commitments.
  return groupChallenge(G, h.tag, ctx, h.statement, commitJson(G, commits)) === sum;
}
