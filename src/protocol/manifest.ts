/**
 * The election manifest: what is asked and which answers are allowed.
 *
 * A manifest is plain JSON (hashed into the election fingerprint). Each question has a kind:
 * - `one-of-n`: pick at most one option (`min` 0 allows a blank vote, `min` 1 forces a choice);
 * - `approval`: pick between `min` and `max` options;
 * - `yes-no`: exactly the two options `yes` and `no`, pick one (`min` = `max` = 1).
 */
import { isJsonObject, type JsonObject } from '../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../crypto/result.js';

/** Question kinds. */
export const QUESTION_KINDS = ['one-of-n', 'approval', 'yes-no'] as const;
/** A question kind. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One answer a voter may select. */
export interface Option {
  readonly id: string;
  readonly text: string;
}

/** One question of the ballot. */
export interface Question {
  readonly id: string;
  readonly text: string;
  readonly kind: QuestionKind;
  readonly options: readonly Option[];
  /** Fewest options a voter must select. */
  readonly min: number;
  /** Most options a voter may select. */
  readonly max: number;
}

/** The manifest of one election. */
export interface Manifest {
  readonly title: string;
  readonly questions: readonly Question[];
}

/** Limits that keep ballots and proofs bounded. */
export const MANIFEST_LIMITS = { questions: 50, options: 64, idLength: 64, textLength: 1000 } as const;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function bad(message: string): Result<never> {
  return fail('MANIFEST_INVALID', message);
}

function readText(v: unknown, what: string, maxLen: number): Result<string> {
  if (typeof v !== 'string' || v.trim() === '') return bad(`${what} must be a non-empty string`);
  if (v.length > maxLen) return bad(`${what} is longer than ${maxLen} characters`);
  return ok(v);
}

function readId(v: unknown, what: string): Result<string> {
  const t = readText(v, what, MANIFEST_LIMITS.idLength);
  if (!t.ok) return t;
  if (!ID_RE.test(t.value))
    return bad(`${what} may use only letters, digits, '_', '.', '-' and must start alphanumeric`);
  return t;
}

function readInt(v: unknown, what: string): Result<number> {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    return bad(`${what} must be a non-negative integer`);
  return ok(v);
}

function onlyKeys(o: JsonObject, allowed: readonly string[], what: string): Result<true> {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return bad(`${what} has unknown field "${k}"`);
  return ok(true);
}

function readOption(v: unknown, where: string): Result<Option> {
  if (!isJsonObject(v)) return bad(`${where} must be an object`);
  const keys = onlyKeys(v, ['id', 'text'], where);
  if (!keys.ok) return keys;
  const id = readId(v.id, `${where}.id`);
  if (!id.ok) return id;
  const text = readText(v.text, `${where}.text`, MANIFEST_LIMITS.textLength);
  if (!text.ok) return text;
  return ok({ id: id.value, text: text.value });
}

/** Checks the kind-specific rules on a question's limits and options. */
function checkKind(q: Question, where: string): Result<true> {
  const n = q.options.length;
  if (q.min > q.max) return bad(`${where}: min ${q.min} exceeds max ${q.max}`);
  if (q.max > n) return bad(`${where}: max ${q.max} exceeds the ${n} options`);
  if (q.max < 1) return bad(`${where}: max must be at least 1`);
  switch (q.kind) {
    case 'one-of-n':
      if (q.max !== 1) return bad(`${where}: a one-of-n question has max 1`);
      return ok(true);
    case 'yes-no':
      if (n !== 2 || q.options[0]!.id !== 'yes' || q.options[1]!.id !== 'no') {
        return bad(`${where}: a yes-no question has exactly the options "yes" and "no", in that order`);
      }
      if (q.min !== 1 || q.max !== 1) return bad(`${where}: a yes-no question has min 1 and max 1`);
      return ok(true);
    case 'approval':
      return ok(true);
  }
}

function readQuestion(v: unknown, where: string): Result<Question> {
  if (!isJsonObject(v)) return bad(`${where} must be an object`);
  const keys = onlyKeys(v, ['id', 'text', 'kind', 'options', 'min', 'max'], where);
  if (!keys.ok) return keys;
  const id = readId(v.id, `${where}.id`);
  if (!id.ok) return id;
  const text = readText(v.text, `${where}.text`, MANIFEST_LIMITS.textLength);
  if (!text.ok) return text;
  if (typeof v.kind !== 'string' || !(QUESTION_KINDS as readonly string[]).includes(v.kind)) {
    return bad(`${where}.kind must be one of ${QUESTION_KINDS.join(', ')}`);
  }
  if (!Array.isArray(v.options) || v.options.length < 2 || v.options.length > MANIFEST_LIMITS.options) {
    return bad(`${where}.options must list 2 to ${MANIFEST_LIMITS.options} options`);
  }
  const options: Option[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < v.options.length; i++) {
    const o = readOption(v.options[i], `${where}.options[${i}]`);
    if (!o.ok) return o;
    if (seen.has(o.value.id)) return bad(`${where}.options[${i}].id "${o.value.id}" is repeated`);
    seen.add(o.value.id);
    options.push(o.value);
  }
  const min = readInt(v.min, `${where}.min`);
  if (!min.ok) return min;
  const max = readInt(v.max, `${where}.max`);
  if (!max.ok) return max;
  const q: Question = {
    id: id.value,
    text: text.value,
    kind: v.kind as QuestionKind,
    options,
    min: min.value,
    max: max.value,
  };
  const k = checkKind(q, where);
  return k.ok ? ok(q) : k;
}

/** Strictly reads and validates a manifest from untrusted JSON. */
export function readManifest(v: unknown): Result<Manifest> {
  if (!isJsonObject(v)) return bad('manifest must be an object');
  const keys = onlyKeys(v, ['title', 'questions'], 'manifest');
  if (!keys.ok) return keys;
  const title = readText(v.title, 'manifest.title', MANIFEST_LIMITS.textLength);
  if (!title.ok) return title;
  if (
    !Array.isArray(v.questions) ||
    v.questions.length < 1 ||
    v.questions.length > MANIFEST_LIMITS.questions
  ) {
    return bad(`manifest.questions must list 1 to ${MANIFEST_LIMITS.questions} questions`);
  }
  const questions: Question[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < v.questions.length; i++) {
    const q = readQuestion(v.questions[i], `manifest.questions[${i}]`);
    if (!q.ok) return q;
    if (seen.has(q.value.id)) return bad(`manifest.questions[${i}].id "${q.value.id}" is repeated`);
    seen.add(q.value.id);
    questions.push(q.value);
  }
  return ok({ title: title.value, questions });
}

/** The manifest as JSON (the exact object hashed into the election fingerprint). */
export function manifestToJson(m: Manifest): JsonObject {
  return {
    title: m.title,
    questions: m.questions.map((q) => ({
      id: q.id,
      text: q.text,
      kind: q.kind,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
      min: q.min,
      max: q.max,
    })),
  };
}
