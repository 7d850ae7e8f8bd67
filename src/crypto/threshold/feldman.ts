/**
 * Feldman commitments to sharing polynomials: C_j = g^(a_j). A share s for trustee l is correct iff
 * g^s = Π_j C_j^(l^j). Joint values: pk = Π_i C_(i,0) and VK_l = g^(x_l) = Π_i Π_j C_(i,j)^(l^j).
 */
import type { Group } from '../group/group.js';

/** C_j = g^(a_j) for every coefficient. */
export function commitPolynomial<E>(G: Group<E>, coefficients: readonly bigint[]): E[] {
  return coefficients.map((a) => G.expG(a));
}

/** Π_j C_j^(l^j): the commitment to P(l) (one multi-exponentiation of public values). */
export function evalCommitments<E>(G: Group<E>, C: readonly E[], l: number): E {
  const exps: bigint[] = [];
  let power = 1n;
  for (let j = 0; j < C.length; j++) {
    exps.push(power);
    power = (power * BigInt(l)) % G.q;
  }
  return G.multiExp(C, exps);
}

/** True iff g^s = Π_j C_j^(l^j), i.e. s is trustee l's share of the committed polynomial. */
export function shareMatches<E>(G: Group<E>, C: readonly E[], l: number, s: bigint): boolean {
  return G.eq(G.expG(s), evalCommitments(G, C, l));
}

/** Π_i C_(i,j) for each j: commitments to the sum of the dealers' polynomials. */
export function jointCommitments<E>(G: Group<E>, dealers: readonly (readonly E[])[]): E[] {
  const k = dealers[0]?.length ?? 0;
  const out: E[] = [];
  for (let j = 0; j < k; j++) out.push(dealers.reduce((acc, C) => G.op(acc, C[j]!), G.identity));
  return out;
}

/** The joint public key pk = Π_i C_(i,0). */
export function jointPublicKey<E>(G: Group<E>, dealers: readonly (readonly E[])[]): E {
  return dealers.reduce((acc, C) => G.op(acc, C[0]!), G.identity);
}

/** Trustee l's verification key VK_l = g^(x_l), computed from public commitments only. */
export function verificationKey<E>(G: Group<E>, dealers: readonly (readonly E[])[], l: number): E {
  return evalCommitments(G, jointCommitments(G, dealers), l);
}
