/** `pnyx election close`: the registrar’s early close, with the node admin token. */
import { asClientError } from '../client/errors.js';
import { isJsonObject } from '../crypto/encoding/canonical-json.js';
import { createClient } from '../net/client.js';
import { EXPLORER_ROUTES } from '../node/http/routes.js';
import { REGISTRAR_ROUTES } from '../node/roles/registrar/http/routes.js';
import { checkUrl, EXIT, type ExitCode, readAdminToken, runCommand, UsageError } from './client-io.js';
import type { ElectionCliDeps } from './election-read.js';

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
