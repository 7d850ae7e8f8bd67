/**
 * The election wizard's draft: what the form holds (text as typed), its checks with a message per field,
 * the request body of `POST /election/admin/create` built from it, and which step a server refusal
 * concerns. The server's reader (`readElection`) stays the judge; these checks only catch typing
 * mistakes early, next to the field.
 */
import type { Static } from '@sinclair/typebox';
import type { CreateElectionSchema } from '../../../../src/node/election/routes.js';
import { MANIFEST_LIMITS, type QuestionKind } from '../../../../src/protocol/manifest.js';
import { type MessageKey, t } from '../../i18n/index.js';

/** The create request body. */
export type CreateInput = Static<typeof CreateElectionSchema>;
/** A ballot scheme. */
export type Scheme = NonNullable<CreateInput['scheme']>;
/** An eligibility mode. */
export type Eligibility = NonNullable<CreateInput['eligibility']>;
/** A revote policy. */
export type Revote = NonNullable<CreateInput['revote']>;

/** The schemes offered, default first. */
export const SCHEMES: readonly Scheme[] = [
  'elgamal-ristretto255',
  'elgamal-modp2048',
  'elgamal-modp3072',
  'paillier',
];

/** One option as typed. */
export interface OptionDraft {
  readonly id: string;
  readonly text: string;
}

/** One question as typed (limits as text). */
export interface QuestionDraft {
  readonly id: string;
  readonly text: string;
  readonly kind: QuestionKind;
  readonly min: string;
  readonly max: string;
  readonly options: readonly OptionDraft[];
}

/** A ballot box as typed. */
export interface BoxDraft {
  readonly id: string;
  readonly key: string;
  readonly url: string;
}

/** A trustee as typed (its index is its position). */
export interface TrusteeDraft {
  readonly name: string;
  readonly key: string;
}

/** The whole draft. */
export interface Draft {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly QuestionDraft[];
  /** `datetime-local` values (local time). */
  readonly opens: string;
  readonly closes: string;
  readonly scheme: Scheme;
  readonly eligibility: Eligibility;
  readonly revote: Revote;
  readonly boxes: readonly BoxDraft[];
  readonly trustees: readonly TrusteeDraft[];
  readonly k: string;
}

/** The wizard's steps, in order. */
export const STEPS = ['manifest', 'schedule', 'settings', 'boxes', 'trustees', 'review'] as const;
/** A step. */
export type Step = (typeof STEPS)[number];

/** Problems of a draft: message per field id (see the ids the forms use). */
export type Problems = Readonly<Record<string, string>>;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** A `datetime-local` value of `ms` in local time (minutes). */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Milliseconds of a `datetime-local` value (NaN when empty or malformed). */
export function inputMillis(v: string): number {
  return v ? new Date(v).getTime() : Number.NaN;
}

/** An empty option row. */
export const blankOption = (): OptionDraft => ({ id: '', text: '' });

/** A question of `kind` with the options and limits that kind needs. */
export function blankQuestion(n: number, kind: QuestionKind = 'one-of-n'): QuestionDraft {
  const options =
    kind === 'yes-no'
      ? [
          { id: 'yes', text: 'Yes' },
          { id: 'no', text: 'No' },
        ]
      : [blankOption(), blankOption()];
  return { id: `q${n}`, text: '', kind, min: '1', max: '1', options };
}

/** A fresh draft: opens in ten minutes (room for the key ceremony), closes a day later. */
export function newDraft(now: number): Draft {
  const opens = Math.ceil((now + 10 * 60_000) / 60_000) * 60_000;
  return {
    id: '',
    title: '',
    questions: [blankQuestion(1)],
    opens: localInput(opens),
    closes: localInput(opens + 24 * 3600_000),
    scheme: 'elgamal-ristretto255',
    eligibility: 'identity-keys',
    revote: 'once',
    boxes: [{ id: '', key: '', url: '' }],
    trustees: [{ name: '', key: '' }],
    k: '1',
  };
}

/** Whether `v` is a whole number as typed. */
function int(v: string): number | undefined {
  return /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : undefined;
}

function isUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

function checkQuestions(
  d: Draft,
  out: Record<string, string>,
  m: (k: MessageKey, v?: Record<string, string | number>) => string,
): void {
  if (d.questions.length === 0) out.questions = m('admin.err.noQuestions');
  const qids = new Set<string>();
  d.questions.forEach((q, i) => {
    const at = `q${i}`;
    if (!ID_RE.test(q.id)) out[`${at}.id`] = m('admin.err.id');
    else if (qids.has(q.id)) out[`${at}.id`] = m('admin.err.repeated');
    qids.add(q.id);
    if (q.text.trim() === '') out[`${at}.text`] = m('admin.err.required');
    const oids = new Set<string>();
    if (q.options.length < 2 || q.options.length > MANIFEST_LIMITS.options)
      out[`${at}.options`] = m('admin.err.options', { max: MANIFEST_LIMITS.options });
    q.options.forEach((o, j) => {
      if (!ID_RE.test(o.id)) out[`${at}.o${j}.id`] = m('admin.err.id');
      else if (oids.has(o.id)) out[`${at}.o${j}.id`] = m('admin.err.repeated');
      oids.add(o.id);
      if (o.text.trim() === '') out[`${at}.o${j}.text`] = m('admin.err.required');
    });
    const min = int(q.min);
    const max = int(q.max);
    if (min === undefined) out[`${at}.min`] = m('admin.err.number');
    if (max === undefined) out[`${at}.max`] = m('admin.err.number');
    if (min === undefined || max === undefined) return;
    if (max < 1) out[`${at}.max`] = m('admin.err.maxAtLeast1');
    else if (max > q.options.length) out[`${at}.max`] = m('admin.err.maxOptions', { n: q.options.length });
    else if (min > max) out[`${at}.min`] = m('admin.err.minMax');
    else if (q.kind === 'one-of-n' && max !== 1) out[`${at}.max`] = m('admin.err.oneOfN');
    else if (q.kind === 'yes-no' && (min !== 1 || max !== 1)) out[`${at}.max`] = m('admin.err.yesNo');
    if (
      q.kind === 'yes-no' &&
      (q.options.length !== 2 || q.options[0]?.id !== 'yes' || q.options[1]?.id !== 'no')
    )
      out[`${at}.options`] = m('admin.err.yesNoOptions');
  });
}

/** Every problem of the draft, by field id. */
export function checkDraft(d: Draft, now: number): Problems {
  const out: Record<string, string> = {};
  const m = (k: MessageKey, v: Record<string, string | number> = {}) => t(k, v);
  if (!ID_RE.test(d.id)) out.id = m('admin.err.id');
  if (d.title.trim() === '') out.title = m('admin.err.required');
  checkQuestions(d, out, m);
  const opens = inputMillis(d.opens);
  const closes = inputMillis(d.closes);
  if (!Number.isFinite(opens)) out.opens = m('admin.err.time');
  if (!Number.isFinite(closes)) out.closes = m('admin.err.time');
  else if (Number.isFinite(opens) && closes <= opens) out.closes = m('admin.err.closesAfter');
  else if (closes <= now) out.closes = m('admin.err.closesFuture');
  if (d.boxes.length === 0) out.boxes = m('admin.err.noBoxes');
  const bids = new Set<string>();
  const bkeys = new Set<string>();
  d.boxes.forEach((b, i) => {
    if (!ID_RE.test(b.id)) out[`box${i}.id`] = m('admin.err.id');
    else if (bids.has(b.id)) out[`box${i}.id`] = m('admin.err.repeated');
    bids.add(b.id);
    if (!HEX64.test(b.key)) out[`box${i}.key`] = m('admin.err.key');
    else if (bkeys.has(b.key)) out[`box${i}.key`] = m('admin.err.repeated');
    bkeys.add(b.key);
    if (!isUrl(b.url)) out[`box${i}.url`] = m('admin.err.url');
  });
  if (d.trustees.length === 0) out.trustees = m('admin.err.noTrustees');
  const names = new Set<string>();
  const tkeys = new Set<string>();
  d.trustees.forEach((tr, i) => {
    if (tr.name.trim() === '' || tr.name.length > 200) out[`tr${i}.name`] = m('admin.err.required');
    else if (names.has(tr.name)) out[`tr${i}.name`] = m('admin.err.repeated');
    names.add(tr.name);
    if (!HEX64.test(tr.key)) out[`tr${i}.key`] = m('admin.err.key');
    else if (tkeys.has(tr.key)) out[`tr${i}.key`] = m('admin.err.repeated');
    tkeys.add(tr.key);
  });
  const k = int(d.k);
  const n = d.trustees.length;
  if (k === undefined || k < 1 || k > n) out.k = m('admin.err.threshold', { n });
  else if (d.scheme === 'paillier' && (n !== 1 || k !== 1)) out.k = m('admin.err.paillier');
  return out;
}

/** The step a field id belongs to. */
export function stepOfField(field: string): Step {
  if (field === 'id' || field === 'title' || field === 'questions' || /^q\d/.test(field)) return 'manifest';
  if (field === 'opens' || field === 'closes') return 'schedule';
  if (field === 'boxes' || field.startsWith('box')) return 'boxes';
  if (field === 'trustees' || field === 'k' || field.startsWith('tr')) return 'trustees';
  return 'review';
}

/** The problems of one step. */
export function problemsOf(p: Problems, step: Step): Problems {
  return Object.fromEntries(Object.entries(p).filter(([f]) => stepOfField(f) === step));
}

/** The step a server refusal concerns, from the field its message names. */
export function stepOfRefusal(message: string): Step {
  const m = message.toLowerCase();
  if (/manifest|question|option|title/.test(m)) return 'manifest';
  if (/schedule|opens_at|closes_at/.test(m)) return 'schedule';
  if (/box/.test(m)) return 'boxes';
  if (/trustee/.test(m)) return 'trustees';
  if (/scheme|eligibility|revote|paillier/.test(m)) return 'settings';
  if (/\bid\b|\/id/.test(m)) return 'manifest';
  return 'review';
}

/** The request body of a checked draft. */
export function createInput(d: Draft): CreateInput {
  return {
    id: d.id,
    manifest: {
      title: d.title,
      questions: d.questions.map((q) => ({
        id: q.id,
        text: q.text,
        kind: q.kind,
        min: Number(q.min),
        max: Number(q.max),
        options: q.options.map((o) => ({ id: o.id, text: o.text })),
      })),
    },
    opens_at: inputMillis(d.opens),
    closes_at: inputMillis(d.closes),
    scheme: d.scheme,
    eligibility: d.eligibility,
    revote: d.revote,
    boxes: d.boxes.map((b) => ({ id: b.id, key: b.key, url: b.url })),
    trustees: {
      n: d.trustees.length,
      k: Number(d.k),
      members: d.trustees.map((tr, i) => ({ index: i + 1, name: tr.name, key: tr.key })),
    },
  };
}
