/**
 * `pnyx genesis create --validators KEY,KEY,… [--quorum N] [--hardness N] [--miners NAME,…] --out FILE`:
 * writes an authority genesis block (canonical JSON, proof of work searched here) and prints its id.
 * Validator keys are the nodes' public keys, printed by `pnyx node --print-key`.
 */
import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import { decodeAuthorityGenesis } from '../ledger/authority/genesis.js';
import { type Block, blockId, blockJson, blockText } from '../ledger/block.js';
import { searchNonceSync } from '../ledger/pow.js';

/** What a genesis is made from. */
export interface GenesisSpec {
  readonly validators: readonly string[];
  readonly quorum: number;
  readonly hardness: number;
  readonly miners?: readonly string[];
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** Builds and mines a genesis block; throws with a sentence when the parameters break the rules. */
export function createGenesis(spec: GenesisSpec): Block {
  const content: JsonObject = {
    profile: 'authority',
    hardness: spec.hardness,
    quorum: spec.quorum,
    validators: [...spec.validators],
    time: spec.time,
    ...(spec.miners ? { miners: [...spec.miners] } : {}),
  };
  const mined = searchNonceSync({ parent_id: '', miner_name: 'genesis', content }, spec.hardness);
  if (!mined.ok) throw new Error(mined.message);
  // The ledger's own check: the same one every node runs on start.
  const checked = decodeAuthorityGenesis(blockJson(mined.value));
  if (!checked.ok) throw new Error(`${checked.code}: ${checked.message}`);
  return mined.value;
}

function parseInt10(name: string, lo: number, hi: number) {
  return (text: string): number => {
    if (!/^[0-9]{1,4}$/.test(text) || Number(text) < lo || Number(text) > hi)
      throw new InvalidArgumentError(`${name} must be a whole number from ${lo} to ${hi}.`);
    return Number(text);
  };
}

function parseKeys(text: string): string[] {
  const keys = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  for (const k of keys)
    if (!/^[0-9a-f]{64}$/.test(k))
      throw new InvalidArgumentError(`"${k}" is not a public key: give 64 lowercase hex digits.`);
  if (keys.length === 0) throw new InvalidArgumentError('give at least one validator key.');
  return keys;
}

/** Adds the `genesis` command group. */
export function addGenesisCommand(program: Command): void {
  const g = program.command('genesis').description('create the genesis block of an authority ledger');
  g.command('create')
    .description('write a genesis block with its validator set, quorum and proof-of-work hardness')
    .requiredOption(
      '--validators <keys>',
      'comma-separated validator public keys (pnyx node --print-key)',
      parseKeys,
    )
    .option(
      '--quorum <n>',
      'approvals that make a block final (a majority)',
      parseInt10('--quorum', 1, 1000),
      2,
    )
    .option('--hardness <bits>', 'leading zero bits of every block id', parseInt10('--hardness', 0, 32), 8)
    .option('--miners <names>', 'comma-separated names allowed to mine (default: anyone)')
    .requiredOption('--out <file>', 'where to write the genesis block (JSON)')
    .action((o: { validators: string[]; quorum: number; hardness: number; miners?: string; out: string }) => {
      const miners = o.miners
        ?.split(',')
        .map((m) => m.trim())
        .filter((m) => m !== '');
      let block: Block;
      try {
        block = createGenesis({
          validators: o.validators,
          quorum: o.quorum,
          hardness: o.hardness,
          time: Date.now(),
          ...(miners ? { miners } : {}),
        });
      } catch (e) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
        return;
      }
      writeFileSync(o.out, `${blockText(block)}\n`);
      process.stdout.write(`${blockId(block)}\n`);
    });
}
