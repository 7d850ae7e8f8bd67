/**
 * Encrypted ballots: creation with every proof, strict checking, and Benaloh audits.
 *
 * Wire form (canonical JSON):
 * `{"questions":[{"selections":[{"ct":…,"proof":…},…],"limit":…},…]}` — one ciphertext and 0/1 proof per
 * option in manifest order, and per question one selection-limit proof that the homomorphic sum of its
 * ciphertexts encrypts a count in [min, max]. Every proof's context is the election fingerprint with the
 * label `{"ballot": binding, "q": i, "o": j}` (option proofs) or `{"ballot": binding, "q": i}` (limit
 * proofs), where `binding` ties the proofs to one voter and ballot id so they cannot be replayed.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../crypto/encoding/canonical-json.js';
import type { ProofContext } from '../crypto/proofs/fiat-shamir.js';
import { fail, ok, type Result, within } from '../crypto/result.js';
import type { Rng } from '../crypto/rng.js';
import type { Manifest } from './manifest.js';
import type { BallotScheme } from './scheme.js';
import { checkPlaintext, type Plaintext } from './selections.js';

/** What a ballot's proofs are bound to. */
export interface BallotContext<C> {
  readonly manifest: Manifest;
  readonly scheme: BallotScheme<C>;
  /** Election fingerprint (hex). */
  readonly fingerprint: string;
}

/** A decoded, checked ballot: the ciphertexts per question and option. */
export type EncryptedSelections<C> = readonly (readonly C[])[];

/** The secret a voter keeps to audit a ballot (Benaloh challenge): plaintext and randomness. */
export interface BallotSecrets {
  readonly plaintext: Plaintext;
  readonly randomness: readonly (readonly bigint[])[];
}

function optionCtx(fingerprint: string, binding: string, q: number, o: number): ProofContext {
  return { fingerprint, label: { ballot: binding, q, o } };
}

function limitCtx(fingerprint: string, binding: string, q: number): ProofContext {
  return { fingerprint, label: { ballot: binding, q } };
}

/** An encrypted ballot with the secrets that let its voter audit it. */
export interface CreatedBallot {
  readonly ballot: JsonObject;
  readonly secrets: BallotSecrets;
}

/** Encrypts a plaintext with every proof; fails with SELECTION_INVALID if it violates the manifest. */
export function createBallot<C>(
  bc: BallotContext<C>,
  plaintext: Plaintext,
  binding: string,
  rng: Rng,
): Result<CreatedBallot> {
  const valid = checkPlaintext(bc.manifest, plaintext);
  if (!valid.ok) return valid;
  const { scheme, fingerprint } = bc;
  const randomness: bigint[][] = [];
  const questions = bc.manifest.questions.map((q, qi) => {
    const row = plaintext[qi]!;
    const rs = row.map(() => scheme.randomness(rng));
    randomness.push(rs);
    const cts = row.map((m, oi) => scheme.encrypt(BigInt(m), rs[oi]!));
    const selections = row.map((m, oi) => ({
      ct: scheme.ctToJson(cts[oi]!),
      proof: scheme.proveZeroOne(optionCtx(fingerprint, binding, qi, oi), cts[oi]!, m, rs[oi]!, rng),
    }));
    const count = row.reduce<number>((s, x) => s + x, 0);
    const limit = scheme.proveRange(
      limitCtx(fingerprint, binding, qi),
      scheme.sum(cts),
      count,
      scheme.sumRandomness(rs),
      q.min,
      q.max,
      rng,
    );
    return { selections, limit };
  });
  return ok({ ballot: { questions }, secrets: { plaintext, randomness } });
}

/** Reads a ballot's ciphertexts and checks its shape against the manifest (no proofs checked). */
export function readBallotCiphertexts<C>(
  bc: BallotContext<C>,
  ballot: unknown,
): Result<EncryptedSelections<C>> {
  if (!isJsonObject(ballot) || Object.keys(ballot).length !== 1 || !Array.isArray(ballot.questions)) {
    return fail('BALLOT_INVALID', 'ballot must be an object with exactly the field "questions"');
  }
  const qs = bc.manifest.questions;
  if (ballot.questions.length !== qs.length) {
    return fail(
      'BALLOT_INVALID',
      `ballot has ${ballot.questions.length} questions, the manifest ${qs.length}`,
    );
  }
  const out: C[][] = [];
  for (let qi = 0; qi < qs.length; qi++) {
    const bq = ballot.questions[qi];
    const where = `questions[${qi}]`;
    if (
      !isJsonObject(bq) ||
      Object.keys(bq).length !== 2 ||
      !Array.isArray(bq.selections) ||
      !('limit' in bq)
    ) {
      return fail('BALLOT_INVALID', `${where} must have exactly "selections" and "limit"`);
    }
    if (bq.selections.length !== qs[qi]!.options.length) {
      return fail(
        'BALLOT_INVALID',
        `${where} has ${bq.selections.length} selections, expected ${qs[qi]!.options.length}`,
      );
    }
    const row: C[] = [];
    for (let oi = 0; oi < bq.selections.length; oi++) {
      const s: JsonValue = bq.selections[oi]!;
      if (!isJsonObject(s) || Object.keys(s).length !== 2 || !('ct' in s) || !('proof' in s)) {
        return fail('BALLOT_INVALID', `${where}.selections[${oi}] must have exactly "ct" and "proof"`);
      }
      const ct = bc.scheme.ctFromJson(s.ct);
      if (!ct.ok) return within(`${where}.selections[${oi}].ct`, ct);
      row.push(ct.value);
    }
    out.push(row);
  }
  return ok(out);
}

/**
 * Fully checks a ballot: shape, every ciphertext's validity, every 0/1 proof and every selection-limit
 * proof, bound to `binding`. Returns the ciphertexts; never throws.
 */
export function checkBallot<C>(
  bc: BallotContext<C>,
  ballot: unknown,
  binding: string,
): Result<EncryptedSelections<C>> {
  const read = readBallotCiphertexts(bc, ballot);
  if (!read.ok) return read;
  const cts = read.value;
  const questions = (ballot as { questions: JsonObject[] }).questions;
  for (let qi = 0; qi < cts.length; qi++) {
    const q = bc.manifest.questions[qi]!;
    const sels = questions[qi]!.selections as JsonObject[];
    // Each option ciphertext encrypts 0 or 1.
    for (let oi = 0; oi < cts[qi]!.length; oi++) {
      const v = bc.scheme.verifyZeroOne(
        optionCtx(bc.fingerprint, binding, qi, oi),
        cts[qi]![oi]!,
        sels[oi]!.proof,
      );
      if (!v.ok) return within(`questions[${qi}].selections[${oi}].proof`, v);
    }
    // The number of selected options lies in [min, max].
    const v = bc.scheme.verifyRange(
      limitCtx(bc.fingerprint, binding, qi),
      bc.scheme.sum(cts[qi]!),
      q.min,
      q.max,
      questions[qi]!.limit,
    );
    if (!v.ok) return within(`questions[${qi}].limit`, v);
  }
  return ok(cts);
}

/** JSON form of a ballot's audit secrets (revealed when the voter challenges the ballot). */
export function secretsToJson<C>(bc: BallotContext<C>, s: BallotSecrets): JsonObject {
  return {
    plaintext: s.plaintext.map((row) => [...row]),
    randomness: s.randomness.map((row) => row.map((r) => bc.scheme.randomnessToJson(r))),
  };
}

/**
 * Benaloh audit: checks that the revealed plaintext and randomness re-encrypt to exactly the ballot's
 * ciphertexts, and returns the plaintext the ballot held. Never throws.
 */
export function auditBallot<C>(bc: BallotContext<C>, ballot: unknown, revealed: unknown): Result<Plaintext> {
  const read = readBallotCiphertexts(bc, ballot);
  if (!read.ok) return read;
  if (!isJsonObject(revealed) || !Array.isArray(revealed.plaintext) || !Array.isArray(revealed.randomness)) {
    return fail('BALLOT_INVALID', 'audit data must have "plaintext" and "randomness" arrays');
  }
  const pt = revealed.plaintext as unknown as number[][];
  if (!pt.every((row) => Array.isArray(row)))
    return fail('BALLOT_INVALID', 'plaintext must be a list of lists');
  const shape = checkPlaintext(bc.manifest, pt);
  if (!shape.ok) return shape;
  const rnd = revealed.randomness;
  for (let qi = 0; qi < read.value.length; qi++) {
    const rrow = rnd[qi];
    if (!Array.isArray(rrow) || rrow.length !== read.value[qi]!.length) {
      return fail('BALLOT_INVALID', `randomness for question ${qi} has the wrong length`);
    }
    for (let oi = 0; oi < rrow.length; oi++) {
      const r = bc.scheme.randomnessFromJson(rrow[oi]);
      if (!r.ok) return within(`randomness[${qi}][${oi}]`, r);
      const again = bc.scheme.encrypt(BigInt(pt[qi]![oi]!), r.value);
      if (!bc.scheme.eq(again, read.value[qi]![oi]!)) {
        return fail(
          'BALLOT_INVALID',
          `question ${qi} option ${oi}: revealed values do not re-encrypt to the ballot`,
        );
      }
    }
  }
  return ok(pt as Plaintext);
}
