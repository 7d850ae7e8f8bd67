/**
 * The registrar node's administration of its election: define it on the ledger over the current voter
 * roll, and close voting early. Both sign with the node's identity key, which is the registrar key.
 */
import type { Static } from '@sinclair/typebox';
import { type BlindSecretKey, blindPublicKeyToJson, generateBlindKeyPair } from '../../crypto/blind/keys.js';
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
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
import { type CloseAnswer, type ClosedOnLedger, closeElection } from '../roles/registrar/close.js';
import { currentRoll } from '../roles/registrar/elections.js';
import { type RegResult, refuse } from '../roles/registrar/errors.js';
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
async function post(d: ElectionAdminDeps, type: string, body: JsonValue): Promise<RegResult<string>> {
  const tx: Tx = signTx(d.registrar.context.ed, d.identity.secretKey, {
    type,
    author: d.identity.publicKey,
    chain: d.node.chain.ledger.genesis.id,
    body,
  });
  const [r] = await d.node.intake.submit([tx], LOCAL);
  if (r === undefined) return refuse('LEDGER_UNAVAILABLE', 'the ledger gave no answer');
  if (!r.ok && r.code !== 'TX_DUPLICATE') return refuse(r.code, r.message);
  return ok(txId(tx));
}

/**
 * What must hold before anything is stored: one election per ledger (none defined, none pending),
 * this node's key is the registrar the genesis names, and the schedule lies ahead.
 */
function precheck(d: ElectionAdminDeps, input: CreateElectionInput, now: number): RegResult<true> {
  const head = d.node.chain.ledger.head().state;
  if (head.setup)
    return refuse(
      'ELECTION_EXISTS',
      `this ledger already defines election "${head.setup.definition.id}" (one election per ledger)`,
    );
  if (d.node.chain.mempool.list().some((p) => p.tx.type === 'election'))
    return refuse('ELECTION_EXISTS', 'an election definition is already pending on this ledger');
  if (head.registrar !== d.identity.publicKey)
    return refuse(
      'ELECTION_INVALID',
      head.registrar === undefined
        ? `this ledger takes no election from its registrar: ${head.genesisProblem ?? 'the genesis names no registrar'}`
        : "this node's key is not the registrar the genesis names",
    );
  if (input.opens_at <= now)
    return refuse(
      'ELECTION_INVALID',
      `opens_at (${new Date(input.opens_at).toISOString()}) must be in the future: the key ceremony runs until then`,
    );
  if (input.closes_at <= input.opens_at)
    return refuse('ELECTION_INVALID', 'closes_at must be later than opens_at');
  return ok(true);
}

/**
 * Defines the election: the node's key as registrar, the current roll's commitment, the genesis's
 * validators, quorum and hardness, and for blind tokens a fresh RSA token key (kept sealed by the
 * registrar). The registrar starts serving it, then the `election` transaction goes to the ledger.
 */
export function createElection(
  d: ElectionAdminDeps,
  input: CreateElectionInput,
): Promise<RegResult<CreatedElection>> {
  // One creation at a time per registrar: the checks below hold until the transaction is pending.
  const prev = creating.get(d.registrar) ?? Promise.resolve();
  const next = prev.then(() => create(d, input));
  creating.set(
    d.registrar,
    next.catch(() => undefined),
  );
  return next;
}

/** The creation under way per registrar. */
const creating = new WeakMap<Registrar, Promise<unknown>>();

async function create(d: ElectionAdminDeps, input: CreateElectionInput): Promise<RegResult<CreatedElection>> {
  const ledger = d.node.chain.ledger;
  // 1. One election per ledger, by this registrar, in the future.
  const pre = precheck(d, input, Date.now());
  if (!pre.ok) return pre;
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

/** A close in a block of `node`'s head chain, for the election of `fingerprint`. */
export function closedOnLedger(node: PnyxNode<ElectionLedgerState>): ClosedOnLedger {
  return (fingerprint) => {
    const s = node.chain.ledger.head().state;
    return s.closing && s.setup?.fingerprint === fingerprint
      ? { txId: s.closing.txId, height: s.closing.height }
      : undefined;
  };
}

/**
 * Closes voting early: the election named `id`, or without it the one this ledger defines. Both close
 * routes of an election node come here, and then to the registrar's one {@link closeElection} with this
 * node's ledger: `NOT_FOUND` for an election the registrar does not serve (or none defined yet), then
 * `VOTING_NOT_OPEN`, `ELECTION_CLOSED`, the ledger's codes, `LEDGER_UNAVAILABLE`.
 */
export async function closeEarly(d: ElectionAdminDeps, id?: string): Promise<RegResult<CloseAnswer>> {
  const name = id ?? d.node.chain.ledger.head().state.setup?.definition.id;
  if (name === undefined) return refuse('NOT_FOUND', 'no election is defined on this ledger yet');
  const e = await d.registrar.elections.get(name);
  if (!e.ok) return e;
  return closeElection(d.registrar, e.value, 'operator', closedOnLedger(d.node));
}
