/**
 * Proofs in the course wire format of the runner profile (DESIGN §6), for peers written for that course.
 *
 * These do not use the pnyx Fiat–Shamir input: the challenge is H(obj) = SHA-256 of the canonical JSON
 * of a fixed object, read big-endian, mod q, with every element and scalar a JSON integer. They are
 * therefore meant for modp groups (whose `toJson` is an integer). Verifiers take the untrusted JSON,
 * accept exactly the course's objects (exact key sets, integers, elements in the group, scalars in their
 * documented ranges) and return the decoded object.
 *
 * - pk_pok `{"pk","commit","response"}`: e = H({"commit","pk"}), response = r + x·e mod q,
 *   check g^response = commit·pk^e.
 * - ballot `{"pk","ct":{"c1","c2"},"dproof":{"commit":[[d1,d2],[d1,d2]],"challenge":[e0,e1],
 *   "response":[f0,f1]}}`: branch s ∈ {0, 1} is "the vote is s"; e0 + e1 ≡ H({"commit","ct","pk"});
 *   check g^(f_s) = d1_s·c1^(e_s) and pk^(f_s) = d2_s·(c2/g^s)^(e_s).
 * - dec_factor `{"pk","c1","decryption_factor","commit":[d0,d1],"response"}`:
 *   e = H({"c1","commit","decryption_factor","pk"}), response = r + (e·x mod q) not reduced again
 *   (so response ∈ [0, 2q−2]); check g^f = d0·pk^e and c1^f = d1·s^e.
 */
import { bytesToBigBE } from '../bytes.js';
import type { Ciphertext } from '../elgamal.js';
import { asBigInt, type JsonObject, type JsonValue } from '../encoding/canonical-json.js';
import { hashJson } from '../encoding/hash.js';
import type { Group } from '../group/group.js';
import { fail, ok, type Result, within } from '../result.js';
import type { Rng } from '../rng.js';
import { addScalars, negScalar, subScalars } from './common.js';
import { elementField, exactKeys } from './decode.js';

/** H(obj): SHA-256 of the canonical JSON, big-endian, mod q. */
export function courseHash<E>(G: Group<E>, obj: JsonValue): bigint {
  return bytesToBigBE(hashJson(obj)) % G.q;
}

/** Reads a JSON integer in [0, max]. */
function intIn(v: unknown, max: bigint, what: string): Result<bigint> {
  const x = asBigInt(v);
  if (x === undefined || x < 0n || x > max)
    return fail('SCALAR_INVALID', `${what} must be an integer in [0, ${max}]`);
  return ok(x);
}

function pair(v: unknown, what: string): Result<[JsonValue, JsonValue]> {
  if (!Array.isArray(v) || v.length !== 2)
    return fail('ENCODING_INVALID', `${what} must be an array of 2 items`);
  return ok([v[0] as JsonValue, v[1] as JsonValue]);
}

/** g^f for any non-negative f (elements have order q). */
function gPow<E>(G: Group<E>, f: bigint): E {
  return G.expG(f % G.q);
}

// ——— pk_pok ———

/** Course Schnorr proof of knowledge of the tallier key x with pk = g^x. */
export interface CoursePkPok<E> {
  readonly pk: E;
  readonly commit: E;
  readonly response: bigint;
}

/** Creates the course pk_pok for secret x. */
export function provePkPok<E>(G: Group<E>, x: bigint, rng: Rng): CoursePkPok<E> {
  const pk = G.expG(x);
  const r = G.randomScalar(rng);
  const commit = G.expG(r);
  const e = courseHash(G, { commit: G.toJson(commit), pk: G.toJson(pk) });
  return { pk, commit, response: (r + x * e) % G.q };
}

/** JSON `{"pk","commit","response"}`. */
export function pkPokToJson<E>(G: Group<E>, p: CoursePkPok<E>): JsonObject {
  return { commit: G.toJson(p.commit), pk: G.toJson(p.pk), response: p.response };
}

/** Strictly decodes and verifies a course pk_pok; fails with the decoding code or `PROOF_INVALID`. */
export function verifyPkPok<E>(G: Group<E>, v: unknown): Result<CoursePkPok<E>> {
  const what = 'tallier_key';
  // 1. Inputs: exact keys, elements in the group, response in [0, q).
  const o = exactKeys(v, ['pk', 'commit', 'response'], what);
  if (!o.ok) return o;
  const pk = elementField(G, o.value, 'pk', what);
  if (!pk.ok) return pk;
  const commit = elementField(G, o.value, 'commit', what);
  if (!commit.ok) return commit;
  const response = intIn(o.value.response, G.q - 1n, `${what}.response`);
  if (!response.ok) return response;
  // 2. e = H({"pk","commit"}) over the received values.
  const e = courseHash(G, { commit: o.value.commit!, pk: o.value.pk! });
  // 3. g^response = commit · pk^e.
  const rhs = G.op(commit.value, G.multiExp([pk.value], [e]));
  if (!G.eq(G.expG(response.value), rhs))
    return fail('PROOF_INVALID', 'the tallier key proof does not verify');
  return ok({ pk: pk.value, commit: commit.value, response: response.value });
}

// ——— ballot ———

/** A course ballot: an encryption (c1, c2) of 0 or 1 under pk with its disjunctive proof. */
export interface CourseBallot<E> {
  readonly pk: E;
  /** c1 = g^r (pnyx `a`), c2 = g^m·pk^r (pnyx `b`). */
  readonly ct: Ciphertext<E>;
  /** [[d1_0, d2_0], [d1_1, d2_1]]. */
  readonly commit: readonly [readonly [E, E], readonly [E, E]];
  readonly challenge: readonly [bigint, bigint];
  readonly response: readonly [bigint, bigint];
}

function ballotHashInput<E>(
  G: Group<E>,
  pk: E,
  ct: Ciphertext<E>,
  commit: CourseBallot<E>['commit'],
): JsonValue {
  return {
    commit: commit.map(([d1, d2]) => [G.toJson(d1), G.toJson(d2)]),
    ct: { c1: G.toJson(ct.a), c2: G.toJson(ct.b) },
    pk: G.toJson(pk),
  };
}

/** Encrypts vote m ∈ {0, 1} under pk with randomness r and proves it, in the course format. */
export function proveCourseBallot<E>(G: Group<E>, pk: E, m: 0 | 1, r: bigint, rng: Rng): CourseBallot<E> {
  const ct = { a: G.expG(r), b: G.op(G.expG(BigInt(m)), G.exp(pk, r)) };
  const sim = (1 - m) as 0 | 1;
  const w = G.randomScalar(rng);
  const eSim = G.randomScalar(rng);
  const fSim = G.randomScalar(rng);
  // Simulated branch: d1 = g^f·c1^(−e), d2 = pk^f·(c2/g^s)^(−e).
  const cSim = sim === 0 ? ct.b : G.div(ct.b, G.g);
  const dSim: [E, E] = [
    G.op(G.expG(fSim), G.multiExp([ct.a], [negScalar(G, eSim)])),
    G.multiExp([pk, cSim], [fSim, negScalar(G, eSim)]),
  ];
  const dReal: [E, E] = [G.expG(w), G.exp(pk, w)];
  const commit = (m === 0 ? [dReal, dSim] : [dSim, dReal]) as CourseBallot<E>['commit'];
  const total = courseHash(G, ballotHashInput(G, pk, ct, commit));
  const eReal = subScalars(G, total, eSim);
  const fReal = (w + eReal * r) % G.q;
  const challenge = (m === 0 ? [eReal, eSim] : [eSim, eReal]) as [bigint, bigint];
  const response = (m === 0 ? [fReal, fSim] : [fSim, fReal]) as [bigint, bigint];
  return { pk, ct, commit, challenge, response };
}

/** JSON `{"pk","ct":{"c1","c2"},"dproof":{"commit","challenge","response"}}`. */
export function courseBallotToJson<E>(G: Group<E>, b: CourseBallot<E>): JsonObject {
  return {
    ct: { c1: G.toJson(b.ct.a), c2: G.toJson(b.ct.b) },
    dproof: {
      challenge: [...b.challenge],
      commit: b.commit.map(([d1, d2]) => [G.toJson(d1), G.toJson(d2)]),
      response: [...b.response],
    },
    pk: G.toJson(b.pk),
  };
}

function decodeBallot<E>(G: Group<E>, v: unknown): Result<CourseBallot<E>> {
  const o = exactKeys(v, ['pk', 'ct', 'dproof'], 'ballot');
  if (!o.ok) return o;
  const pk = elementField(G, o.value, 'pk', 'ballot');
  if (!pk.ok) return pk;
  const ctObj = exactKeys(o.value.ct, ['c1', 'c2'], 'ballot.ct');
  if (!ctObj.ok) return ctObj;
  const c1 = elementField(G, ctObj.value, 'c1', 'ballot.ct');
  if (!c1.ok) return c1;
  const c2 = elementField(G, ctObj.value, 'c2', 'ballot.ct');
  if (!c2.ok) return c2;
  const dp = exactKeys(o.value.dproof, ['commit', 'challenge', 'response'], 'ballot.dproof');
  if (!dp.ok) return dp;
  const commitOuter = pair(dp.value.commit, 'ballot.dproof.commit');
  if (!commitOuter.ok) return commitOuter;
  const commit: [E, E][] = [];
  for (let s = 0; s < 2; s++) {
    const inner = pair(commitOuter.value[s], `ballot.dproof.commit[${s}]`);
    if (!inner.ok) return inner;
    const d1 = G.fromJson(inner.value[0]);
    if (!d1.ok) return within(`ballot.dproof.commit[${s}][0]`, d1);
    const d2 = G.fromJson(inner.value[1]);
    if (!d2.ok) return within(`ballot.dproof.commit[${s}][1]`, d2);
    commit.push([d1.value, d2.value]);
  }
  const scalars = (key: 'challenge' | 'response'): Result<[bigint, bigint]> => {
    const p = pair(dp.value[key], `ballot.dproof.${key}`);
    if (!p.ok) return p;
    const x0 = intIn(p.value[0], G.q - 1n, `ballot.dproof.${key}[0]`);
    if (!x0.ok) return x0;
    const x1 = intIn(p.value[1], G.q - 1n, `ballot.dproof.${key}[1]`);
    if (!x1.ok) return x1;
    return ok([x0.value, x1.value]);
  };
  const challenge = scalars('challenge');
  if (!challenge.ok) return challenge;
  const response = scalars('response');
  if (!response.ok) return response;
  return ok({
    pk: pk.value,
    ct: { a: c1.value, b: c2.value },
    commit: commit as unknown as CourseBallot<E>['commit'],
    challenge: challenge.value,
    response: response.value,
  });
}

/**
 * Strictly decodes and verifies a course ballot. If `electionPk` is given the ballot's pk must equal it
 * (`KEY_INVALID` otherwise). Fails with a decoding code or `PROOF_INVALID`.
 */
export function verifyCourseBallot<E>(G: Group<E>, v: unknown, electionPk?: E): Result<CourseBallot<E>> {
  // 1. Inputs: exact shape, elements in the group, challenges and responses in [0, q).
  const d = decodeBallot(G, v);
  if (!d.ok) return d;
  const b = d.value;
  if (electionPk !== undefined && !G.eq(b.pk, electionPk))
    return fail('KEY_INVALID', 'the ballot is not encrypted under the election key');
  // 2. e0 + e1 ≡ H({"ct","commit","pk"}) (mod q).
  const total = courseHash(G, ballotHashInput(G, b.pk, b.ct, b.commit));
  if (addScalars(G, b.challenge[0], b.challenge[1]) !== total)
    return fail('PROOF_INVALID', 'the ballot proof challenges do not add up to the hash');
  // 3. For s ∈ {0,1}: g^(f_s) = d1_s·c1^(e_s) and pk^(f_s) = d2_s·(c2/g^s)^(e_s).
  const c2s = [b.ct.b, G.div(b.ct.b, G.g)];
  for (let s = 0; s < 2; s++) {
    const [d1, d2] = b.commit[s]!;
    const e = b.challenge[s]!;
    const f = b.response[s]!;
    const left1 = G.op(G.expG(f), G.multiExp([b.ct.a], [negScalar(G, e)]));
    const left2 = G.multiExp([b.pk, c2s[s]!], [f, negScalar(G, e)]);
    if (!G.eq(left1, d1) || !G.eq(left2, d2))
      return fail('PROOF_INVALID', `the ballot proof does not verify for the vote-${s} branch`);
  }
  return ok(b);
}

// ——— dec_factor ———

/** A course decryption factor s = c1^x with its proof of correct decryption. */
export interface CourseDecFactor<E> {
  readonly pk: E;
  readonly c1: E;
  readonly decryptionFactor: E;
  readonly commit: readonly [E, E];
  /** r + (e·x mod q), not reduced again: in [0, 2q − 2]. */
  readonly response: bigint;
}

function decHashInput<E>(G: Group<E>, pk: E, c1: E, s: E, commit: readonly [E, E]): JsonValue {
  return {
    c1: G.toJson(c1),
    commit: [G.toJson(commit[0]), G.toJson(commit[1])],
    decryption_factor: G.toJson(s),
    pk: G.toJson(pk),
  };
}

/** Computes the decryption factor c1^x and its course proof. */
export function proveDecFactor<E>(G: Group<E>, x: bigint, c1: E, rng: Rng): CourseDecFactor<E> {
  const pk = G.expG(x);
  const s = G.exp(c1, x);
  const r = G.randomScalar(rng);
  const commit: [E, E] = [G.expG(r), G.exp(c1, r)];
  const e = courseHash(G, decHashInput(G, pk, c1, s, commit));
  return { pk, c1, decryptionFactor: s, commit, response: r + ((e * x) % G.q) };
}

/** JSON `{"pk","c1","decryption_factor","commit":[d0,d1],"response"}`. */
export function decFactorToJson<E>(G: Group<E>, d: CourseDecFactor<E>): JsonObject {
  return {
    c1: G.toJson(d.c1),
    commit: [G.toJson(d.commit[0]), G.toJson(d.commit[1])],
    decryption_factor: G.toJson(d.decryptionFactor),
    pk: G.toJson(d.pk),
    response: d.response,
  };
}

/**
 * Strictly decodes and verifies a course dec_factor. If `expected` values are given, pk and c1 must
 * equal them (`KEY_INVALID`, `CIPHERTEXT_INVALID`). Fails with a decoding code or `PROOF_INVALID`.
 */
export function verifyDecFactor<E>(
  G: Group<E>,
  v: unknown,
  expected: { readonly pk?: E; readonly c1?: E } = {},
): Result<CourseDecFactor<E>> {
  const what = 'dec_factor';
  // 1. Inputs: exact keys, elements in the group, response in [0, 2q − 2].
  const o = exactKeys(v, ['pk', 'c1', 'decryption_factor', 'commit', 'response'], what);
  if (!o.ok) return o;
  const pk = elementField(G, o.value, 'pk', what);
  if (!pk.ok) return pk;
  const c1 = elementField(G, o.value, 'c1', what);
  if (!c1.ok) return c1;
  const s = elementField(G, o.value, 'decryption_factor', what);
  if (!s.ok) return s;
  const cp = pair(o.value.commit, `${what}.commit`);
  if (!cp.ok) return cp;
  const d0 = G.fromJson(cp.value[0]);
  if (!d0.ok) return within(`${what}.commit[0]`, d0);
  const d1 = G.fromJson(cp.value[1]);
  if (!d1.ok) return within(`${what}.commit[1]`, d1);
  const f = intIn(o.value.response, 2n * G.q - 2n, `${what}.response`);
  if (!f.ok) return f;
  if (expected.pk !== undefined && !G.eq(pk.value, expected.pk))
    return fail('KEY_INVALID', 'the decryption factor is for another tallier key');
  if (expected.c1 !== undefined && !G.eq(c1.value, expected.c1))
    return fail('CIPHERTEXT_INVALID', 'the decryption factor is for another c1');
  const d: CourseDecFactor<E> = {
    pk: pk.value,
    c1: c1.value,
    decryptionFactor: s.value,
    commit: [d0.value, d1.value],
    response: f.value,
  };
  // 2. e = H({"pk","c1","decryption_factor","commit"}).
  const e = courseHash(G, decHashInput(G, d.pk, d.c1, d.decryptionFactor, d.commit));
  // 3. g^f = d0·pk^e and c1^f = d1·s^e (exponents reduced mod q: elements have order q).
  const fq = f.value % G.q;
  if (!G.eq(gPow(G, f.value), G.op(d.commit[0], G.multiExp([d.pk], [e]))))
    return fail('PROOF_INVALID', 'the decryption factor proof does not verify (g side)');
  if (!G.eq(G.multiExp([d.c1], [fq]), G.op(d.commit[1], G.multiExp([d.decryptionFactor], [e]))))
    return fail('PROOF_INVALID', 'the decryption factor proof does not verify (c1 side)');
  return ok(d);
}
