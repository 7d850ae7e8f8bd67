/**
 * Deliberate faults, off by default, for tests and demonstrations of how the election copes with a
 * misbehaving trustee. Each must be asked for explicitly (`--fault …` on the command line); a trustee
 * running with a fault says so in its log at start.
 */
import type { Group } from '../../../crypto/group/group.js';
import type { PaillierDecryptionBody } from '../../../protocol/ceremony/paillier-decryption.js';
import type { TallyShare } from '../../../protocol/decrypt-elgamal.js';

/** Faults a trustee can be told to commit. */
export interface TrusteeFaults {
  /**
   * Post a wrong tally decryption: D of the first partial decryption is multiplied by g (so its proof
   * fails), or the first Paillier count is raised by one. Every node detects it, names the trustee and
   * excludes it.
   */
  readonly wrongPartial?: boolean;
  /**
   * Stay offline: `decryption` takes part in the key ceremony and then never posts its decryption;
   * `all` never publishes anything.
   */
  readonly offline?: 'decryption' | 'all';
}

/** Names of the faults as the command line spells them. */
export const FAULT_NAMES = ['wrong-partial', 'offline', 'offline-decryption'] as const;

/** A fault's command-line name. */
export type FaultName = (typeof FAULT_NAMES)[number];

/** The faults named on the command line. */
export function faultsFromNames(names: readonly FaultName[]): TrusteeFaults {
  const offline = names.includes('offline')
    ? 'all'
    : names.includes('offline-decryption')
      ? 'decryption'
      : undefined;
  return {
    ...(names.includes('wrong-partial') ? { wrongPartial: true } : {}),
    ...(offline === undefined ? {} : { offline }),
  };
}

/** The share with its first partial decryption's D replaced by D·g: its Chaum–Pedersen proof no longer holds. */
export function corruptTallyShare<E>(G: Group<E>, share: TallyShare<E>): TallyShare<E> {
  const partials = share.partials.map((row, q) =>
    row.map((pd, o) => (q === 0 && o === 0 ? { ...pd, D: G.op(pd.D, G.g) } : pd)),
  );
  return { ...share, partials };
}

/** The Paillier decryption with its first count raised by one: the opening no longer holds. */
export function corruptPaillierDecryption(body: PaillierDecryptionBody): PaillierDecryptionBody {
  const decryptions = body.decryptions.map((row, q) =>
    row.map((d, o) => (q === 0 && o === 0 ? { ...d, m: d.m + 1n } : d)),
  );
  return { ...body, decryptions };
}
