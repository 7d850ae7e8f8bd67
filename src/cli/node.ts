/**
 * `pnyx node`: starts one ledger node (store, ledger, role services, HTTP server) and runs it until
 * SIGTERM/SIGINT, then stops gracefully: the server drains in-flight requests, the services stop, the
 * store closes. Logs are pino JSON lines on stdout. `--print-key` prints the node's public key (creating
 * its key file on first use) and exits, so a genesis can name validators before they start.
 */
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { isJsonObject, parseJson } from '../crypto/encoding/canonical-json.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { systemRng } from '../crypto/rng.js';
import { useNativeLedgerHash } from '../ledger/node/native-hash.js';
import { workerPowSearch } from '../ledger/node/pow-worker.js';
import { createClient } from '../net/client.js';
import { stopOnSignals } from '../net/shutdown.js';
import { defaultWebRoot } from '../net/web.js';
import {
  checkConfig,
  keyFilePath,
  type NodeConfig,
  parseRoles,
  type Role,
  storeLocation,
} from '../node/config.js';
import { buildElectionNode } from '../node/election/start.js';
import { httpConnector, PEER_CLIENT_ROUTES } from '../node/http/peer-client.js';
import { createLedgerServer } from '../node/http/server.js';
import { loadOrCreateIdentity } from '../node/keys.js';
import { createNode } from '../node/node.js';
import { createVerifyPool } from '../node/verify-pool.js';
import { openStore } from '../store/kysely-store.js';
import { noteRegistry } from './node-registry.js';
import { parsePort } from './tor-config.js';

/** Options as commander hands them over. */
export interface NodeCliOptions {
  readonly name: string;
  readonly port?: number;
  readonly host: string;
  readonly roles: Role[];
  readonly peers: string[];
  readonly dataDir: string;
  readonly db?: string;
  readonly proxy?: string;
  readonly genesis?: string;
  readonly adminTokenFile?: string;
  readonly publicUrl?: string;
  readonly validatorMode: 'auto' | 'manual';
  readonly logLevel: string;
  readonly printKey?: boolean;
  readonly ledger?: 'election' | 'notes';
  readonly passwordCost?: 'production' | 'interactive';
  readonly rateLimit?: number;
  /** The web app's folder; `false` (`--no-web`) serves none. Default: the package's `dist/web`. */
  readonly web?: string | false;
}

/** Thrown for a problem the operator must fix; printed as one sentence with exit code 1. */
class StartError extends Error {}

function rolesArg(text: string): Role[] {
  const r = parseRoles(text);
  if (!r.ok) throw new InvalidArgumentError(r.message);
  return r.value;
}

function listArg(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function modeArg(text: string): 'auto' | 'manual' {
  if (text !== 'auto' && text !== 'manual') throw new InvalidArgumentError('give auto or manual.');
  return text;
}

/** Reads the genesis file as exact JSON. */
function readGenesis(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new StartError(`cannot read the genesis file ${file}: ${(e as Error).message}`);
  }
  const p = parseJson(text.trim());
  if (!p.ok) throw new StartError(`the genesis file ${file} is not strict JSON: ${p.message}`);
  return p.value;
}

/** Reads the admin token (first line, at least 16 characters). */
function readToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').split('\n')[0]!.trim();
  } catch (e) {
    throw new StartError(`cannot read the admin token file ${file}: ${(e as Error).message}`);
  }
  if (!/^[\x21-\x7e]{16,}$/.test(token))
    throw new StartError(`the admin token in ${file} must be at least 16 printable characters`);
  return token;
}

/** Prints the node's public key, creating the key file when needed. */
function printKey(config: NodeConfig): void {
  const r = loadOrCreateIdentity(keyFilePath(config), ed25519Native, systemRng);
  if (!r.ok) throw new StartError(r.message);
  process.stdout.write(`${r.value.identity.publicKey}\n`);
}

/** Starts a node and resolves once it serves requests; it then runs until a signal stops it. */
export async function runNode(o: NodeCliOptions): Promise<void> {
  const checked = checkConfig({
    name: o.name,
    roles: o.roles,
    dataDir: o.dataDir,
    peers: o.peers,
    validatorMode: o.validatorMode,
    ...(o.db !== undefined ? { db: o.db } : {}),
    ...(o.proxy !== undefined ? { proxy: o.proxy } : {}),
    ...(o.genesis !== undefined ? { genesisFile: o.genesis } : {}),
  });
  if (!checked.ok) throw new StartError(checked.message);
  if (o.printKey) return printKey(checked.value);
  if (o.port === undefined) throw new StartError('--port is required to start a node');
  useNativeLedgerHash(); // ledger ids on OpenSSL's SHA-256 (the same ids, computed faster)
  const self = (o.publicUrl ?? `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`).replace(
    /\/+$/,
    '',
  );
  const config: NodeConfig = { ...checked.value, publicUrl: self };
  const logger = pino({ level: o.logLevel, base: { node: config.name } });
  const genesis = o.genesis !== undefined ? readGenesis(o.genesis) : undefined;
  const adminToken = o.adminTokenFile !== undefined ? readToken(o.adminTokenFile) : undefined;
  const webRoot = o.web === false ? undefined : (o.web ?? defaultWebRoot());
  const id = loadOrCreateIdentity(keyFilePath(config), ed25519Native, systemRng);
  if (!id.ok) throw new StartError(id.message);
  if (id.value.created) logger.info({ key: id.value.identity.publicKey }, 'created a new identity key');

  const location = storeLocation(config);
  const store = await openStore(location);
  const connector = httpConnector({ self, ...(config.proxy !== undefined ? { proxy: config.proxy } : {}) });
  if (o.ledger === 'election' || (o.ledger === undefined && runsElection(config.roles, genesis))) {
    const built = await buildElectionNode({
      config,
      store,
      identity: id.value.identity,
      logger,
      connect: connector.connect,
      closeConnector: () => connector.close(),
      self,
      ...(genesis !== undefined ? { genesis } : {}),
      ...(adminToken !== undefined ? { adminToken } : {}),
      host: o.host,
      port: o.port,
      ...(config.roles.includes('miner') ? { search: workerPowSearch({ threads: 1 }) } : {}),
      ...(o.passwordCost ? { passwordCost: o.passwordCost } : {}),
      ...(o.rateLimit ? { rateLimitMax: o.rateLimit } : {}),
      ...(webRoot !== undefined ? { webRoot } : {}),
    }).catch(async (e: unknown) => {
      await store.close();
      connector.close();
      throw new StartError((e as Error).message);
    });
    const url = await built.start();
    logger.info({ url, self, key: id.value.identity.publicKey, roles: config.roles }, 'listening');
    stopOnSignals(built.server, { logger });
    void announce(config.peers, self, config.proxy);
    return;
  }
  const verifyPool = createVerifyPool();
  const built = await createNode<null>({
    name: config.name,
    roles: config.roles,
    store,
    registry: noteRegistry,
    ed: ed25519Native,
    identity: id.value.identity,
    logger,
    now: Date.now,
    rng: systemRng,
    connect: connector.connect,
    peers: config.peers,
    self,
    validatorMode: config.validatorMode ?? 'auto',
    ...(genesis !== undefined ? { genesis } : {}),
    ...(config.roles.includes('miner') ? { search: workerPowSearch({ threads: 1 }) } : {}),
    // Signatures of pulled pages and of submitted groups are verified on every core.
    verifyPool,
  });
  if (!built.ok) {
    await verifyPool.close();
    await store.close();
    connector.close();
    throw new StartError(`${built.code}: ${built.message}`);
  }
  const node = built.value;
  const server = createLedgerServer({
    node,
    roles: config.roles,
    ...(node.validator ? { validatorKey: node.validator.key } : {}),
    findTx: (txId) => store.findTx(txId),
    logger,
    host: o.host,
    port: o.port,
    ...(adminToken !== undefined ? { adminToken } : {}),
    ...(webRoot !== undefined ? { webRoot } : {}),
    // closed in reverse order once the server has stopped: services, peer connections, then the store
    resources: [
      { name: 'store', close: () => store.close() },
      { name: 'peers', close: () => connector.close() },
      { name: 'verify-pool', close: () => verifyPool.close() },
      { name: 'node', close: () => node.stop() },
    ],
  });
  await node.start();
  const url = await server.start();
  logger.info({ url, self, key: id.value.identity.publicKey, roles: config.roles }, 'listening');
  stopOnSignals(server, { logger });
  void announce(config.peers, self, config.proxy);
}

/** An election ledger: a role of the election, or a genesis naming an election or a registrar. */
function runsElection(roles: readonly Role[], genesis: unknown): boolean {
  if (roles.some((r) => r === 'registrar' || r === 'ballot-box' || r === 'trustee')) return true;
  if (!isJsonObject(genesis) || !isJsonObject(genesis.content)) return false;
  return genesis.content.election !== undefined || genesis.content.registrar !== undefined;
}

/** Tells the configured peers where this node is (best effort; discovery spreads it further). */
async function announce(peers: readonly string[], self: string, proxy?: string): Promise<void> {
  for (const p of peers) {
    const c = createClient(PEER_CLIENT_ROUTES, p, { timeoutMs: 5000, ...(proxy ? { proxy } : {}) });
    await c.peerAnnounce({ body: { url: self } }).catch(() => undefined);
  }
}

/** Adds the `node` command. */
export function addNodeCommand(program: Command): void {
  program
    .command('node')
    .description('run a ledger node: replicate the ledger, serve peers and the explorer, run roles')
    .requiredOption('--name <name>', 'node name (names its database and key file)')
    .option('--port <port>', 'TCP port to listen on', parsePort)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option(
      '--roles <roles>',
      'comma-separated roles: miner, validator, observer, registrar, ballot-box, trustee',
      rolesArg,
      rolesArg('observer'),
    )
    .option('--peers <urls>', 'comma-separated peer base URLs', listArg, [])
    .requiredOption('--data-dir <dir>', 'directory of the database and key file')
    .option('--db <url>', 'postgres://… URL or SQLite file (default DATA_DIR/NAME.db)')
    .option('--proxy <url>', 'socks5h://HOST:PORT for all outgoing peer traffic (Tor)')
    .option('--genesis <file>', 'genesis block (JSON); needed on first start')
    .option('--admin-token-file <file>', 'file holding the bearer token of admin routes')
    .option('--public-url <url>', 'URL peers reach this node at (default http://HOST:PORT)')
    .option(
      '--validator-mode <mode>',
      'auto: sign by the rules; manual: hold blocks for a person',
      modeArg,
      'auto',
    )
    .option('--log-level <level>', 'pino level: fatal, error, warn, info, debug', 'info')
    .option(
      '--ledger <kind>',
      'election (the election rules) or notes (test notes); default: election when a role or the genesis says so',
      (t: string) => {
        if (t !== 'election' && t !== 'notes') throw new InvalidArgumentError('give election or notes.');
        return t;
      },
    )
    .option(
      '--password-cost <cost>',
      'registrar: argon2id cost of new password hashes, production or interactive (demos only)',
      (t: string) => {
        if (t !== 'production' && t !== 'interactive')
          throw new InvalidArgumentError('give production or interactive.');
        return t;
      },
    )
    .option(
      '--rate-limit <n>',
      'election nodes: requests a minute per client address (default 600)',
      (t: string) => {
        if (!/^[0-9]{1,7}$/.test(t) || Number(t) < 1)
          throw new InvalidArgumentError('give a whole number ≥ 1.');
        return Number(t);
      },
    )
    .option('--web <dir>', "serve the web app built in DIR (default: the package's dist/web)")
    .option('--no-web', 'serve no web app (API only)')
    .option('--print-key', "print this node's public key (creating its key file) and exit")
    .action(async (o: NodeCliOptions) => {
      try {
        await runNode(o);
      } catch (e) {
        if (!(e instanceof StartError)) throw e;
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = 1;
      }
    });
}
