/** The Paillier cryptosystem (pure; the exponentiation engine and the prime generator are injected). */
export * from './decryption.js';
export * from './json.js';
export * from './key-proof.js';
export * from './keys.js';
export {
  checkOneOf,
  type OneOfProof,
  type OneOfStatement,
  oneOfProofFromJson,
  oneOfProofToJson,
  PAILLIER_CHALLENGE_BITS,
  PAILLIER_SCOPE,
  proveOneOf,
} from './one-of.js';
export * from './primes.js';
export * from './scheme.js';
export * from './selection-limit.js';
export * from './zero-one.js';
