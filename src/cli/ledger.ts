/**
 * `pnyx ledger verify|export|import`: offline verification of an exported ledger, and moving a node's
 * ledger to and from the export format (JSON lines, see docs/ledger.md).
 *
 * Exit codes: 0 success; 1 the ledger failed verification (or an import was refused); 2 bad arguments or
 * an unreadable file or database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { AuthorityLedger } from '../ledger/authority/ledger.js';
import { permissiveRegistry, type TxRegistry } from '../ledger/authority/registry.js';
import { exportAuthority } from '../ledger/export/export.js';
import { decodeEntry } from '../ledger/export/format.js';
import { importAuthority } from '../ledger/export/import.js';
import { verifyExport } from '../ledger/export/verify.js';
import type { LedgerStore } from '../ledger/store.js';
import { checkConfig, storeLocation } from '../node/config.js';
import { openStore } from '../store/kysely-store.js';

/** Where the command writes (tests capture it). */
export interface LedgerIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Transaction rules to apply; by default every type is accepted (envelopes and signatures only). */
  readonly registry?: TxRegistry<unknown>;
}

const stdio: LedgerIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** Exit codes. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Reads a file as lines, or says why it cannot. */
function readLines(file: string, io: LedgerIo): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch (e) {
    io.err(`error: cannot read ${file}: ${(e as Error).message}`);
    return undefined;
  }
}

/** `pnyx ledger verify FILE`; returns the exit code. */
export function verifyFile(file: string, io: LedgerIo = stdio, now?: number): number {
  const lines = readLines(file, io);
  if (!lines) return EXIT.usage;
  const r = verifyExport(lines, {
    ed: ed25519Native,
    ...(io.registry ? { registry: io.registry } : {}),
    ...(now !== undefined ? { now } : {}),
  });
  if (!r.ok) {
    const where = [`line ${r.line}`];
    if (r.height !== undefined) where.push(`height ${r.height}`);
    if (r.blockId) where.push(`block ${r.blockId}`);
    io.out(`FAIL ${where.join(', ')}: ${r.code}: ${r.message}`);
    return EXIT.invalid;
  }
  io.out(`ok   format: pnyx-ledger version 1, ${r.profile} profile, genesis ${r.genesis}`);
  io.out(`ok   ${r.blocks} blocks: hash links, sizes, heights and times`);
  io.out(`ok   proof of work of every block`);
  if (r.profile === 'authority') {
    io.out(`ok   transaction envelopes and author signatures`);
    io.out(
      r.rulesChecked
        ? 'ok   transaction rules of the election'
        : 'note transaction rules not checked (no election registry given): envelopes and signatures only',
    );
    io.out(`ok   approvals: validator set, signatures, one verdict per validator`);
    io.out(`ok   finality: last final block at height ${r.finalHeight} (quorum and majority)`);
  } else {
    io.out(`ok   runner phases and proofs; head at height ${r.finalHeight}`);
    if (r.tally !== undefined) io.out(`ok   tally: ${r.tally}`);
  }
  io.out(`ok   head ${r.head}`);
  return EXIT.ok;
}

interface StoreArgs {
  readonly dataDir: string;
  readonly name: string;
  readonly db?: string;
}

async function openNodeStore(a: StoreArgs, io: LedgerIo): Promise<LedgerStore | undefined> {
  const c = checkConfig({
    name: a.name,
    roles: ['observer'],
    dataDir: a.dataDir,
    peers: [],
    ...(a.db ? { db: a.db } : {}),
  });
  if (!c.ok) {
    io.err(`error: ${c.message}`);
    return undefined;
  }
  try {
    return await openStore(storeLocation(c.value));
  } catch (e) {
    io.err(`error: cannot open the database: ${(e as Error).message}`);
    return undefined;
  }
}

/** `pnyx ledger export`; returns the exit code. */
export async function exportLedger(a: StoreArgs & { out: string }, io: LedgerIo = stdio): Promise<number> {
  const store = await openNodeStore(a, io);
  if (!store) return EXIT.usage;
  try {
    if ((await store.allBlocks()).length === 0) {
      io.err(`error: node ${a.name} in ${a.dataDir} has no ledger yet`);
      return EXIT.usage;
    }
    const l = await AuthorityLedger.open(store, {
      registry: io.registry ?? permissiveRegistry(),
      ed: ed25519Native,
      now: () => Number.MAX_SAFE_INTEGER,
    });
    if (!l.ok) {
      io.err(`error: the stored ledger does not replay: ${l.code}: ${l.message}`);
      return EXIT.invalid;
    }
    const lines = exportAuthority(l.value);
    writeFileSync(a.out, `${lines.join('\n')}\n`);
    io.out(`exported ${lines.length - 1} blocks to ${a.out}`);
    return EXIT.ok;
  } catch (e) {
    io.err(`error: ${(e as Error).message}`);
    return EXIT.usage;
  } finally {
    await store.close();
  }
}

/** `pnyx ledger import`; returns the exit code. */
export async function importLedger(a: StoreArgs & { in: string }, io: LedgerIo = stdio): Promise<number> {
  const lines = readLines(a.in, io);
  if (!lines) return EXIT.usage;
  const genesis = lines.length > 1 ? decodeEntry(lines[1]!) : undefined;
  if (!genesis?.ok) {
    io.err(`error: ${a.in} line 2 is not a genesis block line`);
    return EXIT.invalid;
  }
  const store = await openNodeStore(a, io);
  if (!store) return EXIT.usage;
  try {
    const l = await AuthorityLedger.open(store, {
      registry: io.registry ?? permissiveRegistry(),
      ed: ed25519Native,
      now: () => Date.now(),
      genesis: genesis.value.block,
    });
    if (!l.ok) {
      io.out(`FAIL ${l.code}: ${l.message}`);
      return EXIT.invalid;
    }
    const r = await importAuthority(l.value, lines);
    if (!r.ok) {
      io.out(`FAIL ${r.code}: ${r.message}`);
      return EXIT.invalid;
    }
    io.out(`imported ${r.value.blocks} new blocks and ${r.value.approvals} new approvals`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function nonEmpty(what: string) {
  return (v: string): string => {
    if (v.trim() === '') throw new InvalidArgumentError(`${what} must not be empty.`);
    return v;
  };
}

/** Adds `pnyx ledger verify|export|import`. */
export function addLedgerCommand(program: Command, io: LedgerIo = stdio): void {
  const ledger = program.command('ledger').description('verify, export and import a ledger (JSON lines)');
  const done = (code: number): void => {
    process.exitCode = code;
  };
  ledger
    .command('verify')
    .description('check an exported ledger offline: links, proof of work, signatures, approvals, quorum')
    .argument('<file>', 'the export file (JSON lines)')
    .action((file: string) => done(verifyFile(file, io)));
  const storeOptions = (c: Command): Command =>
    c
      .requiredOption('--data-dir <dir>', "the node's data directory", nonEmpty('--data-dir'))
      .requiredOption('--name <name>', 'the node name', nonEmpty('--name'))
      .option('--db <url>', 'postgres://… URL or SQLite file (default DATA_DIR/NAME.db)');
  storeOptions(ledger.command('export').description("write a node's main chain and its approvals to a file"))
    .requiredOption('--out <file>', 'the file to write', nonEmpty('--out'))
    .action(async (o: StoreArgs & { out: string }) => done(await exportLedger(o, io)));
  storeOptions(
    ledger.command('import').description("check an export block by block and add it to a node's database"),
  )
    .requiredOption('--in <file>', 'the export file to read', nonEmpty('--in'))
    .action(async (o: StoreArgs & { in: string }) => done(await importLedger(o, io)));
}
