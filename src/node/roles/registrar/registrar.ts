/**
 * The registrar role, assembled from injected components: the registrar's database (its own tables in
 * the node's database), its Ed25519 key (the node identity), randomness, a clock, the at-rest secret, and
 * `submitTx`, the hook through which its ledger records reach the node's transaction intake.
 */
import { hkdfSync } from 'node:crypto';
import type { BlindSecretKey } from '../../../crypto/blind/keys.js';
import type { RsaPrivateOp } from '../../../crypto/blind/rsa-private.js';
import { rsaPrivateNative } from '../../../crypto/node/rsa-private-native.js';
import type { Result } from '../../../crypto/result.js';
import type { Rng } from '../../../crypto/rng.js';
import type { Ed25519 } from '../../../crypto/sig/ed25519.js';
import type { ElectionDefinition, RollCommitment } from '../../../protocol/election/definition.js';
import type { RegistrarDb } from '../../../store/registrar/open.js';
import { purgeSessions } from '../../../store/registrar/sessions.js';
import { type Clock, type NodeLogger, type Startable, silentLogger } from '../../service.js';
import { createAdmin } from './admin.js';
import {
  DEFAULT_SESSION_TIMES,
  type RegistrarContext,
  type RegistrarKey,
  type SessionTimes,
  type SubmitTx,
} from './context.js';
import { currentRoll, ElectionBook, type LoadedElection } from './elections.js';
import type { RegResult } from './errors.js';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from './lockout.js';
import { blindTokensMode, type TokenAnswer, type TokenRequest } from './modes/blind-tokens.js';
import { identityKeysMode, type KeyAnswer, type KeyRequest } from './modes/identity-keys.js';
import { checkGate, type EligibilityModeService } from './modes/mode.js';
import { decoyHash, type PasswordCost } from './password.js';
import { Publisher } from './publisher.js';
import { type ImportProgress, type ImportResult, importRoll } from './roll-import.js';
import { secretBox } from './secret-box.js';

/** What {@link createRegistrar} needs. */
export interface RegistrarOptions {
  readonly db: RegistrarDb;
  readonly ed: Ed25519;
  /** The registrar's signing key (the node identity); its public key is the definitions' `registrar`. */
  readonly key: RegistrarKey;
  readonly rng: Rng;
  /** Default `Date.now`. */
  readonly now?: Clock;
  /** 32 bytes keying the encryption at rest of TOTP secrets and token keys (see {@link atRestSecretOf}). */
  readonly atRestSecret: Uint8Array;
  readonly submitTx: SubmitTx;
  /** argon2id cost of new hashes; default `production` (OWASP: m = 19 MiB, t = 2, p = 1). */
  readonly cost?: PasswordCost;
  readonly lockout?: LockoutPolicy;
  readonly sessions?: Partial<SessionTimes>;
  /** Issuer shown by authenticator apps; default `pnyx`. */
  readonly issuer?: string;
  /** Blind signer's RSA operation; default OpenSSL. */
  readonly rsa?: RsaPrivateOp;
  readonly logger?: NodeLogger;
  /** Batching delay of ledger publications; default 200 ms. */
  readonly publishDelayMs?: number;
  /** Identity keys: boxes per voter (default all allow-listed boxes). */
  readonly boxesPerVoter?: number;
}

/** A running registrar. */
export interface Registrar extends Startable {
  readonly context: RegistrarContext;
  readonly elections: ElectionBook;
  readonly publisher: Publisher;
  readonly identityKeys: EligibilityModeService<KeyRequest, KeyAnswer>;
  readonly blindTokens: EligibilityModeService<TokenRequest, TokenAnswer>;
  /** Imports a CSV roll (all or nothing). */
  importRoll(csv: string, actor: string, progress?: ImportProgress): Promise<RegResult<ImportResult>>;
  /** Creates an administrator (the CLI and `adminBootstrap` pass `onlyIfNone`). */
  createAdmin(
    login: string,
    password: string,
    actor: string,
    onlyIfNone?: boolean,
  ): Promise<RegResult<{ login: string }>>;
  /** The commitment to the current roll, for the genesis. */
  rollCommitment(): Promise<Result<RollCommitment>>;
  /** Starts serving an election (see {@link ElectionBook.add}). */
  addElection(
    definition: ElectionDefinition,
    chain: string,
    actor: string,
    tokenKey?: BlindSecretKey,
  ): Promise<RegResult<LoadedElection>>;
  /** Identity keys: registers a voter's key (gate, mode, then a scheduled publication). */
  registerKey(electionId: string, voterId: number, req: KeyRequest): Promise<RegResult<KeyAnswer>>;
  /** Blind tokens: signs a voter's blinded message once. */
  requestToken(electionId: string, voterId: number, req: TokenRequest): Promise<RegResult<TokenAnswer>>;
}

/** Derives the at-rest secret from the node's identity seed (HKDF-SHA-256, its own label). */
export function atRestSecretOf(identitySecret: Uint8Array): Uint8Array {
  return new Uint8Array(
    hkdfSync('sha256', identitySecret, new Uint8Array(0), 'pnyx/v1/registrar/at-rest-secret', 32),
  );
}

/** Builds the registrar; `start()` submits what a previous run left pending. */
export async function createRegistrar(o: RegistrarOptions): Promise<Registrar> {
  const cost = o.cost ?? 'production';
  const c: RegistrarContext = {
    db: o.db,
    ed: o.ed,
    key: o.key,
    rng: o.rng,
    now: o.now ?? Date.now,
    box: secretBox(o.atRestSecret, o.rng),
    submitTx: o.submitTx,
    cost,
    lockout: o.lockout ?? DEFAULT_LOCKOUT,
    sessions: { ...DEFAULT_SESSION_TIMES, ...o.sessions },
    issuer: o.issuer ?? 'pnyx',
    rsa: o.rsa ?? rsaPrivateNative,
    logger: o.logger ?? silentLogger,
    decoy: await decoyHash(cost),
  };
  const elections = new ElectionBook(c);
  const identityKeys = identityKeysMode(c, o.boxesPerVoter);
  const blindTokens = blindTokensMode(c);
  const publisher = new Publisher(
    c,
    elections,
    { 'identity-keys': identityKeys, 'blind-tokens': blindTokens },
    o.publishDelayMs ?? 200,
  );
  async function viaMode<Req, Res>(
    mode: EligibilityModeService<Req, Res>,
    electionId: string,
    voterId: number,
    req: Req,
  ): Promise<RegResult<Res>> {
    const e = await elections.get(electionId);
    if (!e.ok) return e;
    const gate = await checkGate(c, e.value, mode.mode, voterId);
    if (!gate.ok) return gate;
    const r = await mode.register(e.value, voterId, req);
    if (r.ok) publisher.schedule();
    return r;
  }
  return {
    context: c,
    elections,
    publisher,
    identityKeys,
    blindTokens,
    importRoll: (csv, actor, progress) => importRoll(c, csv, actor, progress),
    createAdmin: (login, password, actor, onlyIfNone) => createAdmin(c, login, password, actor, onlyIfNone),
    rollCommitment: async () => {
      const r = await currentRoll(c.db.db);
      return r.ok ? { ok: true, value: r.value.roll } : r;
    },
    addElection: async (definition, chain, actor, tokenKey) => {
      const r = await elections.add(definition, chain, actor, tokenKey);
      if (r.ok) publisher.schedule();
      return r;
    },
    registerKey: (id, voter, req) => viaMode(identityKeys, id, voter, req),
    requestToken: (id, voter, req) => viaMode(blindTokens, id, voter, req),
    async start() {
      await purgeSessions(c.db.db, c.now());
      await publisher.start();
    },
    async stop() {
      await publisher.stop();
    },
  };
}
