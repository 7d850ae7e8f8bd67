/**
 * Forks share their parent's state: two competing blocks on one parent each see their own ballots, and
 * neither changes the parent's state or the other's (the persistent lists and tries at work).
 */
import { describe, expect, it } from 'vitest';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { txJson } from '../../../src/ledger/authority/tx.js';
import { blockJson } from '../../../src/ledger/block.js';
import { CastCache, electionView } from '../../../src/ledger/election/index.js';
import { searchNonceSync } from '../../../src/ledger/pow.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { seededRng } from '../../support/rng.js';
import {
  BOXES,
  definition,
  ed,
  Harness,
  lunwrap,
  OPENS,
  plain,
  REGISTRAR,
  runThresholdCeremony,
  VOTERS,
} from './harness.js';

const G = await loadFastRistretto();
const rng = seededRng('election-ledger-forks');

describe('forks', () => {
  it('each branch has its own ballots; the parent state is unchanged', async () => {
    const h = await Harness.create(
      { ed, groups: { ristretto255: G }, cache: new CastCache() },
      definition(),
      true,
    );
    await runThresholdCeremony(h, G, rng);
    const [v0, v1] = VOTERS as [(typeof VOTERS)[0], (typeof VOTERS)[0]];
    const fp = h.state().setup!.fingerprint;
    const record = createVoterKeys(ed, REGISTRAR.sk, fp, [
      { key: v0.pk, boxes: ['box-a'] },
      { key: v1.pk, boxes: ['box-a'] },
    ]);
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
    h.clock = OPENS;
    const c0 = h.cast(v0, plain(0, true, [0]), rng);
    const c1 = h.cast(v1, plain(1, false, [1]), rng);
    await h.post(h.attest(BOXES[0]!, c0));
    const parent = h.ledger.head();
    const sibling = (txs: ReturnType<Harness['attest']>[], miner: string) => {
      const b = lunwrap(
        searchNonceSync(
          {
            parent_id: parent.id,
            miner_name: miner,
            content: { height: parent.height + 1, time: OPENS + 5000, txs: txs.map(txJson) },
          },
          0,
        ),
      );
      return blockJson(b);
    };
    h.clock = OPENS + 5000;
    // Branch x: v1 votes. Branch y: v0 votes again (a repeat of the same cast: allowed, counts once).
    const x = lunwrap(await h.ledger.addBlock(sibling([h.attest(BOXES[0]!, c1, OPENS + 1)], 'x')));
    const y = lunwrap(await h.ledger.addBlock(sibling([h.attest(BOXES[0]!, c0, OPENS + 2)], 'y')));
    const vx = electionView(h.ledger.get(x.id)!.state);
    const vy = electionView(h.ledger.get(y.id)!.state);
    const vp = electionView(parent.state);
    expect(vp.ballots.map((b) => b.voter_key)).toEqual([v0.pk]);
    expect(vx.ballots.map((b) => [b.voter_key, b.verdict])).toEqual([
      [v0.pk, 'counted'],
      [v1.pk, 'counted'],
    ]);
    expect(vy.ballots.map((b) => [b.voter_key, b.verdict])).toEqual([
      [v0.pk, 'counted'],
      [v0.pk, 'repeat-box'],
    ]);
    // v1 can still vote on branch y, not twice on branch x.
    const again = h.attest(BOXES[0]!, h.cast(v1, plain(2, true, [2]), rng));
    const at = { genesis: h.ledger.genesis, height: parent.height + 2, time: OPENS + 6000 };
    const rule = h.registry.rule('ballot')!;
    expect(rule.allowed(h.ledger.get(y.id)!.state, again, at).ok).toBe(true);
    expect(rule.allowed(h.ledger.get(x.id)!.state, again, at)).toMatchObject({ code: 'DOUBLE_VOTE' });
  });
});
