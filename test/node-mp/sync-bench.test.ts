/**
 * The sync benchmark on a short chain: a fresh node pulls it from a real node process over loopback HTTP,
 * and the CPU seconds it reports are the processes' own (read from /proc).
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { mainThreadCpuSeconds, processCpuSeconds } from '../../src/bench/cpu.js';

describe('CPU time from /proc', () => {
  it('grows with work, counts every thread of a process, and is undefined for no process', () => {
    const p0 = processCpuSeconds(process.pid)!;
    const m0 = mainThreadCpuSeconds()!;
    const until = performance.now() + 300;
    let h = Buffer.alloc(32);
    while (performance.now() < until) h = createHash('sha256').update(h).digest();
    const p1 = processCpuSeconds(process.pid)!;
    const m1 = mainThreadCpuSeconds()!;
    expect(m1 - m0).toBeGreaterThanOrEqual(0.1);
    expect(p1 - p0).toBeGreaterThanOrEqual(m1 - m0 - 0.02);
    expect(p1).toBeGreaterThanOrEqual(m1);
    expect(processCpuSeconds(2 ** 30)).toBeUndefined();
  });
});

// The compiled benchmark: its node processes run dist/ (the build runs before the tests).
const compiled = '../../dist/bench/ledger-sync.js';
const { measureSync } = (await import(compiled)) as typeof import('../../src/bench/ledger-sync.js');

describe('measureSync', () => {
  it('syncs a short chain from a node process and says where the CPU time went', async () => {
    const m = await measureSync({ blocks: 120 });
    expect(m.mbPerSecond).toBeGreaterThan(0);
    expect(m.seconds).toBeGreaterThan(0);
    const { node, main, peer } = m.cpu;
    expect(node).toBeGreaterThan(0);
    expect(main).toBeGreaterThan(0);
    expect(peer).toBeGreaterThan(0);
    expect(node!).toBeGreaterThanOrEqual(main! - 0.02);
    // both processes share this machine's cores: together no more than all of them for the interval
    expect(node! + peer!).toBeLessThan((m.seconds + 0.1) * availableParallelism());
  }, 60_000);
});
