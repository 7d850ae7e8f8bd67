/**
 * Each Ed25519 signature of a ledger is checked once. The worker threads that check ballots also check
 * the signatures around them (the ballot transaction's and its receipt's) and send back a digest of
 * each (public key, message, signature) triple they found valid; the main thread's `Ed25519` answers
 * `true` for a known triple without verifying it again, and verifies anything else itself. The digest is
 * SHA-256(pk ‖ sig ‖ message): a valid triple is remembered only for that exact message.
 */
import { createHash } from 'node:crypto';
import type { Ed25519 } from '../crypto/sig/ed25519.js';

/** SHA-256(pk ‖ sig ‖ message) in hex: the name of one verified triple. */
export function signatureDigest(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): string {
  return createHash('sha256').update(publicKey).update(signature).update(message).digest('hex');
}

/** An Ed25519 that verifies with `base` and appends the digest of each valid triple to `sink()`. */
export function recordingEd(base: Ed25519, sink: () => string[]): Ed25519 {
  return {
    backend: base.backend,
    publicKeyFromSecret: (secretKey) => base.publicKeyFromSecret(secretKey),
    sign: (secretKey, message) => base.sign(secretKey, message),
    verify(publicKey, message, signature) {
      const valid = base.verify(publicKey, message, signature);
      if (valid) sink().push(signatureDigest(publicKey, message, signature));
      return valid;
    },
  };
}

/** The set of triples already verified, and an Ed25519 that consults it. */
export class SignatureMemo {
  private readonly known = new Set<string>();
  /** Verifications answered from the set, and verifications computed. */
  hits = 0;
  computed = 0;

  /** Records triples a worker verified. */
  addAll(digests: readonly string[]): void {
    for (const d of digests) this.known.add(d);
  }

  /** `base`, answering known valid triples from the set (and remembering new valid ones). */
  wrap(base: Ed25519): Ed25519 {
    return {
      backend: base.backend,
      publicKeyFromSecret: (secretKey) => base.publicKeyFromSecret(secretKey),
      sign: (secretKey, message) => base.sign(secretKey, message),
      verify: (publicKey, message, signature) => {
        if (!(publicKey instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
        if (!(message instanceof Uint8Array)) return false;
        const d = signatureDigest(publicKey, message, signature);
        if (this.known.has(d)) {
          this.hits++;
          return true;
        }
        this.computed++;
        const valid = base.verify(publicKey, message, signature);
        if (valid) this.known.add(d);
        return valid;
      },
    };
  }
}
