/**
 * The cryptography a trustee needs for an election's scheme: the ElGamal group of a threshold election,
 * or the Paillier operations, prime generator and modulus size of a Paillier key holder. Chosen by the
 * caller (native backends in a node process, small or pure ones in tests).
 */
import type { Group } from '../../../crypto/group/group.js';
import type { PrimeGenerator } from '../../../crypto/paillier/primes.js';
import type { Paillier } from '../../../crypto/paillier/scheme.js';
import type { ElectionScheme } from '../../../protocol/election/definition.js';

/** ElGamal elections: the group of the election key. */
export interface ElGamalSuite {
  readonly kind: 'elgamal';
  readonly G: Group<unknown>;
}

/** Paillier elections: the operations, the prime generator (OpenSSL in a node) and the modulus size. */
export interface PaillierSuite {
  readonly kind: 'paillier';
  readonly P: Paillier;
  readonly generatePrime: PrimeGenerator;
  /** Modulus size of a new key (3072 in elections). */
  readonly bits: number;
  /** Smallest modulus the ledger accepts (2048 unless the election says otherwise). */
  readonly minBits?: number;
}

/** The cryptography of one scheme. */
export type TrusteeSuite = ElGamalSuite | PaillierSuite;

/** Picks the cryptography of a scheme. */
export type SuiteFor = (scheme: ElectionScheme) => TrusteeSuite;
