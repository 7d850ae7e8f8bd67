/**
 * One trustee action on one election: find this trustee's index, load (or, for the ceremony, create and
 * store) its secrets, plan the next record, store what must be stored, then sign and submit the record.
 * Store first, then send: a trustee that crashes between the two resends the stored body on restart,
 * never a different one.
 */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../../../crypto/result.js';
import type { Rng } from '../../../crypto/rng.js';
import type { Ed25519 } from '../../../crypto/sig/ed25519.js';
import { signTx, txId, txJson } from '../../../ledger/authority/tx.js';
import { signerOf } from '../../../protocol/ceremony/index.js';
import type { NodeIdentity } from '../../keys.js';
import type { PostResult } from '../../peer-client.js';
import { errorMessage } from '../../service.js';
import type { TrusteeFaults } from './faults.js';
import { initPaillier, planPaillierDecryption, planPaillierKey } from './paillier-plan.js';
import { idle, type Plan } from './plan.js';
import { initProduct, planProductDecryption, planProductKey } from './product-plan.js';
import type { StoredTrustee } from './secrets-codec.js';
import type { SecretsFile } from './secrets-file.js';
import type { SuiteFor } from './suite.js';
import { initThreshold, planThresholdCeremony, planThresholdDecryption } from './threshold-plan.js';
import { ceremonyKind, type ElectionView } from './view.js';

/** Offers one signed transaction to the ledger (a node's intake, or a node over HTTP). */
export type SubmitTx = (tx: JsonValue) => Promise<PostResult>;

/** What a trustee acts with. */
export interface TrusteeDeps {
  readonly ed: Ed25519;
  /** The trustee's Ed25519 identity: its public key is its member key in the election definition. */
  readonly identity: NodeIdentity;
  readonly suiteFor: SuiteFor;
  readonly secrets: SecretsFile;
  readonly rng: Rng;
  readonly submitTx: SubmitTx;
  readonly faults?: TrusteeFaults;
}

/** The two kinds of trustee action: the key ceremony, and the tally decryption after close. */
export type TrusteeAction = 'ceremony' | 'decryption';

/** What one action did. */
export interface StepReport {
  readonly election: string;
  readonly action: TrusteeAction;
  /** The trustee's index, or null when its key is no member of the election. */
  readonly trustee: number | null;
  /**
   * `sent`: a record was submitted and taken; `pending`: it was sent recently and is not final yet;
   * `refused`: the ledger refused it; `unsent`: the ledger could not be reached (sent again later); `due`: a record is due (manual mode, nothing was done); `offline`: a fault keeps the trustee from acting; the rest as in
   * {@link Plan}; `not-member`: the key is no trustee of the election.
   */
  readonly outcome:
    | 'sent'
    | 'unsent'
    | 'pending'
    | 'refused'
    | 'due'
    | 'wait'
    | 'done'
    | 'excluded'
    | 'failed'
    | 'offline'
    | 'not-member';
  readonly type?: string;
  readonly tx?: string;
  readonly reason?: string;
}

/** The trustee index of `publicKey` in the election, or null. */
export function memberIndex(view: ElectionView, publicKey: string): number | null {
  return signerOf(view.trustees.members, publicKey);
}

/** The stored secrets of the election, created and stored first when `create` is set and there are none. */
export function loadSecrets(
  deps: TrusteeDeps,
  view: ElectionView,
  l: number,
  create: boolean,
): Result<StoredTrustee | undefined> {
  const loaded = deps.secrets.load(view.fingerprint);
  if (!loaded.ok || loaded.value !== undefined || !create) return loaded;
  const suite = deps.suiteFor(view.scheme);
  const s =
    suite.kind === 'paillier'
      ? initPaillier(suite, view, l)
      : ceremonyKind(view) === 'product'
        ? initProduct(suite.G, view, l, deps.rng)
        : initThreshold(suite.G, view, l, deps.rng);
  deps.secrets.save(s); // durable before the announcement or key can be published
  return ok(s);
}

/** The next record of `action` for the election, without acting. */
export function planAction(
  deps: TrusteeDeps,
  view: ElectionView,
  s: StoredTrustee,
  action: TrusteeAction,
): Plan {
  const suite = deps.suiteFor(view.scheme);
  const faults = deps.faults ?? {};
  if (s.election !== view.id) return idle('failed', 'the secrets file names another election');
  const kind = ceremonyKind(view);
  if (s.kind !== kind)
    return idle('failed', `the secrets file holds ${s.kind} secrets, the election runs ${kind}`);
  if (suite.kind === 'paillier' && s.kind === 'paillier')
    return action === 'ceremony'
      ? planPaillierKey(suite, view, s)
      : planPaillierDecryption(suite, view, s, faults);
  if (suite.kind !== 'elgamal') return idle('failed', `no ElGamal group for ${view.scheme}`);
  if (s.kind === 'product')
    return action === 'ceremony'
      ? planProductKey(suite.G, view, s)
      : planProductDecryption(suite.G, view, s, deps.rng, faults);
  if (s.kind !== 'threshold') return idle('failed', `no Paillier suite for ${view.scheme}`);
  return action === 'ceremony'
    ? planThresholdCeremony(suite.G, view, s, deps.rng)
    : planThresholdDecryption(suite.G, view, s, deps.rng, faults);
}

/** Options of {@link act}. */
export interface ActOptions {
  /** Whether the transaction with this id should be sent now (false: it was sent recently). Default: yes. */
  readonly shouldSend?: (tx: string) => boolean;
  /** Only say what is due (outcome `due`): create, store and send nothing. */
  readonly dryRun?: boolean;
}

/** Plans and performs one action on one election. Throws only when storage fails. */
export async function act(
  deps: TrusteeDeps,
  view: ElectionView,
  action: TrusteeAction,
  opts: ActOptions = {},
): Promise<StepReport> {
  const base = { election: view.id, action };
  const l = memberIndex(view, deps.identity.publicKey);
  if (l === null) return { ...base, trustee: null, outcome: 'not-member' };
  const offline = deps.faults?.offline;
  if (offline === 'all' || (offline === 'decryption' && action === 'decryption'))
    return { ...base, trustee: l, outcome: 'offline', reason: 'told to stay offline' };
  const s = loadSecrets(deps, view, l, action === 'ceremony' && opts.dryRun !== true);
  if (!s.ok) return { ...base, trustee: l, outcome: 'failed', reason: s.message };
  if (s.value === undefined && action === 'ceremony')
    return { ...base, trustee: l, outcome: 'due', reason: 'create the secrets and publish the first record' };
  if (s.value === undefined)
    return {
      ...base,
      trustee: l,
      outcome: 'failed',
      reason: 'no secrets for this election: take part in the ceremony first',
    };
  const plan = planAction(deps, view, s.value, action);
  if (opts.dryRun) {
    if (plan.kind === 'publish') return { ...base, trustee: l, outcome: 'due', type: plan.type };
    return { ...base, trustee: l, outcome: plan.kind, reason: plan.reason };
  }
  // 1. Store first (new secrets, derived share, decided body) …
  if (plan.store !== undefined && plan.store !== s.value) deps.secrets.save(plan.store);
  if (plan.kind !== 'publish') return { ...base, trustee: l, outcome: plan.kind, reason: plan.reason };
  // 2. … then sign and send.
  const tx = signTx(deps.ed, deps.identity.secretKey, {
    type: plan.type,
    author: deps.identity.publicKey,
    chain: view.chain,
    body: plan.body,
  });
  const id = txId(tx);
  const sent = { ...base, trustee: l, type: plan.type, tx: id };
  if (opts.shouldSend && !opts.shouldSend(id)) return { ...sent, outcome: 'pending' };
  let r: PostResult;
  try {
    r = await deps.submitTx(txJson(tx));
  } catch (e) {
    return { ...sent, outcome: 'unsent', reason: `the ledger did not answer: ${errorMessage(e)}` };
  }
  return r.ok
    ? { ...sent, outcome: 'sent' }
    : { ...sent, outcome: 'refused', reason: `${r.code}: ${r.message}` };
}

/** The one election of `views` with id `election` (or the only one when `election` is undefined). */
export function pickElection(views: readonly ElectionView[], election?: string): Result<ElectionView> {
  if (election === undefined) {
    if (views.length === 1) return ok(views[0]!);
    if (views.length === 0) return fail('PARAMETER_INVALID', 'the ledger defines no election yet');
    return fail('PARAMETER_INVALID', `the ledger has ${views.length} elections; name one with --election`);
  }
  const v = views.find((x) => x.id === election);
  return v === undefined ? fail('PARAMETER_INVALID', `the ledger has no election "${election}"`) : ok(v);
}
