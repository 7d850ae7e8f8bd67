/**
 * `pnyx trustee …`: a trustee of the key ceremony and the tally decryption, as its own process next to a
 * node it reaches over HTTP (optionally through a SOCKS5h proxy).
 * - `init`: creates the trustee's identity key and prints its public key (for the election definition);
 * - `status --node URL [--election ID]`: the ceremony and decryption as the final ledger shows them, and
 *   what this trustee would do next;
 * - `step` / `decrypt --node URL [--election ID]`: one manual action (next ceremony record; the partial
 *   decryption after close);
 * - `run --node URL`: the automatic loop until SIGINT/SIGTERM (`--mode manual` only reports).
 * The trustee keeps a replica of the node's ledger and checks every block itself. Exit code 0 on success,
 * 1 when an action failed, was refused or the trustee is excluded; bad arguments are usage errors.
 */
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type Logger, pino } from 'pino';
import { canonicalJson, type JsonObject } from '../crypto/encoding/canonical-json.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { systemRng } from '../crypto/rng.js';
import { stopOnSignals } from '../net/shutdown.js';
import { checkPeerUrl } from '../node/config.js';
import { httpConnector } from '../node/http/peer-client.js';
import { loadOrCreateIdentity, readIdentity } from '../node/keys.js';
import {
  act,
  electionStatus,
  FAULT_NAMES,
  type FaultName,
  faultsFromNames,
  memberIndex,
  nativeTrusteeCrypto,
  peerSubmit,
  pickElection,
  ReplicaSource,
  SecretsFile,
  type StepReport,
  statusText,
  type TrusteeDeps,
  TrusteeService,
  trusteeSecretsDir,
} from '../node/roles/trustee/index.js';
import { errorMessage, pause } from '../node/service.js';

/** Options every subcommand takes. */
interface KeyOptions {
  readonly dataDir: string;
  readonly name: string;
  readonly keyFile?: string;
}

/** Options of the subcommands that talk to a node. */
interface RemoteOptions extends KeyOptions {
  readonly node: string;
  readonly election?: string;
  readonly proxy?: string;
  readonly genesis?: string;
  readonly json?: boolean;
  readonly fault: FaultName[];
}

/** A problem the operator must fix: printed as one sentence, exit code 1. */
class TrusteeCliError extends Error {}

function nodeUrlArg(text: string): string {
  const u = checkPeerUrl(text);
  if (!u.ok || u.value.startsWith('mem:'))
    throw new InvalidArgumentError('give the node as http(s)://HOST:PORT.');
  return u.value;
}

function nameArg(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(text))
    throw new InvalidArgumentError(
      'a name is 1–64 letters, digits, "_" or "-", starting with a letter or digit.',
    );
  return text;
}

function faultArg(text: string, previous: FaultName[]): FaultName[] {
  if (!(FAULT_NAMES as readonly string[]).includes(text))
    throw new InvalidArgumentError(`faults are ${FAULT_NAMES.join(', ')}.`);
  return [...previous, text as FaultName];
}

function genesisArg(text: string): string {
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new InvalidArgumentError('a genesis id is 64 lowercase hex digits.');
  return text;
}

function proxyArg(text: string): string {
  if (!/^socks5h:\/\/[^/]+:[0-9]{1,5}\/?$/.test(text))
    throw new InvalidArgumentError('give socks5h://HOST:PORT.');
  return text;
}

const keyFileOf = (o: KeyOptions): string => o.keyFile ?? join(o.dataDir, `${o.name}.key`);

/** What a remote subcommand works with. */
interface Remote {
  readonly deps: TrusteeDeps;
  readonly source: ReplicaSource;
  close(): void;
}

/** How `run` waits for a node that does not answer yet. */
interface Patience {
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

/**
 * Reads the identity, loads the backends and opens a replica of the node's ledger. With `patience`, a
 * node that does not answer is asked again every 2 s until it does (or the signal aborts: undefined).
 */
async function openRemote(o: RemoteOptions, patience?: Patience): Promise<Remote | undefined> {
  const id = readIdentity(keyFileOf(o), ed25519Native);
  if (!id.ok) throw new TrusteeCliError(`${id.message} (create the key with "pnyx trustee init")`);
  const crypto = await nativeTrusteeCrypto();
  const connector = httpConnector(o.proxy !== undefined ? { proxy: o.proxy } : {});
  const client = connector.connect(o.node);
  for (;;) {
    try {
      const source = await ReplicaSource.open(client, crypto.env, {
        ...(patience ? { signal: patience.signal } : {}),
        ...(o.genesis !== undefined ? { genesis: o.genesis } : {}),
      });
      if (!source.ok) throw new TrusteeCliError(`${o.node}: ${source.code}: ${source.message}`);
      const deps: TrusteeDeps = {
        ed: ed25519Native,
        identity: id.value,
        suiteFor: crypto.suiteFor,
        secrets: new SecretsFile(trusteeSecretsDir(o.dataDir, o.name)),
        rng: systemRng,
        submitTx: peerSubmit(client),
        ...(o.fault.length > 0 ? { faults: faultsFromNames(o.fault) } : {}),
      };
      return { deps, source: source.value, close: () => connector.close() };
    } catch (e) {
      if (e instanceof TrusteeCliError || patience === undefined || patience.signal.aborted) {
        connector.close();
        if (e instanceof TrusteeCliError) throw e;
        if (patience === undefined) throw new TrusteeCliError(`${o.node}: ${errorMessage(e)}`);
        return undefined; // stopped while waiting
      }
      patience.logger.warn({ node: o.node, err: errorMessage(e) }, 'node not reachable yet; trying again');
      await pause(2000, patience.signal);
    }
  }
}

/** Runs a subcommand: operator errors become one line on stderr and exit code 1. */
function guarded<T>(fn: (o: T) => Promise<void>): (o: T) => Promise<void> {
  return async (o) => {
    try {
      await fn(o);
    } catch (e) {
      if (!(e instanceof TrusteeCliError)) throw e;
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 1;
    }
  };
}

/** One line for a step report. */
function reportLine(r: StepReport): string {
  const who = r.trustee === null ? 'not a trustee' : `trustee ${r.trustee}`;
  const what = r.type === undefined ? '' : ` ${r.type}${r.tx === undefined ? '' : ` (tx ${r.tx})`}`;
  return `${r.election}: ${who}: ${r.action} ${r.outcome}${what}${r.reason === undefined ? '' : `: ${r.reason}`}`;
}

const GOOD: readonly StepReport['outcome'][] = ['sent', 'pending', 'due', 'wait', 'done'];

async function init(o: KeyOptions): Promise<void> {
  const file = keyFileOf(o);
  const r = loadOrCreateIdentity(file, ed25519Native, systemRng);
  if (!r.ok) throw new TrusteeCliError(r.message);
  process.stderr.write(
    `${r.value.created ? 'created' : 'using'} ${file}; put this key in the election's trustees.members:\n`,
  );
  process.stdout.write(`${r.value.identity.publicKey}\n`);
}

async function status(o: RemoteOptions): Promise<void> {
  const remote = (await openRemote(o))!;
  try {
    const v = pickElection(await remote.source.elections(), o.election);
    if (!v.ok) throw new TrusteeCliError(v.message);
    const view = v.value;
    const suite = remote.deps.suiteFor(view.scheme);
    const l = memberIndex(view, remote.deps.identity.publicKey);
    const next = async (a: 'ceremony' | 'decryption'): Promise<JsonObject> => {
      const r = await act(remote.deps, view, a, { dryRun: true });
      return {
        outcome: r.outcome,
        ...(r.type ? { type: r.type } : {}),
        ...(r.reason ? { reason: r.reason } : {}),
      };
    };
    const out: JsonObject = {
      ...electionStatus(suite, view),
      trustee: l,
      ...(l === null
        ? {}
        : { next: { ceremony: await next('ceremony'), decryption: await next('decryption') } }),
    };
    process.stdout.write(o.json ? `${canonicalJson(out)}\n` : statusText(out));
  } finally {
    remote.close();
  }
}

async function manual(o: RemoteOptions, action: 'ceremony' | 'decryption'): Promise<void> {
  const remote = (await openRemote(o))!;
  try {
    const service = new TrusteeService(remote.deps, remote.source, { mode: 'manual' });
    const r = action === 'ceremony' ? await service.step(o.election) : await service.decrypt(o.election);
    if (!r.ok) throw new TrusteeCliError(r.message);
    process.stdout.write(o.json ? `${canonicalJson({ ...r.value })}\n` : `${reportLine(r.value)}\n`);
    if (!GOOD.includes(r.value.outcome)) process.exitCode = 1;
  } finally {
    remote.close();
  }
}

async function run(
  o: RemoteOptions & { mode: 'auto' | 'manual'; pollMs: number; logLevel: string },
): Promise<void> {
  const logger = pino({ level: o.logLevel, base: { trustee: o.name } });
  const waiting = new AbortController();
  let stop = async (): Promise<void> => waiting.abort();
  stopOnSignals({ stop: () => stop() }, { logger });
  const remote = await openRemote(o, { signal: waiting.signal, logger });
  if (remote === undefined) return; // stopped while waiting for the node
  const service = new TrusteeService(remote.deps, remote.source, { mode: o.mode, pollMs: o.pollMs, logger });
  await service.start();
  stop = async () => {
    await service.stop();
    remote.close();
  };
}

function keyOptions(c: Command): Command {
  return c
    .option('--data-dir <dir>', 'directory of the key file and the secrets', './data')
    .option(
      '--name <name>',
      'trustee name: key file DATA_DIR/NAME.key, secrets in DATA_DIR/NAME-trustee/',
      nameArg,
      'trustee',
    )
    .option('--key-file <file>', 'identity key file (default DATA_DIR/NAME.key)');
}

function remoteOptions(c: Command): Command {
  return keyOptions(c)
    .requiredOption('--node <url>', 'base URL of the node to read the ledger from and post to', nodeUrlArg)
    .option('--election <id>', 'election id (needed only when the ledger holds several)')
    .option('--proxy <url>', 'socks5h://HOST:PORT for the connection to the node (Tor)', proxyArg)
    .option(
      '--genesis <id>',
      'the genesis id of the election ledger: any other ledger is refused',
      genesisArg,
    )
    .option('--json', 'print one JSON object')
    .addOption(
      new Option(
        '--fault <fault>',
        `deliberate fault for tests and demos (${FAULT_NAMES.join(', ')}); repeatable`,
      )
        .argParser(faultArg)
        .default([]),
    );
}

/** Adds the `trustee` command and its subcommands. */
export function addTrusteeCommand(program: Command): void {
  const t = program
    .command('trustee')
    .description('key ceremony share holder: ceremony records and partial decryptions');
  keyOptions(
    t.command('init').description("create the trustee's identity key and print its public key"),
  ).action(guarded(init));
  remoteOptions(
    t.command('status').description('show the ceremony and the decryption, and what this trustee does next'),
  ).action(guarded(status));
  remoteOptions(t.command('step').description('publish the next ceremony record (manual mode)')).action(
    guarded((o: RemoteOptions) => manual(o, 'ceremony')),
  );
  remoteOptions(
    t.command('decrypt').description('publish the partial decryption of the closed election (manual mode)'),
  ).action(guarded((o: RemoteOptions) => manual(o, 'decryption')));
  remoteOptions(t.command('run').description('act automatically until stopped (SIGINT/SIGTERM)'))
    .addOption(
      new Option('--mode <mode>', 'auto: act; manual: only report what is due')
        .choices(['auto', 'manual'])
        .default('auto'),
    )
    .option('--poll-ms <ms>', 'longest wait between two looks at the ledger', (v) => positiveInt(v), 1000)
    .option('--log-level <level>', 'pino level: fatal, error, warn, info, debug', 'info')
    .action(guarded(run));
}

function positiveInt(text: string): number {
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError('give a whole number of milliseconds ≥ 1.');
  return Number(text);
}
