/** `pnyx election status`: phase, key ceremony, turnout and tally state. */
import type { ElectionReading } from '../client/election-reader.js';
import { canonicalJson, type JsonObject } from '../crypto/encoding/canonical-json.js';
import { type ElectionState, verdictCounts } from '../ledger/election/view.js';
import { EXIT, type ExitCode, runCommand } from './client-io.js';
import { type ElectionCliDeps, readNode } from './election-read.js';

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
