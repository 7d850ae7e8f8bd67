/** Seed 000 hardening: padding of bodies to size buckets and random send delays. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rng } from '../../src/crypto/rng.js';
import {
  BASE_ROUTES,
  createClient,
  DEFAULT_BUCKETS,
  paddedSize,
  padJson,
  randomDelayMs,
} from '../../src/net/index.js';
import { BIG, sampleRoutes, startSample } from './sample-routes.js';

const table = { ...BASE_ROUTES, ...sampleRoutes };

describe('padding', () => {
  it('pads to the smallest bucket that fits, counting UTF-8 bytes', () => {
    const opts = { buckets: [16, 64] };
    expect(paddedSize(0, opts.buckets)).toBe(16);
    expect(paddedSize(16, opts.buckets)).toBe(16);
    expect(paddedSize(17, opts.buckets)).toBe(64);
    expect(paddedSize(65, opts.buckets)).toBe(65);
    const padded = padJson('{"s":"é"}', opts);
    expect(Buffer.byteLength(padded)).toBe(16);
    expect(padded.trimEnd()).toBe('{"s":"é"}');
  });

  it('keeps JSON meaning for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (s) => {
        const text = JSON.stringify({ s });
        const padded = padJson(text, { buckets: DEFAULT_BUCKETS });
        const n = Buffer.byteLength(padded);
        expect(DEFAULT_BUCKETS).toContain(n);
        expect(JSON.parse(padded)).toEqual({ s });
      }),
      { numRuns: 200 },
    );
  });

  it('a padded server answers in bucket sizes, errors too, and a padded client is understood', async () => {
    const s = await startSample({ padding: { buckets: [1024, 4096] } });
    try {
      for (const path of ['/health', '/nowhere', '/items/5']) {
        const res = await fetch(s.url + path);
        expect(res.headers.get('content-length')).toBe('1024');
        expect((await res.text()).length).toBe(1024);
      }
      const c = createClient(table, s.url, { padding: { buckets: [2048] } });
      expect(await c.echo({ body: { n: BIG, label: 'padded' } })).toEqual({ n: BIG, label: 'padded' });
    } finally {
      await s.server.stop();
    }
  });
});

/** An rng that returns the given 32-bit words, big-endian, in turn. */
function words(...xs: number[]): Rng {
  let i = 0;
  return (n) => {
    expect(n).toBe(4);
    const x = xs[i++ % xs.length]!;
    return new Uint8Array([x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
  };
}

describe('random send delays', () => {
  it('are uniform integers in [0, max] without modulo bias', () => {
    expect(randomDelayMs(200, words(0))).toBe(0);
    expect(randomDelayMs(200, words(200))).toBe(200);
    expect(randomDelayMs(200, words(201))).toBe(0);
    // 2^32 mod 201 = 100: the top 100 words are rejected and the next draw is used
    expect(randomDelayMs(200, words(0xffffffff, 7))).toBe(7);
    expect(randomDelayMs(0, words(12345))).toBe(0);
    expect(() => randomDelayMs(-1, words(0))).toThrow(RangeError);
    expect(() => randomDelayMs(1.5, words(0))).toThrow(RangeError);
  });

  it('delay each client call and can be aborted by the timeout', async () => {
    const s = await startSample();
    try {
      const c = createClient(table, s.url, { sendDelay: { maxMs: 1000, rng: words(250) } });
      const t0 = Date.now();
      await c.health();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
      const slow = createClient(table, s.url, { timeoutMs: 50, sendDelay: { maxMs: 1000, rng: words(900) } });
      await expect(slow.health()).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      await s.server.stop();
    }
  });
});
