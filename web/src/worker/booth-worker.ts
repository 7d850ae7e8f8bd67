/**
 * The booth's Web Worker: the ballot is encrypted, proved and signed here, off the page's thread, by the
 * same protocol and client code the nodes and the command line run (on the browser's pure-JavaScript
 * backends). The worker reads the election itself from the ledger of the node that served the page, so
 * the election key it encrypts under is the one on the checked ledger. Message protocol: `protocol.ts`.
 */
/// <reference lib="webworker" />
import { auditBallot } from '../../../src/client/audit.js';
import { castBallot } from '../../../src/client/cast.js';
import { castContextOf, ElectionReader, eligibleBoxes } from '../../../src/client/election-reader.js';
import { asClientError, clientError } from '../../../src/client/errors.js';
import { parseVoterKey, type VoterKey } from '../../../src/client/voter-key.js';
import { canonicalJson } from '../../../src/crypto/encoding/canonical-json.js';
import { unwrap } from '../../../src/crypto/result.js';
import { generateSigningKey } from '../../../src/crypto/sig/ed25519.js';
import { checkAudit } from '../../../src/protocol/cast/audit.js';
import type { CastContext } from '../../../src/protocol/cast/context.js';
import { createCast } from '../../../src/protocol/cast/create.js';
import { plaintextToChoices } from '../../../src/protocol/selections.js';
import { browserEnv, browserRng } from '../platform/env.js';
import { plainMessage } from './messages.js';
import type {
  AuditChecked,
  AuditDone,
  BoothAnswers,
  BoothMessage,
  BoothRequest,
  CastDone,
  Encrypted,
  Prepared,
} from './protocol.js';
import { SYNTHETIC_VOTE, syntheticContext, syntheticElection } from './synthetic.js';

declare const self: DedicatedWorkerGlobalScope;

const env = browserEnv();
const rng = browserRng;

/** The election and key of the last `prepare`. */
let ready: { ctx: CastContext<unknown>; key: VoterKey; boxes: readonly string[] } | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function prepare(r: Extract<BoothRequest, { type: 'prepare' }>): Promise<Prepared> {
  ready = undefined;
  const key = parseVoterKey(canonicalJson(r.key), env.ed, 'the voting key');
  if (key.election !== r.election)
    throw clientError('KEY_FILE_INVALID', `the voting key belongs to election ${key.election}`);
  const reader = await ElectionReader.open(r.origin, { env });
  const end = Date.now() + (r.waitMs ?? 120_000);
  try {
    for (;;) {
      const reading = await reader.read();
      const view = reading.final.view;
      const def = view.definition;
      if (def && def.id !== r.election)
        throw clientError(
          'ELECTION_MISMATCH',
          `the node's ledger runs election ${def.id}, not ${r.election}`,
        );
      if (def && view.fingerprint !== key.fingerprint)
        throw clientError(
          'ELECTION_MISMATCH',
          'the voting key was made for another version of this election',
        );
      let why: string;
      if (def && view.phase === 'open') {
        const ctx = castContextOf(reading, Date.now());
        let boxes: readonly string[] | undefined;
        if (key.mode === 'blind-tokens') {
          if (!key.token)
            throw clientError('NOT_READY', 'the voting key holds no voting token: register first');
          boxes = def.boxes.map((b) => b.id);
        } else boxes = await eligibleBoxes(reading, key.publicKey);
        if (boxes) {
          ready = { ctx, key, boxes };
          return { election: def.id, manifest: def.manifest, boxes, closesAt: def.schedule.closes_at };
        }
        why = 'key-pending';
      } else if (['closed', 'decrypting', 'done', 'failed'].includes(view.phase)) {
        throw clientError('NOT_READY', `voting is over (the election is ${view.phase})`);
      } else why = `phase:${view.phase}`;
      if (Date.now() >= end)
        throw clientError(
          'NOT_READY',
          why === 'key-pending' ? 'the voting key is not on the ledger yet' : 'voting is not open yet',
        );
      progress(r.id, why);
      await sleep(1000);
    }
  } finally {
    reader.close();
  }
}

function prepared() {
  if (!ready) throw clientError('NOT_READY', 'the ballot is not prepared');
  const { ctx, key, boxes } = ready;
  return {
    ctx,
    o: { voterSecret: key.secretKey, boxes, rng, ...(key.token ? { token: key.token } : {}) },
  };
}

async function cast(r: Extract<BoothRequest, { type: 'cast' }>): Promise<CastDone> {
  const { ctx, o } = prepared();
  const t0 = performance.now();
  const c = await castBallot(ctx, r.choices, o);
  const ms = performance.now() - t0;
  return {
    tracker: c.tracker,
    ballotId: c.ballotId,
    boxes: c.boxes.map((b) =>
      b.ok
        ? { box: b.box, ok: true as const, receivedAt: b.receipt.received_at }
        : { box: b.box, ok: false as const, code: b.code, message: plainMessage(b.code, b.message, b.box) },
    ),
    ms,
  };
}

async function audit(r: Extract<BoothRequest, { type: 'audit' }>): Promise<AuditDone> {
  const { ctx, o } = prepared();
  const a = await auditBallot(ctx, r.choices, o);
  return {
    tracker: a.tracker,
    ballotId: a.ballotId,
    choices: a.choices,
    box: a.box,
    failures: a.failures.map((f) => ({ ...f, message: plainMessage(f.code, f.message, f.box) })),
    record: a.record,
  };
}

async function checkAuditRecord(r: Extract<BoothRequest, { type: 'check-audit' }>): Promise<AuditChecked> {
  const reader = await ElectionReader.open(r.origin, { env });
  try {
    const reading = await reader.read();
    const ctx = castContextOf(reading, Date.now());
    const checked = checkAudit(ctx, r.record);
    if (!checked.ok) throw clientError('AUDIT_MISMATCH', `${checked.code}: ${checked.message}`);
    const manifest = ctx.election.manifest;
    return {
      election: ctx.election.id,
      tracker: checked.value.tracker,
      ballotId: checked.value.cast.ballot_id,
      manifest,
      choices: plaintextToChoices(manifest, checked.value.plaintext),
    };
  } finally {
    reader.close();
  }
}

function encrypt(r: Extract<BoothRequest, { type: 'encrypt' }>): Encrypted {
  const ctx = syntheticContext(env, r.election ?? syntheticElection(env, rng));
  const voter = generateSigningKey(env.ed, rng);
  const ms: number[] = [];
  let tracker = '';
  for (let i = 0; i < Math.max(1, Math.min(r.runs ?? 1, 1000)); i++) {
    const t0 = performance.now();
    const c = unwrap(
      createCast(ctx, { voterSecret: voter.secretKey, plaintext: SYNTHETIC_VOTE.map((q) => [...q]) }, rng),
    );
    ms.push(performance.now() - t0);
    tracker = c.tracker;
  }
  return { ms, tracker };
}

function post(m: BoothMessage): void {
  self.postMessage(m);
}

function progress(id: number, note: string): void {
  post({ type: 'progress', id, note });
}

async function answer(r: BoothRequest): Promise<BoothAnswers[keyof BoothAnswers]> {
  switch (r.type) {
    case 'prepare':
      return prepare(r);
    case 'cast':
      return cast(r);
    case 'audit':
      return audit(r);
    case 'check-audit':
      return checkAuditRecord(r);
    case 'encrypt':
      return encrypt(r);
  }
}

self.onmessage = (e: MessageEvent<BoothRequest>) => {
  const r = e.data;
  answer(r).then(
    (value) => post({ type: 'done', id: r.id, value }),
    (err: unknown) => {
      const c = asClientError(err);
      post({ type: 'failed', id: r.id, code: c.code, message: plainMessage(c.code, c.message) });
    },
  );
};
