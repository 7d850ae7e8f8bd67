/**
 * Whole elections through the command line: `pnyx demo --json` starts the eleven node processes, runs
 * the election with a few simulated voters, and its summary must show counts equal to the votes cast and
 * a ledger export that the verifier accepts. Needs the compiled program (`npm run build`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/summary.js';

const BIN = join(import.meta.dirname, '../../bin/pnyx.js');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `pnyx demo --json` with `args`; answers the exit code and the parsed summary. */
function demo(
  args: readonly string[],
): Promise<{ code: number | null; summary?: DemoSummary; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-demo-'));
  dirs.push(dir);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'demo', '--json', '--data-dir', dir, ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      let summary: DemoSummary | undefined;
      try {
        summary = JSON.parse(line) as DemoSummary;
      } catch {
        summary = undefined;
      }
      resolve({ code, stderr: err, ...(summary ? { summary } : {}) });
    });
  });
}

/** The checks every honest demo run must pass. */
function expectHonest(r: Awaited<ReturnType<typeof demo>>, voters: number): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const s = r.summary!;
  expect(s.ok).toBe(true);
  expect(s.results).toEqual(s.intended);
  expect(s.counted).toBe(voters);
  expect(s.verified).toBe(true);
  expect(s.checks.every((c) => c.ok)).toBe(true);
  expect(existsSync(s.ledger_export)).toBe(true);
  const total = (q: string) => Object.values(s.results[q] ?? {}).reduce((a, b) => a + b, 0);
  expect(total('chair')).toBe(voters);
  expect(total('budget')).toBe(voters);
}

describe('pnyx demo', () => {
  it(
    'ElGamal on ristretto255 with identity keys: the counts equal the votes cast',
    { timeout: 240_000 },
    async () => {
      expectHonest(await demo(['--voters', '6']), 6);
    },
  );

  it('blind tokens: the counts equal the votes cast', { timeout: 240_000 }, async () => {
    expectHonest(await demo(['--voters', '5', '--eligibility', 'blind-tokens']), 5);
  });

  it('Paillier: the counts equal the votes cast', { timeout: 300_000 }, async () => {
    expectHonest(await demo(['--voters', '4', '--scheme', 'paillier']), 4);
  });
});
