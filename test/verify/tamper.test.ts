/**
 * Every kind of tampering is caught by the check it concerns, which names the object: a box attesting an
 * altered ciphertext, a forged proof, a ballot of an ineligible key, a second ballot under `once`, a wrong
 * tally, a wrong partial decryption in place of an honest one, a wrong result, a broken hash link, and a
 * block without a quorum of approvals. The command exits 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/cli/verify.js';
import type { JsonObject } from '../../src/crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../src/crypto/encoding/hash.js';
import { signJson } from '../../src/crypto/sig/signed-json.js';
import { type Tx, txId } from '../../src/ledger/authority/tx.js';
import { ballotBody } from '../../src/ledger/election/index.js';
import { CAST_DOMAIN, castToJson } from '../../src/protocol/cast/cast.js';
import { createReceipt, receiptToJson } from '../../src/protocol/cast/receipt.js';
import type { CheckResult, VerifyReport } from '../../src/verify/types.js';
import { verifyLedger } from '../../src/verify/verify.js';
import { seededRng } from '../support/rng.js';
import {
  boxA,
  boxC,
  type Election,
  exportLines,
  honestElection,
  OPENS,
  type PlainBlock,
  plain,
  REGISTRAR,
  VOTER,
  withBlock,
  writeExport,
} from './fixture.js';

let e: Election;
const rng = seededRng('verify-tamper');

beforeAll(async () => {
  e = await honestElection();
});

async function verify(blocks: readonly PlainBlock[], lines?: string[]): Promise<VerifyReport> {
  return verifyLedger(writeExport(lines ?? exportLines(e.genesis, blocks)), { workers: 0 });
}

/** The failed checks as [name, codes of their problems]. */
function failed(r: VerifyReport): [string, string[]][] {
  return r.checks.filter((c) => !c.ok).map((c: CheckResult) => [c.name, c.problems.map((p) => p.code)]);
}

function problem(r: VerifyReport, check: string): string {
  const c = r.checks.find((x) => x.name.startsWith(check))!;
  return c.problems.map((p) => `${p.object}: ${p.code}: ${p.message}`).join('\n');
}

/** Adds `tx` at the end of the first ballot block. */
function addBallot(tx: Tx): PlainBlock[] {
  return withBlock(e.blocks, e.ballotBlock, (txs) => [...txs, tx]);
}

/** Box `box`'s attestation of a cast JSON, received at the opening. */
function attestJson(box: typeof boxA, cast: JsonObject): Tx {
  const receipt = createReceipt(e.h.env.ed, box.sk, {
    tracker: hashJsonHex(cast),
    box: box.name,
    received_at: OPENS,
  });
  return e.h.tx(box, 'ballot', ballotBody(box.name, cast, receiptToJson(receipt)));
}

describe('tampering is caught and named', () => {
  it('a box attests an altered ballot ciphertext', async () => {
    const altered = structuredClone(castToJson(e.casts.get('ben')!.cast)) as JsonObject;
    const qs = (altered.ballot as { questions: { selections: JsonObject[] }[] }).questions;
    [qs[0]!.selections[0], qs[0]!.selections[1]] = [qs[0]!.selections[1]!, qs[0]!.selections[0]!];
    const tx = attestJson(boxC, altered); // box c never saw Ben's ballot: only the cast check can refuse it
    const r = await verify(addBallot(tx));
    expect(failed(r)).toEqual([["every counted ballot's signature and proofs", ['SIGNATURE_INVALID']]]);
    expect(problem(r, 'every')).toContain(`tx ${txId(tx)}`);
    expect(problem(r, 'every')).toContain(`tracker ${hashJsonHex(altered)}`);
    expect(problem(r, 'every')).toContain('box "box-c"');
  });

  it('a forged proof, signed by the voter', async () => {
    const eli = VOTER.eli!;
    const fresh = e.h.cast(eli, plain(1, false, [1, 2]), rng);
    const bad = structuredClone(castToJson(fresh.cast)) as JsonObject;
    type Qs = { questions: { selections: { proof: JsonObject }[] }[] };
    const other = castToJson(e.casts.get('ben')!.cast).ballot as Qs;
    (bad.ballot as Qs).questions[0]!.selections[0]!.proof = other.questions[0]!.selections[1]!.proof;
    const { sig: _sig, ...payload } = bad;
    const resigned = { ...payload, sig: signJson(e.h.env.ed, eli.sk, CAST_DOMAIN, payload) };
    const r = await verify(addBallot(attestJson(boxC, resigned)));
    expect(failed(r)).toEqual([["every counted ballot's signature and proofs", ['PROOF_INVALID']]]);
  });

  it('a ballot by a key the registrar did not publish', async () => {
    const fay = e.h.cast(VOTER.fay!, plain(0, true, [0]), rng);
    const r = await verify(addBallot(e.h.attest(boxA, fay, OPENS)));
    expect(failed(r)).toEqual([['ballots: attestations, dedup and majority rules', ['NOT_ELIGIBLE']]]);
    expect(problem(r, 'ballots')).toContain(`tracker ${fay.tracker}`);
  });

  it('a second ballot under `once` through the same box', async () => {
    const again = e.h.cast(VOTER.dan!, plain(4, false, [2]), rng);
    const tx = e.h.attest(boxA, again, OPENS);
    const r = await verify(withBlock(e.blocks, e.ballotBlock + 1, (txs) => [...txs, tx]));
    expect(failed(r)).toEqual([['ballots: attestations, dedup and majority rules', ['DOUBLE_VOTE']]]);
    expect(problem(r, 'ballots')).toContain(`tx ${txId(tx)}`);
  });

  it('a result naming a wrong tally', async () => {
    const body = structuredClone(e.blocks[e.resultBlock]!.txs[0]!.body) as JsonObject;
    body.tally = 'ab'.repeat(32);
    const r = await verify(withBlock(e.blocks, e.resultBlock, () => [e.h.tx(REGISTRAR, 'result', body)]));
    expect(failed(r).map(([n]) => n)).toEqual([
      'encrypted tally equals the homomorphic sum',
      'result equals the decryption',
    ]);
    expect(problem(r, 'encrypted')).toMatch(
      /MISMATCH: names tally abab.*the homomorphic sum is [0-9a-f]{64}/,
    );
  });

  it('a wrong partial decryption in place of an honest one', async () => {
    const i = e.resultBlock - 1;
    const wrong = e.share(2, true);
    const r = await verify(withBlock(e.blocks, i, (txs) => [txs[0]!, wrong]));
    expect(failed(r).map(([n]) => n)).toEqual(['partial decryptions', 'result equals the decryption']);
    const p = problem(r, 'partial');
    expect(p).toContain(`tx ${txId(wrong)}`);
    expect(p).toContain('trustee 2 "bob"');
    expect(p).toMatch(/DECRYPTION_INVALID/);
  });

  it('a wrong result names the question and option', async () => {
    const body = structuredClone(e.blocks[e.resultBlock]!.txs[0]!.body) as JsonObject;
    (body.results as { questions: { counts: [string, bigint][] }[] }).questions[1]!.counts[0]![1] = 4n;
    const r = await verify(withBlock(e.blocks, e.resultBlock, () => [e.h.tx(REGISTRAR, 'result', body)]));
    expect(failed(r)).toEqual([['result equals the decryption', ['MISMATCH', 'MISSING']]]);
    expect(problem(r, 'result')).toContain('question "budget", option "yes": posted 4, decrypted 3');
  });

  it('a broken hash link names the line and block', async () => {
    const lines = exportLines(e.genesis, e.blocks);
    const entry = JSON.parse(lines[5]!) as { block: { parent_id: string } };
    entry.block.parent_id = '00'.repeat(32);
    lines[5] = JSON.stringify(entry);
    const r = await verify(e.blocks, lines);
    expect(failed(r)[0]).toEqual([
      'chain: hash links, proof of work, signatures, approvals and quorum',
      ['BLOCK_LINK_INVALID'],
    ]);
    expect(problem(r, 'chain')).toMatch(/^line 6, block 4 [0-9a-f]{64}/);
  });

  it('a block with one approval where the quorum is two', async () => {
    const r = await verify(e.blocks, exportLines(e.genesis, e.blocks, { underQuorumAt: 7 }));
    expect(failed(r)).toEqual([
      ['chain: hash links, proof of work, signatures, approvals and quorum', ['NOT_FINAL']],
    ]);
    expect(problem(r, 'chain')).toMatch(/^line 9, block 7 [0-9a-f]{64}: NOT_FINAL: not final: 1 approval/);
  });

  it('the command exits 1 and prints the failing object', async () => {
    const fay = e.h.cast(VOTER.fay!, plain(0, true, [0]), rng);
    const file = writeExport(exportLines(e.genesis, addBallot(e.h.attest(boxA, fay, OPENS))));
    const out: string[] = [];
    expect(await runVerify({ file, workers: 0 }, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(
      1,
    );
    expect(out.join('\n')).toMatch(
      /FAIL ballots[^\n]*\n\s+✗ tx [0-9a-f]{64} \(block \d+ [0-9a-f]{64}, #\d+, ballot by box "box-a", tracker/,
    );
    expect(out.at(-1)).toBe('NOT VERIFIED: 1 of 9 checks failed');
  });
});
