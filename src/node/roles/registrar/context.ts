/** What the registrar's services share: the database, keys, clock, randomness and policies. */

import type { RsaPrivateOp } from '../../../crypto/blind/rsa-private.js';
import type { Rng } from '../../../crypto/rng.js';
import type { Ed25519 } from '../../../crypto/sig/ed25519.js';
import type { Tx } from '../../../ledger/authority/tx.js';
import type { LedgerResult } from '../../../ledger/errors.js';
import type { RegistrarDb } from '../../../store/registrar/open.js';
import type { Clock, NodeLogger } from '../../service.js';
import type { LockoutPolicy } from './lockout.js';
import type { PasswordCost } from './password.js';
import type { SecretBox } from './secret-box.js';

/**
 * Hands a signed transaction to the ledger (the node's intake); resolves once it is durably pending, or
 * with the ledger's refusal. May throw when the ledger cannot be reached (the publication is retried).
 */
export type SubmitTx = (tx: Tx) => Promise<LedgerResult<unknown>>;

/** Lifetimes of sessions, in milliseconds. */
export interface SessionTimes {
  /** Voter sessions (default 30 minutes). */
  readonly voterMs: number;
  /** Admin sessions (default 15 minutes). */
  readonly adminMs: number;
  /** Time to give the TOTP code after the password (default 5 minutes). */
  readonly totpMs: number;
}

/** Default session lifetimes. */
export const DEFAULT_SESSION_TIMES: SessionTimes = {
  voterMs: 30 * 60_000,
  adminMs: 15 * 60_000,
  totpMs: 5 * 60_000,
};

/** The registrar's Ed25519 signing key (a node identity fits). */
export interface RegistrarKey {
  readonly publicKey: string;
  readonly secretKey: Uint8Array;
}

/** Everything the services use. */
export interface RegistrarContext {
  readonly db: RegistrarDb;
  readonly ed: Ed25519;
  readonly key: RegistrarKey;
  readonly rng: Rng;
  readonly now: Clock;
  readonly box: SecretBox;
  readonly submitTx: SubmitTx;
  readonly cost: PasswordCost;
  readonly lockout: LockoutPolicy;
  readonly sessions: SessionTimes;
  /** Issuer name shown by authenticator apps. */
  readonly issuer: string;
  /** The blind signer's RSA private operation (OpenSSL on the server). */
  readonly rsa: RsaPrivateOp;
  readonly logger: NodeLogger;
  /** argon2id hash checked for unknown logins, so they take as long as known ones. */
  readonly decoy: string;
}
