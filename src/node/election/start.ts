/**
 * Assembling an election node (`pnyx node` on a ledger that runs an election): the election rules as the
 * ledger's registry, the roles the node runs — registrar (voter roll, logins, eligibility), ballot box
 * (mounted once the ledger defines the election), trustee (key ceremony and partial decryptions, in auto
 * mode) — each submitting through the node's own intake, the election scheduler (close at `closes_at`,
 * result once decrypted), and one HTTP server with the ledger's, the roles' and the election's routes.
 */
import type { Logger } from 'pino';
import { ok } from '../../crypto/result.js';
import { systemRng } from '../../crypto/rng.js';
import { electionRegistry } from '../../ledger/election/registry.js';
import type { ElectionLedgerState } from '../../ledger/election/state.js';
import type { PowSearch } from '../../ledger/pow.js';
import { type DomainFailure, netFail } from '../../net/errors.js';
import type { Handlers } from '../../net/handlers.js';
import type { RouteTable } from '../../net/routes.js';
import { createServer, type NetServer } from '../../net/server.js';
import { electionToJson } from '../../protocol/election/write.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { LOCAL } from '../chain.js';
import type { NodeConfig } from '../config.js';
import { explorerHandlers } from '../http/explorer-handlers.js';
import { peerHandlers } from '../http/peer-handlers.js';
import { LEDGER_ROUTES } from '../http/routes.js';
import type { NodeIdentity } from '../keys.js';
import { createNode, type NodeTuning, type PnyxNode } from '../node.js';
import type { PeerConnector } from '../peer-client.js';
import type { BoxFaults } from '../roles/ballot-box/faults.js';
import { BALLOT_BOX_ROUTES } from '../roles/ballot-box/routes.js';
import { mountRegistrar, type RegistrarRole } from '../roles/registrar/http/mount.js';
import { failure } from '../roles/registrar/http/output.js';
import { REGISTRAR_ROUTES } from '../roles/registrar/http/routes.js';
import type { PasswordCost } from '../roles/registrar/password.js';
import { atRestSecretOf } from '../roles/registrar/registrar.js';
import { nodeTrustee } from '../roles/trustee/for-node.js';
import type { Startable } from '../service.js';
import { closeEarly, createElection, type ElectionAdminDeps } from './admin.js';
import { lateBox } from './box.js';
import { electionNodeCrypto } from './crypto.js';
import { ELECTION_NODE_ROUTES, type ElectionNodeRoutes } from './routes.js';
import { electionScheduler } from './scheduler.js';
import { electionStatus } from './status.js';

/** Everything an election node is started with (what `pnyx node` read and opened). */
export interface ElectionNodeOptions {
  readonly config: NodeConfig;
  readonly store: KyselyStore;
  readonly identity: NodeIdentity;
  readonly logger: Logger;
  readonly connect: PeerConnector;
  /** Closes the peer connections after the node stopped. */
  readonly closeConnector: () => void;
  readonly self: string;
  readonly genesis?: unknown;
  readonly adminToken?: string;
  readonly host: string;
  readonly port: number;
  readonly search?: PowSearch;
  /** argon2id cost of the registrar's new password hashes (default `production`). */
  readonly passwordCost?: PasswordCost;
  readonly tuning?: NodeTuning;
  /** Requests a minute per client address (default the net layer's 600; voters behind one address need more). */
  readonly rateLimitMax?: number;
  /** Serve the web app built in this folder (see `src/net/web.ts`). */
  readonly webRoot?: string;
  /** Ballot-box fault injection (tests only; no flag reaches it, see `roles/ballot-box/faults.ts`). */
  readonly boxFaults?: BoxFaults;
}

/** A built election node: start the server (it starts nothing else); stop it to stop everything. */
export interface ElectionNode {
  readonly node: PnyxNode<ElectionLedgerState>;
  readonly server: NetServer;
  /** Starts the node, its roles and the server; resolves with the URL. */
  start(): Promise<string>;
}

/** The full route table of an election node. */
const ROUTES = { ...LEDGER_ROUTES, ...REGISTRAR_ROUTES, ...BALLOT_BOX_ROUTES, ...ELECTION_NODE_ROUTES };

/** Handlers refusing every route of a role the node does not run. */
function absent<T extends RouteTable>(table: T, role: string): Handlers<T> {
  const out: Record<string, () => DomainFailure> = {};
  for (const k of Object.keys(table))
    out[k] = () => netFail('NOT_FOUND', `this node does not run the ${role} role`);
  return out as unknown as Handlers<T>;
}

/** Builds an election node; throws with a sentence for a problem the operator must fix. */
export async function buildElectionNode(o: ElectionNodeOptions): Promise<ElectionNode> {
  const roles = o.config.roles;
  const { env, suiteFor } = await electionNodeCrypto();
  const built = await createNode<ElectionLedgerState>({
    name: o.config.name,
    roles,
    store: o.store,
    registry: electionRegistry(env),
    ed: env.ed,
    identity: o.identity,
    logger: o.logger,
    now: Date.now,
    rng: systemRng,
    connect: o.connect,
    peers: o.config.peers,
    self: o.self,
    validatorMode: o.config.validatorMode ?? 'auto',
    ...(o.genesis !== undefined ? { genesis: o.genesis } : {}),
    ...(o.search ? { search: o.search } : {}),
    // Blocks gather transactions for half a second: fewer, fuller blocks mean fewer commits on every node.
    tuning: o.tuning ?? { miner: { batchMs: 500 } },
  });
  if (!built.ok) throw new Error(`${built.code}: ${built.message}`);
  const node = built.value;
  const services: Startable[] = [];

  // The registrar: its tables in the node's database; publications go to the node's intake.
  let registrar: RegistrarRole | undefined;
  if (roles.includes('registrar')) {
    registrar = await mountRegistrar({
      database: { db: o.store.db, dialect: o.store.dialect },
      ed: env.ed,
      key: o.identity,
      rng: systemRng,
      atRestSecret: atRestSecretOf(o.identity.secretKey),
      submitTx: async (tx) => {
        const [r] = await node.intake.submit([tx], LOCAL);
        return r === undefined ? ok(undefined) : r.ok ? ok(r.value) : r;
      },
      ...(o.passwordCost ? { cost: o.passwordCost } : {}),
      logger: o.logger,
      // Registrations of one second share one eligibility record (and one block).
      publishDelayMs: 1000,
    });
    services.push(registrar.registrar);
  }
  const box = roles.includes('ballot-box')
    ? lateBox({
        node,
        store: o.store,
        identity: o.identity,
        env,
        logger: o.logger,
        ...(o.boxFaults ? { faults: o.boxFaults } : {}),
      })
    : undefined;
  if (box) services.push(box);
  if (roles.includes('trustee'))
    services.push(
      nodeTrustee({
        node,
        ed: env.ed,
        identity: o.identity,
        suiteFor,
        dataDir: o.config.dataDir,
        name: o.config.name,
        rng: systemRng,
        logger: o.logger,
        mode: 'auto',
      }),
    );
  // The clock of the election: the registrar acts first, a miner a little later if it has not.
  if (roles.includes('registrar') || roles.includes('miner'))
    services.push(
      electionScheduler({
        node,
        identity: o.identity,
        ed: env.ed,
        logger: o.logger,
        graceMs: roles.includes('registrar') ? 0 : 3000,
      }),
    );

  const admin: ElectionAdminDeps | undefined = registrar
    ? { node, registrar: registrar.registrar, identity: o.identity }
    : undefined;
  const election: Handlers<ElectionNodeRoutes> = {
    electionStatus: () => ok(electionStatus(node, Date.now())),
    electionCreate: async ({ body }) => {
      if (!admin) return netFail('NOT_FOUND', 'this node does not run the registrar role');
      const r = await createElection(admin, body);
      if (!r.ok) return failure(r);
      return ok({
        id: r.value.definition.id,
        fingerprint: r.value.fingerprint,
        tx_id: r.value.txId,
        definition: electionToJson(r.value.definition),
      });
    },
    electionClose: async () => {
      if (!admin) return netFail('NOT_FOUND', 'this node does not run the registrar role');
      const r = await closeEarly(admin);
      return r.ok ? ok(r.value) : failure(r);
    },
  };
  // The registrar's own close route takes the same path, with this node's ledger (see `closeEarly`).
  const registrarHandlers: Handlers<typeof REGISTRAR_ROUTES> | undefined =
    registrar && admin
      ? {
          ...registrar.handlers,
          adminClose: async ({ params }) => {
            const r = await closeEarly(admin, params.election);
            return r.ok ? ok(r.value) : failure(r);
          },
        }
      : undefined;
  const ctx = {
    node,
    roles,
    ...(node.validator ? { validatorKey: node.validator.key } : {}),
    findTx: (id: string) => o.store.findTx(id),
  };
  const server = createServer({
    routes: ROUTES,
    handlers: {
      ...peerHandlers(ctx),
      ...explorerHandlers(ctx),
      ...(registrarHandlers ?? absent(REGISTRAR_ROUTES, 'registrar')),
      ...(box ? box.handlers : absent(BALLOT_BOX_ROUTES, 'ballot-box')),
      ...election,
    },
    logger: o.logger,
    limits: { checkRawResponses: false, ...(o.rateLimitMax ? { rateLimitMax: o.rateLimitMax } : {}) },
    host: o.host,
    port: o.port,
    ...(o.adminToken !== undefined ? { adminToken: o.adminToken } : {}),
    ...(o.webRoot !== undefined ? { webRoot: o.webRoot } : {}),
    // closed in reverse order once the server has stopped: roles, node, peer connections, then the store
    resources: [
      { name: 'store', close: () => o.store.close() },
      { name: 'peers', close: () => o.closeConnector() },
      { name: 'node', close: () => node.stop() },
      ...services.map((s, i) => ({ name: `role-${i}`, close: () => s.stop() })),
    ],
  });
  return {
    node,
    server,
    async start() {
      await node.start();
      for (const s of services) await s.start();
      return server.start();
    },
  };
}
