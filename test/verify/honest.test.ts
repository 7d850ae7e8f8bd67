/** An honest election's export passes every check, on the main thread and on the worker pool. */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/cli/verify.js';
import { castWorkerUrl } from '../../src/verify/pool.js';
import { reportLines } from '../../src/verify/report.js';
import { verifyLedger } from '../../src/verify/verify.js';
import { type Election, exportLines, honestElection, writeExport } from './fixture.js';

let e: Election;
let file: string;

beforeAll(async () => {
  e = await honestElection();
  file = writeExport(exportLines(e.genesis, e.blocks));
});

describe('an honest election', () => {
  it('passes the nine checks in order, with counts', async () => {
    const r = await verifyLedger(file, { workers: 0 });
    const lines = reportLines(r);
    expect(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems])).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.name)).toEqual([
      'chain: hash links, proof of work, signatures, approvals and quorum',
      'genesis and election definition',
      'key ceremony',
      'eligibility',
      'ballots: attestations, dedup and majority rules',
      "every counted ballot's signature and proofs",
      'encrypted tally equals the homomorphic sum',
      'partial decryptions',
      'result equals the decryption',
    ]);
    expect(lines.join('\n')).toMatch(/3 announcements, 3 dealings, 0 complaints \(0 justified\)/);
    expect(lines.join('\n')).toMatch(/5 keys published/);
    expect(lines.join('\n')).toMatch(
      /12 attestations by 3 box\(es\), 5 counted, .*1 minority versions rejected/,
    );
    expect(lines.join('\n')).toMatch(/trustees 1 and 2 valid \(2 needed\)/);
    expect(r.ballots).toBe(12);
    const first = (r.results as { questions: { counts: [string, bigint][] }[] }).questions[0]!.counts;
    expect(first).toEqual([
      ['ada', 2n],
      ['bo', 1n],
      ['cy', 1n],
      ['di', 1n],
      ['eve', 0n],
    ]);
  });

  it('gives the same verdicts with ballots checked on two worker threads (when built)', async () => {
    const r = await verifyLedger(file, { workers: 2, batch: 3 });
    expect(r.ok).toBe(true);
    if (castWorkerUrl()) {
      expect(r.workers).toBe(2);
      expect(r.checks[5]!.summary).toMatch(/12 checked on 2 worker thread/);
    }
  });

  it('the command exits 0 and prints PASS lines, or one JSON object', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runVerify({ file, workers: 0 }, io)).toBe(0);
    expect(out.filter((l) => l.startsWith('PASS'))).toHaveLength(9);
    out.length = 0;
    expect(await runVerify({ file, json: true, workers: 0 }, io)).toBe(0);
    const j = JSON.parse(out[0]!) as { ok: boolean; checks: unknown[] };
    expect(j.ok).toBe(true);
    expect(j.checks).toHaveLength(9);
  });

  it('--node fetches GET URL/api/export; a node that refuses is exit 2', async () => {
    const server = createServer((req, res) => {
      if (req.url !== '/api/export') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    try {
      expect(await runVerify({ node: `http://127.0.0.1:${port}/`, workers: 0 }, io)).toBe(0);
      expect(out[0]).toBe(`verifying http://127.0.0.1:${port}/`);
      expect(await runVerify({ node: `http://127.0.0.1:${port}/sub`, workers: 0 }, io)).toBe(2);
      expect(out.at(-1)).toMatch(/answered 404/);
    } finally {
      server.close();
    }
  });

  it('the command exits 2 on bad arguments or a missing file', async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await runVerify({}, io)).toBe(2);
    expect(await runVerify({ file, node: 'http://127.0.0.1:1' }, io)).toBe(2);
    expect(await runVerify({ file: '/nonexistent/ledger.jsonl' }, io)).toBe(2);
    expect(await runVerify({ node: 'http://127.0.0.1:1' }, io)).toBe(2);
  });
});
