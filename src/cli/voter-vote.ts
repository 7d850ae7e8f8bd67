/** `pnyx voter vote`: read the ledger, ask or read the choices, cast to every box or audit. */
import { writeFileSync } from 'node:fs';
import { auditBallot } from '../client/audit.js';
import { castBallot } from '../client/cast.js';
import { ElectionReader } from '../client/election-reader.js';
import { clientError } from '../client/errors.js';
import { prepareBallot } from '../client/voter.js';
import { canonicalJson, type JsonObject } from '../crypto/encoding/canonical-json.js';
import type { Choices } from '../protocol/selections.js';
import { parseChoices } from './choices.js';
import { checkUrl, EXIT, type ExitCode, runCommand, UsageError } from './client-io.js';
import { askBallot, reviewLines } from './prompts.js';

import type { VoteFlags, VoterCliDeps } from './voter-register.js';
import { registeredKey, seconds, voterDeps } from './voter-register.js';

async function choicesFor(
  f: VoteFlags,
  d: VoterCliDeps,
  manifest: Parameters<typeof parseChoices>[0],
): Promise<Choices> {
  if (f.choice && f.choice.length > 0) return parseChoices(manifest, f.choice);
  if (!d.io.interactive) throw new UsageError('give --choice "Question=Option" for each question');
  d.io.out(manifest.title);
  for (;;) {
    const c = await askBallot(d.prompter, manifest);
    d.io.out('Your ballot:');
    for (const l of reviewLines(manifest, c)) d.io.out(l);
    if (
      f.yes ||
      (await d.prompter.yes(f.audit ? 'Audit this ballot (it will not count)?' : 'Cast this ballot?', true))
    )
      return c;
  }
}

/** `pnyx voter vote`. */
export async function runVoterVote(f: VoteFlags, d: VoterCliDeps): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const vd = await voterDeps(d, f);
    const { key, node } = await registeredKey(f, d, vd);
    const ledger = f.ledger === undefined ? node : checkUrl('--ledger', f.ledger);
    const reader = await ElectionReader.open(ledger, {
      env: vd.env,
      ...(d.now ? { now: d.now } : {}),
      ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
    });
    try {
      const b = await prepareBallot(
        reader,
        {
          node: ledger,
          election: key.election,
          key,
          choices: {},
          waitMs: seconds('--wait', f.wait, 60_000),
          onWait: (why) => d.io.err(`waiting: ${why}`),
        },
        vd,
      );
      const choices = await choicesFor(f, d, b.ctx.election.manifest);
      const o = {
        voterSecret: key.secretKey,
        boxes: b.boxes,
        rng: vd.rng,
        ...(key.token ? { token: key.token } : {}),
        ...(vd.timeoutMs === undefined ? {} : { timeoutMs: vd.timeoutMs }),
        ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
      };
      if (f.audit) {
        const a = await auditBallot(b.ctx, choices, o);
        const out: JsonObject = {
          election: key.election,
          audited: true,
          tracker: a.tracker,
          ballot_id: a.ballotId,
          box: a.box,
          choices: a.choices as unknown as JsonObject,
        };
        if (f.json) d.io.out(canonicalJson(out));
        else {
          d.io.out(`audited (spoiled, not counted): tracker ${a.tracker}`);
          d.io.out(`published through box ${a.box}; the ballot opened to your choices:`);
          for (const l of reviewLines(b.ctx.election.manifest, a.choices)) d.io.out(l);
        }
        for (const x of a.failures) d.io.err(`box ${x.box}: ${x.message}`);
        if (f.receiptFile) writeFileSync(f.receiptFile, `${canonicalJson(out)}\n`);
        return EXIT.ok;
      }
      const c = await castBallot(b.ctx, choices, o);
      const out: JsonObject = {
        election: key.election,
        tracker: c.tracker,
        ballot_id: c.ballotId,
        receipts: c.receipts.map((r) => ({
          tracker: r.tracker,
          box: r.box,
          received_at: r.received_at,
          sig: r.sig,
        })),
        failures: c.boxes.flatMap((x) => (x.ok ? [] : [{ box: x.box, code: x.code, message: x.message }])),
      };
      if (f.receiptFile && c.receipts.length > 0) writeFileSync(f.receiptFile, `${canonicalJson(out)}\n`);
      if (f.json) d.io.out(canonicalJson(out));
      else {
        d.io.out(`tracker: ${c.tracker}`);
        for (const x of c.boxes)
          d.io.out(
            x.ok
              ? `receipt ${x.box}: received ${new Date(x.receipt.received_at).toISOString()} sig ${x.receipt.sig}`
              : `box ${x.box}: FAILED ${x.code}: ${x.message}`,
          );
        if (f.receiptFile && c.receipts.length > 0) d.io.out(`receipts written to ${f.receiptFile}`);
      }
      if (c.receipts.length === 0) throw clientError('NO_RECEIPT', 'no ballot box accepted the ballot');
      return EXIT.ok;
    } finally {
      reader.close();
    }
  });
}
