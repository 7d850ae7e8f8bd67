/** `pnyx voter check`: where a ballot stands on a node's ledger. */
import { existsSync, readFileSync } from 'node:fs';
import { checkTracker, trackerOf } from '../client/check.js';
import { ElectionReader } from '../client/election-reader.js';
import { clientEnv } from '../client/env.js';
import { canonicalJson, isJsonObject, parseJson } from '../crypto/encoding/canonical-json.js';
import { checkUrl, EXIT, type ExitCode, runCommand, UsageError } from './client-io.js';

import type { CheckFlags, VoterCliDeps } from './voter-register.js';

/** Reads a `voter check` argument: a tracker, a receipt file, or the receipt file `voter vote` wrote. */
function checkTarget(arg: string): unknown {
  if (/^[0-9a-f]{64}$/.test(arg) && !existsSync(arg)) return arg;
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    throw new UsageError(`${arg} is neither a tracker (64 hex digits) nor a readable receipt file`);
  }
  const p = parseJson(text.trim());
  if (!p.ok || !isJsonObject(p.value)) throw new UsageError(`${arg} is not a JSON receipt`);
  const v = p.value;
  if (Array.isArray(v.receipts) && v.receipts.length > 0) return v.receipts[0];
  if (typeof v.tracker === 'string' && v.sig === undefined) return v.tracker;
  return v;
}

/** `pnyx voter check RECEIPT_FILE_OR_TRACKER`. */
export async function runVoterCheck(arg: string, f: CheckFlags, d: VoterCliDeps): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const node = checkUrl('--node', f.node);
    const target = checkTarget(arg);
    const env = d.env ?? (await clientEnv());
    const reader = await ElectionReader.open(node, {
      env,
      ...(d.now ? { now: d.now } : {}),
      ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
    });
    try {
      const reading = await reader.read();
      const { tracker, receipt } = trackerOf(env.ed, reading, target);
      const c = checkTracker(reading, tracker, receipt);
      if (f.json)
        d.io.out(
          canonicalJson({
            tracker: c.tracker,
            standing: c.standing,
            provisional: c.provisional,
            phase: c.phase,
            final_height: c.finalHeight,
            head_height: c.headHeight,
            records: c.records.map((r) => ({
              box: r.box,
              height: r.height,
              tx: r.txId,
              verdict: r.verdict,
              reason: r.reason,
            })),
          }),
        );
      else {
        if (receipt) d.io.out(`receipt: signed by box ${receipt.box} (checked)`);
        d.io.out(`tracker: ${c.tracker}`);
        d.io.out(
          `standing: ${c.standing}${c.provisional && c.standing === 'counted' ? ' (the election is not closed yet)' : ''}`,
        );
        d.io.out(`election phase: ${c.phase}; final block ${c.finalHeight}, head ${c.headHeight}`);
        for (const r of c.records) d.io.out(`  block ${r.height}, box ${r.box}: ${r.verdict} — ${r.reason}`);
      }
      if (c.standing === 'counted' || c.standing === 'spoiled') return EXIT.ok;
      return c.standing === 'not-counted' ? EXIT.refused : EXIT.notYet;
    } finally {
      reader.close();
    }
  });
}
