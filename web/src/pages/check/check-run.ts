/**
 * The check itself, as the command line's `checkReceipt` does it: the page's own checked copy of its
 * node's ledger (`ElectionReader` on the browser's pure-JavaScript backends), read block by block with
 * the election rules, then `checkTracker`. The node is trusted for availability only.
 */
import { checkTracker, trackerOf } from '../../../../src/client/check.js';
import { ElectionReader } from '../../../../src/client/election-reader.js';
import { asClientError } from '../../../../src/client/errors.js';
import { trackerStatus } from '../../../../src/ledger/election/view.js';
import { httpConnector } from '../../../../src/node/http/peer-client.js';
import type { PeerClient } from '../../../../src/node/peer-client.js';
import { browserEnv } from '../../platform/env.js';
import type { CheckMessage, CheckRequest } from './check-protocol.js';

/** Blocks asked for at once, small enough for a progress line that moves. */
const STEP = 25;

/** `client` with its reads reported: the head's height is the total, each page asked for the progress. */
function counted(client: PeerClient, report: (done: number, total: number) => void): PeerClient {
  let total = 0;
  return {
    url: client.url,
    getHead: async (signal) => {
      const h = await client.getHead(signal);
      total = h.height;
      report(0, total);
      return h;
    },
    getBlocks: async (from, limit, signal) => {
      report(Math.max(0, from - 1), Math.max(total, from - 1));
      const entries = await client.getBlocks(from, Math.min(limit, STEP), signal);
      return entries;
    },
    getBlocksByIds: (ids, signal) => client.getBlocksByIds(ids, signal),
    postTxs: (txs, signal) => client.postTxs(txs, signal),
    postBlock: (b, signal) => client.postBlock(b, signal),
    postApproval: (a, signal) => client.postApproval(a, signal),
    getPeers: (signal) => client.getPeers(signal),
  };
}

/** Runs one check, posting progress and then the result or the error. */
export async function runCheck(req: CheckRequest, post: (m: CheckMessage) => void): Promise<void> {
  const connector = httpConnector({ timeoutMs: 60_000 });
  try {
    const env = browserEnv();
    const client = counted(connector.connect(req.node), (done, total) =>
      post({ kind: 'progress', done, total }),
    );
    const reader = await ElectionReader.open(req.node, { env, client });
    const reading = await reader.read();
    post({ kind: 'progress', done: reading.head.height, total: reading.head.height });
    const { tracker, receipt } = trackerOf(env.ed, reading, req.input);
    const check = checkTracker(reading, tracker, receipt);
    const unfinal = trackerStatus(reading.head.view, tracker)
      .records.filter((r) => r.height > reading.final.height)
      .map((r) => ({ box: r.box, height: r.height, txId: r.txId }));
    post({ kind: 'result', check, unfinal });
  } catch (e) {
    const c = asClientError(e);
    post({ kind: 'error', code: c.code, message: c.message.replace(/^[A-Z_0-9]+: /, '') });
  } finally {
    connector.close();
  }
}
