/**
 * `pnyx election create|status|close|results` and `pnyx results`: the organiser's commands.
 *
 * - `create --spec FILE --out GENESIS` checks the spec with the protocol's strict reader and writes the
 *   genesis block the election's nodes start with (`pnyx node --genesis GENESIS`);
 * - `status`, `results` read the election from a node's ledger, every block checked here;
 * - `close` asks the registrar's node to post the early close (node admin token).
 *
 * Exit codes: {@link EXIT}.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ElectionReader, type ElectionReading } from '../client/election-reader.js';
import { clientEnv } from '../client/env.js';
import { asClientError } from '../client/errors.js';
import { canonicalJson, isJsonObject, type JsonObject } from '../crypto/encoding/canonical-json.js';
import { blockId, blockText } from '../ledger/block.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import { type ElectionState, verdictCounts } from '../ledger/election/view.js';
import { createClient } from '../net/client.js';
import { EXPLORER_ROUTES } from '../node/http/routes.js';
import { REGISTRAR_ROUTES } from '../node/roles/registrar/http/routes.js';
import { electionFingerprint } from '../protocol/election/fingerprint.js';
import { resultsToJson } from '../protocol/results.js';
import {
  type CliIo,
  checkUrl,
  EXIT,
  type ExitCode,
  readAdminToken,
  runCommand,
  stdio,
  UsageError,
  usageExits,
} from './client-io.js';
import { electionGenesis } from './election-genesis.js';
import { readSpecFile, specDefinition } from './election-spec.js';

/** What the election commands run with (tests replace parts). */
export interface ElectionCliDeps {
  readonly io: CliIo;
  readonly env?: ElectionEnv;
  readonly now?: () => number;
}

/** `pnyx election create`. */
export async function runElectionCreate(
  f: { spec?: string; out?: string },
  d: ElectionCliDeps,
): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    if (!f.spec) throw new UsageError('give --spec FILE');
    if (!f.out) throw new UsageError('give --out GENESIS');
    const spec = readSpecFile(f.spec);
    const def = specDefinition(spec);
    if (!def.ok) {
      d.io.err(`error: ${def.code}: ${def.message}`);
      return EXIT.refused;
    }
    const env = d.env ?? (await clientEnv());
    let block: ReturnType<typeof electionGenesis>;
    try {
      block = electionGenesis(def.value, env, {
        time: spec.time ?? (d.now ?? Date.now)(),
        ...(spec.miners ? { miners: spec.miners } : {}),
      });
    } catch (e) {
      d.io.err(`error: ${(e as Error).message}`);
      return EXIT.refused;
    }
    writeFileSync(f.out, `${blockText(block)}\n`);
    d.io.out(`genesis: ${blockId(block)}`);
    d.io.out(`election: ${def.value.id} (fingerprint ${electionFingerprint(def.value)})`);
    d.io.out(`written to ${f.out}; start every node of the election with --genesis ${f.out}`);
    return EXIT.ok;
  });
}

async function readNode(
  node: string | undefined,
  proxy: string | undefined,
  d: ElectionCliDeps,
): Promise<ElectionReading> {
  const url = checkUrl('--node', node);
  const reader = await ElectionReader.open(url, {
    env: d.env ?? (await clientEnv()),
    ...(d.now ? { now: d.now } : {}),
    ...(proxy === undefined ? {} : { proxy }),
  });
  try {
    return await reader.read();
  } finally {
    reader.close();
  }
}

/** The status of an election as one JSON object. */
export function statusJson(r: ElectionReading): JsonObject {
  const v: ElectionState = r.final.view;
  const def = v.definition;
  const dec = v.decryption;
  return {
    chain: r.chain,
    final_height: r.final.height,
    head_height: r.head.height,
    phase: v.phase,
    ...(v.problem ? { problem: v.problem } : {}),
    ...(def
      ? {
          election: def.id,
          fingerprint: v.fingerprint ?? '',
          title: def.manifest.title,
          scheme: def.scheme,
          eligibility: def.eligibility.mode,
          revote: def.revote,
          opens_at: def.schedule.opens_at,
          closes_at: def.schedule.closes_at,
          roll: def.roll.count,
        }
      : {}),
    ...(v.ceremony
      ? {
          ceremony: {
            kind: v.ceremony.kind,
            phase: v.ceremony.phase,
            ...(v.ceremony.failure ? { failure: v.ceremony.failure } : {}),
          },
        }
      : {}),
    ...(v.eligibility?.eligibleKeys !== undefined ? { eligible_keys: v.eligibility.eligibleKeys } : {}),
    ...(v.eligibility?.tokensIssued !== undefined ? { tokens_issued: v.eligibility.tokensIssued } : {}),
    ballot_records: v.ballots.length,
    counted: v.counted.length,
    audits: v.audits.length,
    verdicts: verdictCounts(v.ballots) as JsonObject,
    tally: {
      closed: v.tally !== undefined,
      ...(dec
        ? {
            decryptions: [...dec.accepted],
            excluded: [...dec.excluded],
            needed: dec.needed,
            decrypted: dec.counts !== undefined,
          }
        : { decrypted: false }),
      result_posted: v.result !== undefined,
    },
    warnings: [...v.warnings],
  };
}

const ms = (t: number) => new Date(t).toISOString();

/** `pnyx election status`. */
export async function runElectionStatus(
  f: { node?: string; json?: boolean; proxy?: string },
  d: ElectionCliDeps,
): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const r = await readNode(f.node, f.proxy, d);
    const s = statusJson(r);
    if (f.json) {
      d.io.out(canonicalJson(s));
      return EXIT.ok;
    }
    const v = r.final.view;
    const def = v.definition;
    d.io.out(`phase: ${v.phase}${v.problem ? ` (${v.problem})` : ''}`);
    if (def) {
      d.io.out(`election: ${def.id} — ${def.manifest.title}`);
      d.io.out(
        `scheme ${def.scheme}, eligibility ${def.eligibility.mode}, revote ${def.revote}, roll ${def.roll.count}`,
      );
      d.io.out(`voting: ${ms(def.schedule.opens_at)} to ${ms(def.schedule.closes_at)}`);
    }
    if (v.ceremony)
      d.io.out(
        `key ceremony (${v.ceremony.kind}): ${v.ceremony.phase}${v.ceremony.failure ? ` — ${v.ceremony.failure}` : ''}`,
      );
    if (v.eligibility?.eligibleKeys !== undefined)
      d.io.out(`eligible keys published: ${v.eligibility.eligibleKeys}`);
    if (v.eligibility?.tokensIssued !== undefined) d.io.out(`tokens issued: ${v.eligibility.tokensIssued}`);
    const turnout = def ? ` (${((100 * v.counted.length) / def.roll.count).toFixed(1)}% of the roll)` : '';
    d.io.out(
      `ballots: ${v.counted.length} counted${turnout}, ${v.ballots.length} box records, ${v.audits.length} audited`,
    );
    const tally = s.tally as JsonObject;
    const dec = v.decryption;
    d.io.out(
      `tally: ${v.tally ? 'fixed' : 'not yet (closes at the end of voting)'}` +
        (dec
          ? `; decryptions ${dec.accepted.length} of ${dec.needed} needed${dec.counts ? ', decrypted' : ''}`
          : '') +
        (tally.result_posted ? '; result posted' : ''),
    );
    for (const w of v.warnings) d.io.out(`warning: ${w}`);
    d.io.out(`ledger: final block ${r.final.height}, head ${r.head.height}`);
    return EXIT.ok;
  });
}

/** The election id served on a node's ledger (genesis definition), for `close` without `--election`. */
async function electionIdOf(node: string): Promise<string> {
  try {
    const g = await createClient(EXPLORER_ROUTES, node).blocksAt({ params: { height: 0 } });
    const content = g.blocks[0]?.block.content;
    const e = isJsonObject(content) ? content.election : undefined;
    if (isJsonObject(e) && typeof e.id === 'string') return e.id;
  } catch (e) {
    throw asClientError(e, node);
  }
  throw new UsageError('the genesis carries no election definition: give --election ID');
}

/** `pnyx election close`. */
export async function runElectionClose(
  f: { node?: string; election?: string; adminTokenFile?: string; proxy?: string },
  d: ElectionCliDeps,
): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const node = checkUrl('--node', f.node);
    if (!f.adminTokenFile) throw new UsageError('give --admin-token-file F (the node admin token)');
    const adminToken = readAdminToken(f.adminTokenFile);
    const election = f.election ?? (await electionIdOf(node));
    const client = createClient(REGISTRAR_ROUTES, node, {
      adminToken,
      timeoutMs: 60_000,
      ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
    });
    try {
      const a = await client.adminClose({ params: { election }, body: {} });
      d.io.out(`close submitted: transaction ${a.tx_id}`);
      d.io.out('voting stops once it is in a final block; the trustees then decrypt the tally');
      return EXIT.ok;
    } catch (e) {
      throw asClientError(e, 'close');
    }
  });
}

/** `pnyx election results` / `pnyx results`. */
export async function runResults(
  f: { node?: string; json?: boolean; proxy?: string },
  d: ElectionCliDeps,
): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const r = await readNode(f.node, f.proxy, d);
    const v = r.final.view;
    const def = v.definition;
    if (!v.results || !def) {
      const why = `no results yet: the election is ${v.phase}`;
      if (f.json) d.io.out(canonicalJson({ phase: v.phase, results: null }));
      else d.io.out(why);
      return EXIT.notYet;
    }
    if (f.json) {
      d.io.out(
        canonicalJson({
          election: def.id,
          fingerprint: v.fingerprint ?? '',
          phase: v.phase,
          ballots: v.counted.length,
          result_posted: v.result !== undefined,
          final_height: r.final.height,
          ...resultsToJson(v.results),
        }),
      );
      return EXIT.ok;
    }
    d.io.out(
      `${def.manifest.title} — ${v.counted.length} ballots counted${v.result ? ' (result posted on the ledger)' : ''}`,
    );
    for (const q of v.results.questions) {
      const question = def.manifest.questions.find((x) => x.id === q.id);
      d.io.out(`${question?.text ?? q.id}`);
      const width = Math.max(
        ...q.counts.map(([id]) => (question?.options.find((o) => o.id === id)?.text ?? id).length),
      );
      for (const [id, n] of q.counts) {
        const text = question?.options.find((o) => o.id === id)?.text ?? id;
        d.io.out(`  ${text.padEnd(width)}  ${n}`);
      }
    }
    return EXIT.ok;
  });
}

/** Adds `pnyx election create|status|close|results`. */
export function addElectionCommand(program: Command, d: Partial<ElectionCliDeps> = {}): void {
  const full: ElectionCliDeps = { io: d.io ?? stdio, ...d };
  const run = async (p: Promise<ExitCode>) => {
    process.exitCode = await p;
  };
  const e = program
    .command('election')
    .description('create an election’s genesis, follow it, close it, read its results');
  usageExits(e.command('create'))
    .description('check an election spec and write the genesis block its nodes start with')
    .option('--spec <file>', 'the election spec (JSON: the definition, defaults allowed)')
    .option('--out <file>', 'where to write the genesis block')
    .action((o: { spec?: string; out?: string }) => run(runElectionCreate(o, full)));
  usageExits(e.command('status'))
    .description('phase, key ceremony, turnout and tally state, from a node’s ledger')
    .option('--node <url>', 'a ledger node (http://HOST:PORT)')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .option('--json', 'print one JSON object')
    .action((o: { node?: string; json?: boolean; proxy?: string }) => run(runElectionStatus(o, full)));
  usageExits(e.command('close'))
    .description('close voting early (the registrar posts the ledger’s close)')
    .option('--node <url>', 'the registrar’s node (http://HOST:PORT)')
    .option('--election <id>', 'election id (default: the one in the node’s genesis)')
    .option('--admin-token-file <file>', 'file holding the node admin token')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .action((o: { node?: string; election?: string; adminTokenFile?: string; proxy?: string }) =>
      run(runElectionClose(o, full)),
    );
  addResults(usageExits(e.command('results')), full, run);
}

function addResults(c: Command, d: ElectionCliDeps, run: (p: Promise<ExitCode>) => Promise<void>): void {
  c.description('the decrypted results, from a node’s ledger')
    .option('--node <url>', 'a ledger node (http://HOST:PORT)')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .option('--json', 'print one JSON object')
    .action((o: { node?: string; json?: boolean; proxy?: string }) => run(runResults(o, d)));
}

/** Adds `pnyx results` (the same as `pnyx election results`). */
export function addResultsCommand(program: Command, d: Partial<ElectionCliDeps> = {}): void {
  const full: ElectionCliDeps = { io: d.io ?? stdio, ...d };
  addResults(usageExits(program.command('results')), full, async (p) => {
    process.exitCode = await p;
  });
}
