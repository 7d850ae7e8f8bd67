/**
 * Splits a CSV voter roll into requests of at most `size` voters, each with the header line, as the demo
 * imports its roll (each request is all-or-nothing on the registrar). Records are cut at line ends
 * outside double quotes, so a quoted field may hold a line break.
 */

/** A part of the roll: its CSV text and the 1-based numbers of its first and last voter. */
export interface RollBatch {
  readonly csv: string;
  readonly from: number;
  readonly to: number;
}

/** The records of a CSV text (line ends inside quotes kept), empty lines left out. */
export function csvRecords(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push(body.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < body.length) out.push(body.slice(start).replace(/\r$/, ''));
  return out.filter((r) => r.trim() !== '');
}

/** The batches of `text`: the header, then at most `size` records each. */
export function rollBatches(text: string, size = 50): RollBatch[] {
  const [header, ...rows] = csvRecords(text);
  if (header === undefined) return [];
  const out: RollBatch[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    out.push({ csv: `${[header, ...part].join('\n')}\n`, from: i + 1, to: i + part.length });
  }
  return out;
}

/** One CSV field, quoted when it needs to be. */
function field(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The generated passwords as CSV (`login,password`). */
export function passwordsCsv(rows: readonly { login: string; password: string }[]): string {
  return `login,password\n${rows.map((r) => `${field(r.login)},${field(r.password)}`).join('\n')}\n`;
}
