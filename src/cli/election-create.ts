/** `pnyx election create`: a checked spec → the genesis block of the election’s ledger. */
import { writeFileSync } from 'node:fs';
import { clientEnv } from '../client/env.js';
import { blockId, blockText } from '../ledger/block.js';
import { electionFingerprint } from '../protocol/election/fingerprint.js';
import { EXIT, type ExitCode, runCommand, UsageError } from './client-io.js';
import { electionGenesis } from './election-genesis.js';
import type { ElectionCliDeps } from './election-read.js';
import { readSpecFile, specDefinition } from './election-spec.js';

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
