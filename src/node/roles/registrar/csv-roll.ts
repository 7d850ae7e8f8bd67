/**
 * Reading a voter roll from CSV (RFC 4180: comma-separated, `"` quotes, CRLF or LF, optional UTF-8 BOM).
 * Pure: no database, no hashing. The first line is the header, exactly
 * `name,surname,email,login,password` or `name,surname,email,login` (then one-time passwords are
 * generated at import). Every row is checked; the first problem is reported as
 * `line L, column C: …` and nothing is imported.
 */
import { parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '../../../crypto/result.js';
import { LOGIN_PATTERN, ROLL_LIMITS } from './roll-limits.js';

/** One checked row. `password` is absent in a password-less roll. */
export interface RollRow {
  /** Line of the CSV text where the row ends (1-based). */
  readonly line: number;
  readonly name: string;
  readonly surname: string;
  readonly email: string;
  readonly login: string;
  readonly password?: string;
}

/** A checked roll. */
export interface ParsedRoll {
  readonly rows: readonly RollRow[];
  readonly withPasswords: boolean;
}

/** The limits and login pattern (in their own module, for the route schemas). */
export { LOGIN_PATTERN, ROLL_LIMITS };

const LOGIN_RE = new RegExp(LOGIN_PATTERN);
const EMAIL_RE = /^[^\s@"<>,;()[\]\\]+@[^\s@"<>,;()[\]\\]+\.[^\s@"<>,;()[\]\\]+$/;
/** True if `s` holds a C0 or C1 control character, DEL, or a line/paragraph separator. */
function hasControl(s: string): boolean {
  for (const ch of s) {
    const u = ch.codePointAt(0)!;
    if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u === 0x2028 || u === 0x2029) return true;
  }
  return false;
}

const HEADER_FULL = ['name', 'surname', 'email', 'login', 'password'];
const HEADER_NO_PASSWORD = HEADER_FULL.slice(0, 4);

/** The code of every roll failure (docs: ROLL_INVALID, 400). Roll failures use `ENCODING_INVALID` here. */
function at(line: number, column: string, what: string): Result<never> {
  return fail('ENCODING_INVALID', `line ${line}, column ${column}: ${what}`);
}

function checkText(v: string, line: number, column: string, max: number): Result<string> {
  const s = v.trim();
  if (s.length === 0) return at(line, column, 'is empty');
  if (s.length > max) return at(line, column, `is longer than ${max} characters`);
  if (hasControl(s)) return at(line, column, 'contains a control character');
  if (s !== s.normalize('NFC')) return at(line, column, 'is not in Unicode NFC form');
  return ok(s);
}

function checkRow(rec: readonly string[], line: number, withPasswords: boolean): Result<RollRow> {
  const name = checkText(rec[0]!, line, 'name', ROLL_LIMITS.nameLength);
  if (!name.ok) return name;
  const surname = checkText(rec[1]!, line, 'surname', ROLL_LIMITS.nameLength);
  if (!surname.ok) return surname;
  const email = rec[2]!.trim();
  if (email.length > ROLL_LIMITS.emailLength || !EMAIL_RE.test(email))
    return at(line, 'email', 'is not an e-mail address (local@domain.tld, at most 254 characters)');
  const login = rec[3]!.trim();
  if (!LOGIN_RE.test(login))
    return at(
      line,
      'login',
      'must be 1 to 64 characters from A-Z a-z 0-9 . _ @ -, starting with a letter or digit',
    );
  const row = { line, name: name.value, surname: surname.value, email, login };
  if (!withPasswords) return ok(row);
  // Passwords are taken as written (no trimming): spaces may be part of them.
  const password = rec[4]!;
  if (password.length < ROLL_LIMITS.passwordMin || password.length > ROLL_LIMITS.passwordMax)
    return at(
      line,
      'password',
      `must have ${ROLL_LIMITS.passwordMin} to ${ROLL_LIMITS.passwordMax} characters`,
    );
  if (hasControl(password)) return at(line, 'password', 'contains a control character');
  return ok({ ...row, password });
}

function sameHeader(rec: readonly string[], h: readonly string[]): boolean {
  return rec.length === h.length && rec.every((x, i) => x.trim().toLowerCase() === h[i]);
}

/** Reads the records with their line numbers; a CSV syntax error names its line. */
function records(text: string): Result<{ record: string[]; line: number }[]> {
  let raw: unknown;
  try {
    raw = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 0;
    const why = e instanceof Error ? e.message.replace(/^[A-Za-z ]+: /, '') : 'unreadable CSV';
    return at(line, '-', `not valid CSV (${why})`);
  }
  const out: { record: string[]; line: number }[] = [];
  for (const r of raw as { record: string[]; info: { lines: number } }[])
    out.push({ record: r.record, line: r.info.lines });
  return ok(out);
}

/**
 * Parses and checks a roll. Failures (`ENCODING_INVALID`, turned into `ROLL_INVALID` by the import) name
 * the line and column: bad header, wrong number of fields, an empty or too long field, a control
 * character, a bad e-mail or login, a password too short or too long, a login repeated in the file,
 * no rows, or more than {@link ROLL_LIMITS}.maxRows rows.
 */
export function parseRollCsv(text: string): Result<ParsedRoll> {
  const recs = records(text);
  if (!recs.ok) return recs;
  const [head, ...body] = recs.value;
  if (!head) return at(1, '-', 'the roll is empty (a header line is required)');
  const withPasswords = sameHeader(head.record, HEADER_FULL);
  if (!withPasswords && !sameHeader(head.record, HEADER_NO_PASSWORD))
    return at(
      head.line,
      '-',
      `the header must be "${HEADER_FULL.join(',')}" or "${HEADER_NO_PASSWORD.join(',')}"`,
    );
  if (body.length === 0) return at(head.line, '-', 'the roll has no voter rows');
  if (body.length > ROLL_LIMITS.maxRows)
    return at(body[ROLL_LIMITS.maxRows]!.line, '-', `more than ${ROLL_LIMITS.maxRows} rows in one import`);
  const width = withPasswords ? 5 : 4;
  const seen = new Map<string, number>();
  const rows: RollRow[] = [];
  for (const { record, line } of body) {
    if (record.length !== width) return at(line, '-', `has ${record.length} fields, expected ${width}`);
    const row = checkRow(record, line, withPasswords);
    if (!row.ok) return row;
    // Each login once in the file.
    const first = seen.get(row.value.login);
    if (first !== undefined)
      return at(line, 'login', `"${row.value.login}" already appears on line ${first}`);
    seen.set(row.value.login, line);
    rows.push(row.value);
  }
  return ok({ rows, withPasswords });
}
