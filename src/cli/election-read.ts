/** What the election commands share: their dependencies and a checked reading of a node's ledger. */
import { ElectionReader, type ElectionReading } from '../client/election-reader.js';
import { clientEnv } from '../client/env.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import { type CliIo, checkUrl } from './client-io.js';

/** What the election commands run with (tests replace parts). */
export interface ElectionCliDeps {
  readonly io: CliIo;
  readonly env?: ElectionEnv;
  readonly now?: () => number;
}

/** A checked reading of the election on the node at `node`. */
export async function readNode(
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
