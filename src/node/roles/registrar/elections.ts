/**
 * Elections the registrar serves. `addElection` is called once the genesis exists: it checks that the
 * definition names this registrar and commits to the current roll, stores the definition, the ledger's
 * genesis id and (blind-token mode) the sealed RSA token key, and snapshots the roll: only voters on it
 * may register. Loaded elections are cached.
 */
import {
  type BlindSecretKey,
  blindPublicKeyToJson,
  exportBlindSecretKey,
  importBlindSecretKey,
} from '../../../crypto/blind/keys.js';
import { canonicalJson, parseJson } from '../../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../../../crypto/result.js';
import type { ElectionDefinition, RollCommitment } from '../../../protocol/election/definition.js';
import { electionFingerprint } from '../../../protocol/election/fingerprint.js';
import { readElection } from '../../../protocol/election/read.js';
import { rollCommitment, rollEntryCommitment } from '../../../protocol/election/roll.js';
import { electionToJson } from '../../../protocol/election/write.js';
import { type Db, rollRows } from '../../../store/registrar/accounts.js';
import { appendAudit } from '../../../store/registrar/audit.js';
import { findElection, insertElection } from '../../../store/registrar/elections.js';
import type { RegistrarContext } from './context.js';
import { type RegResult, refuse } from './errors.js';

/** An election as the services use it. */
export interface LoadedElection {
  readonly definition: ElectionDefinition;
  readonly fingerprint: string;
  /** Genesis id of the election's ledger. */
  readonly chain: string;
  /** Blind-token mode: the RSA signing key. */
  readonly tokenKey?: BlindSecretKey;
}

/** The roll commitment of every voter now in the database, with their ids. */
export async function currentRoll(db: Db): Promise<Result<{ roll: RollCommitment; ids: number[] }>> {
  const rows = await rollRows(db);
  if (rows.length === 0) return fail('ELECTION_INVALID', 'the voter roll is empty; import it first');
  const c = rollCommitment(rows.map((r) => rollEntryCommitment(r.login, r.roll_salt)));
  return c.ok ? ok({ roll: c.value, ids: rows.map((r) => r.id) }) : c;
}

/** The sorted roll entry commitments (public: they reveal no login). */
export async function rollEntries(db: Db): Promise<string[]> {
  return (await rollRows(db)).map((r) => rollEntryCommitment(r.login, r.roll_salt)).sort();
}

const tokenAd = (id: string) => `token-key:${id}`;

/** The election cache of one registrar. */
export class ElectionBook {
  private readonly cache = new Map<string, LoadedElection>();

  constructor(private readonly c: RegistrarContext) {}

  /**
   * Starts serving an election. Refused: `ELECTION_EXISTS`; `ELECTION_INVALID` when the definition is not
   * this registrar's, its roll is not the current roll, or the token key does not match the definition.
   */
  async add(
    definition: ElectionDefinition,
    chain: string,
    actor: string,
    tokenKey?: BlindSecretKey,
  ): Promise<RegResult<LoadedElection>> {
    const c = this.c;
    if (await findElection(c.db.db, definition.id))
      return refuse('ELECTION_EXISTS', `election "${definition.id}" is already served`);
    if (!/^[0-9a-f]{64}$/.test(chain)) return fail('ELECTION_INVALID', 'the chain must be a genesis id');
    if (definition.registrar !== c.key.publicKey)
      return fail('ELECTION_INVALID', 'the definition names another registrar key');
    const roll = await currentRoll(c.db.db);
    if (!roll.ok) return roll;
    if (roll.value.roll.count !== definition.roll.count || roll.value.roll.hash !== definition.roll.hash)
      return fail('ELECTION_INVALID', 'the definition does not commit to the current voter roll');
    let sealed: string | null = null;
    if (definition.eligibility.mode === 'blind-tokens') {
      if (!tokenKey || blindPublicKeyToJson(tokenKey.publicKey) !== definition.eligibility.token_key)
        return fail('ELECTION_INVALID', 'the token key does not match the definition');
      sealed = c.box.seal(await exportBlindSecretKey(tokenKey), tokenAd(definition.id));
    }
    const fingerprint = electionFingerprint(definition);
    const now = c.now();
    await c.db.db.transaction().execute(async (t) => {
      await insertElection(
        t,
        {
          id: definition.id,
          fingerprint,
          chain,
          definition: canonicalJson(electionToJson(definition)),
          token_key: sealed,
        },
        roll.value.ids,
        now,
      );
      await appendAudit(t, {
        time: now,
        actor,
        action: 'add_election',
        detail: canonicalJson({ id: definition.id, fingerprint, mode: definition.eligibility.mode }),
      });
    });
    const loaded = { definition, fingerprint, chain, ...(tokenKey ? { tokenKey } : {}) };
    this.cache.set(definition.id, loaded);
    return ok(loaded);
  }

  /** An election by id (`NOT_FOUND`). */
  async get(id: string): Promise<RegResult<LoadedElection>> {
    const hit = this.cache.get(id);
    if (hit) return ok(hit);
    const row = await findElection(this.c.db.db, id);
    if (!row) return refuse('NOT_FOUND', `no election "${id}" is served here`);
    const json = parseJson(row.definition);
    const definition = json.ok ? readElection(json.value) : json;
    if (!definition.ok) return fail('ELECTION_INVALID', `stored definition: ${definition.message}`);
    let tokenKey: BlindSecretKey | undefined;
    if (row.token_key !== null) {
      const pkcs8 = this.c.box.open(row.token_key, tokenAd(id));
      if (!pkcs8) return fail('KEY_INVALID', 'the stored token key cannot be opened with this key');
      const k = await importBlindSecretKey(pkcs8);
      if (!k.ok) return k;
      tokenKey = k.value;
    }
    const loaded = {
      definition: definition.value,
      fingerprint: row.fingerprint,
      chain: row.chain,
      ...(tokenKey ? { tokenKey } : {}),
    };
    this.cache.set(id, loaded);
    return ok(loaded);
  }
}
