/**
 * Parameters of the modp groups: the subgroup of quadratic residues modulo a safe prime p = 2q + 1,
 * which has prime order q. RFC 3526 supplies the 2048- and 3072-bit primes; the small `modp-test*`
 * groups are safe primes generated for tests only and are never accepted in elections.
 *
 * Generator: every listed p satisfies p ≡ 7 (mod 8), so 2 is a quadratic residue (second supplement
 * of quadratic reciprocity) and, being ≠ 1 in a group of prime order q, generates it. g = 2 is used for
 * all of them; test/crypto/modp-params.test.ts re-checks 2^q ≡ 1 (mod p) and the primality of p and q.
 */
import type { GroupName } from '../group.js';

/** Parameters of one modp group. */
export interface ModpParams {
  /** Group name hashed into challenges. */
  readonly name: GroupName;
  /** The safe prime p = 2q + 1. */
  readonly p: bigint;
  /** The prime order q = (p − 1)/2 of the quadratic-residue subgroup. */
  readonly q: bigint;
  /** The generator of the quadratic-residue subgroup. */
  readonly g: bigint;
  /** True for test groups (too small for any real use). */
  readonly testOnly: boolean;
}

function hex(s: string): bigint {
  return BigInt(`0x${s.replace(/\s+/g, '')}`);
}

function params(name: GroupName, p: bigint, testOnly: boolean): ModpParams {
  return Object.freeze({ name, p, q: (p - 1n) / 2n, g: 2n, testOnly });
}

/** RFC 3526 §3, 2048-bit MODP group: p = 2^2048 − 2^1984 − 1 + 2^64·(⌊2^1918·π⌋ + 124476). */
export const MODP2048_P = hex(`
  FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
  EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
  EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
  83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
  E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510
  15728E5A 8AACAA68 FFFFFFFF FFFFFFFF`);

/** RFC 3526 §4, 3072-bit MODP group: p = 2^3072 − 2^3008 − 1 + 2^64·(⌊2^2942·π⌋ + 1690314). */
export const MODP3072_P = hex(`
  FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
  EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
  EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
  83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
  E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510
  15728E5A 8AAAC42D AD33170D 04507A33 A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7
  ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864 D8760273 3EC86A64 521F2B18 177B200C
  BBE11757 7A615D6C 770988C0 BAD946E2 08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A93AD2CA FFFFFFFF FFFFFFFF`);

/** The production groups (RFC 3526). */
export const MODP2048: ModpParams = params('modp2048', MODP2048_P, false);
/** The production groups (RFC 3526). */
export const MODP3072: ModpParams = params('modp3072', MODP3072_P, false);

/** 64-bit safe prime test group (tests only). */
export const MODP_TEST64: ModpParams = params('modp-test64', 17438328590041642007n, true);
/** 128-bit safe prime test group (tests only). */
export const MODP_TEST128: ModpParams = params(
  'modp-test128',
  299090938873412234640404980298644500287n,
  true,
);
/** 256-bit safe prime test group (tests only). */
export const MODP_TEST256: ModpParams = params(
  'modp-test256',
  105738424339246343633923451226841258852930535235388727663845921342555462007567n,
  true,
);

/** Every known modp group by name. */
export const MODP_GROUPS = Object.freeze({
  modp2048: MODP2048,
  modp3072: MODP3072,
  'modp-test64': MODP_TEST64,
  'modp-test128': MODP_TEST128,
  'modp-test256': MODP_TEST256,
});

/** Names of the known modp groups. */
export type ModpName = keyof typeof MODP_GROUPS;
