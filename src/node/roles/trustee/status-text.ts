/** The status of `pnyx trustee status` as a few lines for people. */
import { canonicalJson, type JsonObject } from '../../../crypto/encoding/canonical-json.js';

/** A few readable lines of a status object (`electionStatus` with `trustee` and `next`). */
export function statusText(s: JsonObject): string {
  const c = s.ceremony as JsonObject;
  const d = s.decryption as JsonObject | null;
  const list = (v: unknown): string => (Array.isArray(v) && v.length > 0 ? v.join(', ') : '-');
  const lines = [
    `election    ${s.election} (${s.scheme}, any ${s.k} of ${s.n} trustees)`,
    `ceremony    ${c.phase}${c.failure ? ` (${c.failure})` : ''}; qualified ${list(c.qualified)}; confirmed ${list(c.confirmed)}`,
    `closed      ${s.closed ? `yes, ${s.ballots} ballots counted` : 'no'}`,
  ];
  if (d !== null)
    lines.push(
      `decryption  accepted ${list(d.accepted)}; excluded ${list(d.excluded)}${d.counts ? `; counts ${canonicalJson(d.counts)}` : ''}`,
    );
  for (const e of [...((c.errors as JsonObject[]) ?? []), ...((d?.errors as JsonObject[] | undefined) ?? [])])
    lines.push(`rejected    trustee ${e.trustee}: ${e.code}: ${e.message}`);
  const next = s.next as Record<string, JsonObject> | undefined;
  lines.push(`this key    ${s.trustee === null ? 'is no trustee of this election' : `trustee ${s.trustee}`}`);
  if (next)
    for (const [a, n] of Object.entries(next))
      lines.push(
        `  ${a.padEnd(10)} ${n.outcome}${n.type ? ` ${n.type}` : ''}${n.reason ? ` (${n.reason})` : ''}`,
      );
  return `${lines.join('\n')}\n`;
}
