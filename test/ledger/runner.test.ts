import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonObject, type JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { sha256 } from '../../src/crypto/encoding/hash.js';
import { MODP_GROUPS, pureModp } from '../../src/crypto/group/modp/index.js';
import { isProbablePrimeDerived as isProbablePrime, isSafePrime } from '../../src/crypto/primes.js';
import {
  courseBallotToJson,
  decFactorToJson,
  pkPokToJson,
  proveCourseBallot,
  proveDecFactor,
  provePkPok,
} from '../../src/crypto/proofs/course.js';
import type { Rng } from '../../src/crypto/rng.js';
import { type Block, blockId, blockJson, parseBlockText } from '../../src/ledger/block.js';
import { exportRunner } from '../../src/ledger/export/export.js';
import { verifyExport } from '../../src/ledger/export/verify.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import { chooseRunnerChain, decodeRunnerGenesis, type RunnerContext } from '../../src/ledger/runner/chain.js';
import { RunnerLedger } from '../../src/ledger/runner/ledger.js';
import { electTalliers, runnerTally } from '../../src/ledger/runner/state.js';
import { ed, mine, mineBad } from './helpers.js';

const G = pureModp('modp-test64');
const P = MODP_GROUPS['modp-test64'];
let counter = 0;
const rng: Rng = (n) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 32)
    out.set(sha256(`runner test rng ${counter++}`).subarray(0, Math.min(32, n - i)), i);
  return out;
};
const HARD = 4;

function genesisContent(extra: Partial<Record<string, JsonValue>> = {}): JsonObject {
  return {
    n_tallier_blocks: 3,
    n_talliers: 2,
    n_vote_blocks: 4,
    hardness: HARD,
    group: { g: Number(P.g), p: P.p },
    comment: 'test election',
    ...extra,
  } as JsonObject;
}

const genesis = mine({ parent_id: '', miner_name: 'alice', content: genesisContent() }, HARD);
const ctx = ((): RunnerContext => {
  const r = decodeRunnerGenesis(blockJson(genesis));
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

const x = [11n, 22n, 35n].map((k) => k % G.q);
const on = (parent: Block, content: JsonObject, miner = 'm'): Block =>
  mine({ parent_id: blockId(parent), miner_name: miner, content }, HARD);
const tallier = (k: bigint) => ({ tallier_key: pkPokToJson(G, provePkPok(G, k, rng)) });

/** Builds a complete election: tallier keys by index, then votes, then decryption factors. */
function election(keys: number[], votes: (0 | 1)[], elected: bigint[]): Block[] {
  const chain: Block[] = [genesis];
  for (const i of keys) chain.push(on(chain.at(-1)!, tallier(x[i]!)));
  const pk = elected.reduce((a, k) => G.op(a, G.expG(k)), 1n);
  let c1 = 1n;
  for (const m of votes) {
    const b = proveCourseBallot(G, pk, m, G.randomScalar(rng), rng);
    c1 = G.op(c1, b.ct.a);
    chain.push(on(chain.at(-1)!, { ballot: courseBallotToJson(G, b) }));
  }
  for (const k of elected)
    chain.push(on(chain.at(-1)!, { dec_factor: decFactorToJson(G, proveDecFactor(G, k, c1, rng)) }));
  return chain;
}

describe('runner genesis', () => {
  it('accepts the course format', () => expect(ctx.G.name).toBe('modp-test64'));
  it.each([
    ['n_tallier_blocks = 0', { n_tallier_blocks: 0 }],
    ['n_vote_blocks = 0', { n_vote_blocks: 0 }],
    ['n_talliers = 0', { n_talliers: 0 }],
    ['n_talliers > n_tallier_blocks', { n_talliers: 4 }],
    ['hardness = 0', { hardness: 0 }],
    ['a non-safe prime', { group: { g: 2, p: 29 } }],
    ['a generator outside the residues', { group: { g: 5, p: 23 } }],
    ['an extra key', { extra: 1 }],
    ['a non-string comment', { comment: 5 }],
  ])('rejects %s', (_, extra) => {
    const b = mine({ parent_id: '', miner_name: 'a', content: genesisContent(extra) }, 1);
    const r = decodeRunnerGenesis(blockJson(b));
    expect(r.ok ? 'ok' : r.code).toBe('GENESIS_INVALID');
  });
  it('accepts another safe prime and requires the genesis proof of work', () => {
    const b = mine(
      { parent_id: '', miner_name: 'a', content: genesisContent({ group: { g: 4, p: 23 } }) },
      HARD,
    );
    expect(decodeRunnerGenesis(blockJson(b)).ok).toBe(true);
    const bad = mineBad({ parent_id: '', miner_name: 'a', content: genesisContent() });
    const r = decodeRunnerGenesis(blockJson(bad));
    expect(r.ok ? 'ok' : r.code).toBe('BLOCK_POW_INVALID');
  });
  it('tests primes', () => {
    expect(isProbablePrime(P.p)).toBe(true);
    expect(isProbablePrime(P.p * 3n)).toBe(false);
    expect(isProbablePrime(561n)).toBe(false); // Carmichael
    expect(isSafePrime(P.p)).toBe(true);
    expect(isSafePrime(29n)).toBe(false);
  });
});

describe('runner phases and tally', () => {
  it('elects the most-seen keys, tie going to the key whose last block came first', () => {
    const t = (pk: bigint, count: number, last: number) => ({ pk, count, last });
    expect(electTalliers([t(1n, 1, 1), t(2n, 2, 3), t(3n, 1, 2)], 2)).toEqual([2n, 1n]);
    expect(electTalliers([t(1n, 1, 3), t(2n, 1, 1), t(3n, 1, 2)], 2)).toEqual([2n, 3n]);
    expect(electTalliers([t(1n, 1, 3)], 2)).toEqual([1n]);
  });

  it('validates a whole election and computes its result', () => {
    // Keys posted: x0, x1, x0 → elected x0 (twice) and x1.
    const chain = election([0, 1, 0], [1, 0, 1, 1], [x[0]!, x[1]!]);
    const r = chooseRunnerChain(ctx, chain.map(blockJson));
    expect(r.invalid).toEqual([]);
    expect(r.chain.length).toBe(chain.length);
    const s = r.chain.at(-1)!.state;
    expect(s.elected).toEqual([G.expG(x[0]!), G.expG(x[1]!)]);
    expect(runnerTally(G, s)).toBe(3);
    // Nothing may follow the last decryption factor.
    const extra = on(chain.at(-1)!, tallier(x[2]!));
    const r2 = chooseRunnerChain(ctx, [...chain, extra].map(blockJson));
    expect(r2.invalid.map((i) => i.failure.code)).toEqual(['PHASE_INVALID']);
  });

  it('rejects blocks of the wrong phase, bad proofs, foreign keys and repeated decryption factors', () => {
    const good = election([0, 1, 2], [1, 0, 0, 0], [x[0]!, x[1]!]);
    const at = (i: number, content: JsonObject) => {
      const b = on(good[i - 1]!, content);
      const r = chooseRunnerChain(ctx, [...good.slice(1, i), b].map(blockJson));
      return r.invalid[0]?.failure.code ?? 'ok';
    };
    const ballot = good[4]!.content;
    expect(at(1, ballot)).toBe('PHASE_INVALID'); // a ballot during the tallier phase
    expect(at(4, tallier(x[0]!))).toBe('PHASE_INVALID'); // a key during voting
    const pok = pkPokToJson(G, provePkPok(G, x[0]!, rng));
    expect(
      at(1, { tallier_key: { ...pok, response: (BigInt(pok.response as number | bigint) + 1n) % G.q } }),
    ).toBe('PROOF_INVALID');
    expect(at(1, { tallier_key: pok, extra: 1 })).toBe('PHASE_INVALID');
    // A ballot under another key.
    const foreign = proveCourseBallot(G, G.expG(x[2]!), 1, 5n, rng);
    expect(at(4, { ballot: courseBallotToJson(G, foreign) })).toBe('KEY_INVALID');
    // A decryption factor by a tallier that was not elected (x2 was seen once, last: it lost the tie).
    const c1 = good
      .slice(4, 8)
      .reduce((a, b) => G.op(a, BigInt((b.content.ballot as { ct: { c1: number | bigint } }).ct.c1)), 1n);
    expect(at(8, { dec_factor: decFactorToJson(G, proveDecFactor(G, x[2]!, c1, rng)) })).toBe('KEY_INVALID');
    // The same tallier twice.
    expect(at(9, good[8]!.content)).toBe('PHASE_INVALID');
    // A decryption factor of the wrong c1.
    expect(at(8, { dec_factor: decFactorToJson(G, proveDecFactor(G, x[0]!, G.op(c1, G.g), rng)) })).toBe(
      'CIPHERTEXT_INVALID',
    );
  });

  it('chooses the longest valid chain, then the lowest tip id, and lists orphans and bad proofs of work', () => {
    const main = election([0, 1, 0], [1], [x[0]!, x[1]!]).slice(0, 5); // genesis, 3 keys, 1 ballot
    const forkA = on(main[2]!, tallier(x[2]!), 'a');
    const forkB = on(main[2]!, tallier(x[2]!), 'b');
    const r = chooseRunnerChain(ctx, [...main, forkA, forkB].map(blockJson));
    expect(r.chain.at(-1)!.id).toBe(blockId(main[4]!));
    const r2 = chooseRunnerChain(ctx, [...main.slice(0, 3), forkA, forkB].map(blockJson));
    expect(r2.chain.at(-1)!.id).toBe([blockId(forkA), blockId(forkB)].sort()[0]);
    const orphan = mine({ parent_id: 'ab'.repeat(32), miner_name: 'x', content: {} }, HARD);
    const weak = mineBad({ parent_id: blockId(main[0]!), miner_name: 'w', content: tallier(x[0]!) });
    const r3 = chooseRunnerChain(ctx, [blockJson(orphan), blockJson(weak), { nonsense: true }]);
    expect(r3.orphans).toEqual([blockId(orphan)]);
    expect(r3.invalid.map((i) => i.failure.code).sort()).toEqual(['BLOCK_INVALID', 'BLOCK_POW_INVALID']);
    expect(r3.chain.length).toBe(1);
  });
});

describe('runner export', () => {
  it('verifies offline, gives the tally, and names a re-mined block with a bad proof', () => {
    const chain = election([0, 1, 1], [1, 1, 0, 1], [x[1]!, x[0]!]);
    const r = chooseRunnerChain(ctx, chain.map(blockJson));
    const lines = exportRunner(r.chain);
    expect(verifyExport(lines, { ed })).toMatchObject({
      ok: true,
      profile: 'runner',
      blocks: 10,
      tally: 3,
      finalHeight: 9,
    });
    const last = chain.at(-1)!;
    const df = last.content.dec_factor as JsonObject;
    const forged = mine({ ...last, content: { dec_factor: { ...df, response: 1 } } }, HARD);
    const bad = [...lines.slice(0, -1), canonicalJson({ approvals: [], block: blockJson(forged) })];
    expect(verifyExport(bad, { ed })).toMatchObject({
      ok: false,
      code: 'PROOF_INVALID',
      line: 11,
      height: 9,
    });
    const incomplete = exportRunner(r.chain.slice(0, 8));
    const v = verifyExport(incomplete, { ed });
    expect(v.ok && v.tally).toBe(undefined);
  });
});

describe('runner ledger', () => {
  it('adds blocks incrementally, follows the longest chain and replays from its store', async () => {
    const store = new MemoryStore();
    const opened = await RunnerLedger.open(store, { genesis: blockJson(genesis) });
    if (!opened.ok) throw new Error(opened.message);
    const l = opened.value;
    const chain = election([0, 1, 0], [1, 0, 1, 1], [x[0]!, x[1]!]);
    // Out of order: the parent is missing at first.
    expect((await l.addBlock(blockJson(chain[2]!))).ok ? 'ok' : 'unknown parent').toBe('unknown parent');
    for (const b of chain.slice(1)) expect((await l.addBlock(blockJson(b))).ok).toBe(true);
    const again = await l.addBlock(blockJson(chain[3]!));
    expect(again.ok && again.value.status).toBe('known');
    expect(l.head().id).toBe(blockId(chain.at(-1)!));
    expect(runnerTally(G, l.head().state)).toBe(3);
    // A shorter fork does not move the head.
    const fork = on(chain[2]!, tallier(x[2]!), 'fork');
    const f = await l.addBlock(blockJson(fork));
    expect(f.ok && f.value.isHead).toBe(false);
    const bad = await l.addBlock(blockJson(on(chain[3]!, tallier(x[2]!))));
    expect(bad.ok ? 'ok' : bad.code).toBe('PHASE_INVALID');
    const replay = await RunnerLedger.open(store);
    expect(replay.ok && replay.value.head().id).toBe(l.head().id);
    expect(replay.ok && replay.value.blocks().length).toBe(chain.length + 1);
    const other = mine(
      { parent_id: '', miner_name: 'z', content: genesisContent({ comment: 'other' }) },
      HARD,
    );
    const mismatch = await RunnerLedger.open(store, { genesis: blockJson(other) });
    expect(mismatch.ok ? 'ok' : mismatch.code).toBe('GENESIS_MISMATCH');
  });

  it('parses block text strictly', () => {
    const text = canonicalJson(blockJson(genesis));
    expect(parseBlockText(text, true).ok).toBe(true);
    expect(parseBlockText(` ${text}`, true).ok).toBe(false);
    expect(parseBlockText(` ${text}`).ok).toBe(true);
    expect(parseBlockText('{"nonce": 1.5}').ok).toBe(false);
  });
});
