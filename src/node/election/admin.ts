/**
 * The registrar node's administration of its election: define it on the ledger over the current voter
 * roll, and close voting early. Both sign with the node's identity key, which is the registrar key.
 */
import type { Static } from '@sinclair/typebox';
import { type BlindSecretKey, blindPublicKeyToJson, generateBlindKeyPair } from '../../crypto/blind/keys.js';
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../../crypto/result.js';
import { signTx, type Tx, txId } from '../../ledger/authority/tx.js';
import type { ElectionLedgerState } from '../../ledger/election/state.js';
import { buildElection } from '../../protocol/election/build.js';
import type { ElectionDefinition, EligibilityConfig } from '../../protocol/election/definition.js';
import { electionFingerprint } from '../../protocol/election/fingerprint.js';
import { electionToJson } from '../../protocol/election/write.js';
import { readManifest } from '../../protocol/manifest.js';
import { LOCAL } from '../chain.js';
import type { NodeIdentity } from '../keys.js';
import type { PnyxNode } from '../node.js';
import { currentRoll } from '../roles/registrar/elections.js';
import type { RegResult } from '../roles/registrar/errors.js';
import type { Registrar } from '../roles/registrar/registrar.js';
import type { CreateElectionSchema } from './routes.js';

/** The input of an election to create. */
export type CreateElectionInput = Static<typeof CreateElectionSchema>;

/** A created election. */
export interface CreatedElection {
  readonly definition: ElectionDefinition;
  readonly fingerprint: string;
  readonly txId: string;
}

/** What the administration works with. */
export interface ElectionAdminDeps {
  readonly node: PnyxNode<ElectionLedgerState>;
  readonly registrar: Registrar;
  readonly identity: NodeIdentity;
}

/** Signs `body` as a transaction of `type` by the node and hands it to the node's intake. */
async function post(d: ElectionAdminDeps, type: string, body: JsonValue): Promise<Result<string>> {
  const tx: Tx = signTx(d.registrar.context.ed, d.identity.secretKey, {
    type,
    author: d.identity.publicKey,
    chain: d.node.chain.ledger.genesis.id,
    body,
  });
  const [r] = await d.node.intake.submit([tx], LOCAL);
  if (r === undefined) return fail('ELECTION_INVALID', 'the ledger gave no answer');
  if (!r.ok && r.code !== 'TX_DUPLICATE') return fail('ELECTION_INVALID', `${r.code}: ${r.message}`);
  return ok(txId(tx));
}

/**
 * Defines the election: the node's key as registrar, the current roll's commitment, the genesis's
 * validators, quorum and hardness, and for blind tokens a fresh RSA token key (kept sealed by the
 * registrar). The registrar starts serving it, then the `election` transaction goes to the ledger.
 */
export async function createElection(
  d: ElectionAdminDeps,
  input: CreateElectionInput,
): Promise<RegResult<CreatedElection>> {
  const ledger = d.node.chain.ledger;
  // 1. One election per ledger.
  if (ledger.head().state.setup) return fail('ELECTION_INVALID', 'this ledger already defines an election');
  const manifest = readManifest(input.manifest);
  if (!manifest.ok) return manifest;
  // 2. The roll as it is now: the definition commits to it.
  const roll = await currentRoll(d.registrar.context.db.db);
  if (!roll.ok) return roll;
  let tokenKey: BlindSecretKey | undefined;
  let eligibility: EligibilityConfig = { mode: 'identity-keys' };
  if (input.eligibility === 'blind-tokens') {
    const pair = await generateBlindKeyPair(2048);
    tokenKey = pair.secretKey;
    eligibility = { mode: 'blind-tokens', token_key: blindPublicKeyToJson(pair.publicKey) };
  }
  // 3. The definition, checked by the strict reader every node uses.
  const g = ledger.genesis;
  const built = buildElection({
    id: input.id,
    manifest: manifest.value,
    schedule: { opens_at: input.opens_at, closes_at: input.closes_at },
    ...(input.scheme ? { scheme: input.scheme } : {}),
    eligibility,
    ...(input.revote ? { revote: input.revote } : {}),
    boxes: input.boxes,
    validators: [...g.validators],
    quorum: g.quorum,
    hardness: g.hardness,
    trustees: input.trustees,
    registrar: d.identity.publicKey,
    roll: roll.value.roll,
  });
  if (!built.ok) return built;
  const definition = built.value;
  // 4. Serve it, then 5. define it on the ledger.
  const added = await d.registrar.addElection(definition, g.id, 'admin', tokenKey);
  if (!added.ok) return added;
  const posted = await post(d, 'election', electionToJson(definition));
  if (!posted.ok) return posted;
  return ok({ definition, fingerprint: electionFingerprint(definition), txId: posted.value });
}

/** Closes voting early: publishes pending eligibility records first, then posts the `close`. */
export async function closeEarly(d: ElectionAdminDeps): Promise<RegResult<string>> {
  const setup = d.node.chain.ledger.head().state.setup;
  if (!setup) return fail('ELECTION_INVALID', 'no election is defined on this ledger yet');
  await d.registrar.publisher.flush();
  return post(d, 'close', { election: setup.fingerprint });
}
