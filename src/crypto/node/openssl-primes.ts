/** OpenSSL's prime generator for Paillier keys (node:crypto.generatePrimeSync). */
import { generatePrimeSync } from 'node:crypto';
import type { PrimeGenerator } from '../paillier/primes.js';

/**
 * Random prime of exactly `bits` bits from OpenSSL (BN_generate_prime_ex: its candidates have the top
 * two bits set, and it runs the Miller–Rabin rounds FIPS 186-5 asks for that size).
 */
export const opensslPrime: PrimeGenerator = (bits) => generatePrimeSync(bits, { bigint: true });
