/**
 * One trustee action without a ledger: secrets are created and stored before the first record is sent,
 * the body sent is the stored one, a failed send is retried with the same transaction, a dry run touches
 * nothing, and the fault hooks and non-members do nothing.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, isJsonObject, type JsonValue } from '../../../src/crypto/encoding/canonical-json.js';
import { systemRng } from '../../../src/crypto/rng.js';
import type { PostResult } from '../../../src/node/peer-client.js';
import { act, type SubmitTx, type TrusteeDeps } from '../../../src/node/roles/trustee/engine.js';
import { storedFromJson } from '../../../src/node/roles/trustee/secrets-codec.js';
import { SecretsFile } from '../../../src/node/roles/trustee/secrets-file.js';
import type { ElectionView } from '../../../src/node/roles/trustee/view.js';
import type { ElectionScheme } from '../../../src/protocol/election/definition.js';
import { definition, ed, person, TRUSTEES, tempDir, testCrypto } from './fixture.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

const FP = '5a'.repeat(32);

function view(scheme: ElectionScheme, n: number, k: number): ElectionView {
  const def = definition(scheme, n, k);
  return {
    id: def.id,
    fingerprint: FP,
    chain: '3c'.repeat(32),
    scheme,
    trustees: def.trustees,
    ctx: { fingerprint: FP },
    ceremony: [],
    decryption: [],
    now: 0,
  };
}

/** Deps whose submissions are recorded; `answer` decides what the ledger says. */
async function deps(answer: (tx: JsonValue) => PostResult = () => ({ ok: true, status: 'added' })) {
  const { suiteFor } = await testCrypto();
  const d = tempDir();
  cleanup.push(d.remove);
  const sent: JsonValue[] = [];
  const secrets = new SecretsFile(d.dir);
  const submitTx: SubmitTx = async (tx) => {
    sent.push(tx);
    return answer(tx);
  };
  const base: TrusteeDeps = {
    ed,
    identity: TRUSTEES[0]!.identity,
    suiteFor,
    secrets,
    rng: systemRng,
    submitTx,
  };
  return { base, sent, secrets };
}

const bodyOf = (tx: JsonValue | undefined) => (isJsonObject(tx) ? tx.body : undefined);

describe('one trustee action', () => {
  for (const [scheme, n, k, type] of [
    ['elgamal-ristretto255', 3, 2, 'trustee_announcement'],
    ['elgamal-ristretto255', 2, 2, 'trustee_key'],
    ['paillier', 1, 1, 'paillier_key'],
  ] as const) {
    it(`${type}: stores the secrets and the body before sending them`, async () => {
      const v = view(scheme, n, k);
      const { base, sent, secrets } = await deps();
      // At the moment of sending, the file already holds the very body being sent.
      const checked: boolean[] = [];
      const d: TrusteeDeps = {
        ...base,
        submitTx: async (tx) => {
          const s = secrets.load(FP);
          checked.push(s.ok && canonicalJson(s.value!.published[type]!) === canonicalJson(bodyOf(tx)!));
          return base.submitTx(tx);
        },
      };
      const r = await act(d, v, 'ceremony');
      expect(r).toMatchObject({ outcome: 'sent', type, trustee: 1 });
      expect(checked).toEqual([true]);
      // The next action resends the same transaction (same id: deterministic signatures).
      const again = await act(d, v, 'ceremony');
      expect(again.tx).toBe(r.tx);
      expect(canonicalJson(sent[1]!)).toBe(canonicalJson(sent[0]!));
    });
  }

  it('a send that fails is unsent, and the retry is the same transaction', async () => {
    let up = false;
    const { base } = await deps();
    const d: TrusteeDeps = {
      ...base,
      submitTx: async (tx) => {
        if (!up) throw new Error('connection refused');
        return base.submitTx(tx);
      },
    };
    const v = view('elgamal-ristretto255', 3, 2);
    const lost = await act(d, v, 'ceremony');
    expect(lost).toMatchObject({
      outcome: 'unsent',
      reason: 'the ledger did not answer: connection refused',
    });
    up = true;
    const r = await act(d, v, 'ceremony');
    expect(r).toMatchObject({ outcome: 'sent', tx: lost.tx });
  });

  it('a dry run creates nothing; decryption before the close waits; faults and outsiders do nothing', async () => {
    const { base, sent, secrets } = await deps();
    const v = view('elgamal-ristretto255', 3, 2);
    expect(await act(base, v, 'ceremony', { dryRun: true })).toMatchObject({ outcome: 'due' });
    expect(secrets.list()).toEqual([]);
    expect(await act(base, v, 'decryption')).toMatchObject({ outcome: 'failed' }); // no secrets yet
    await act(base, v, 'ceremony');
    expect(await act(base, v, 'decryption')).toMatchObject({ outcome: 'wait' });
    expect(await act({ ...base, faults: { offline: 'all' } }, v, 'ceremony')).toMatchObject({
      outcome: 'offline',
    });
    const d = { ...base, faults: { offline: 'decryption' as const } };
    expect(await act(d, v, 'decryption')).toMatchObject({ outcome: 'offline' });
    expect(await act({ ...base, identity: person('mallory').identity }, v, 'ceremony')).toMatchObject({
      outcome: 'not-member',
      trustee: null,
    });
    expect(sent).toHaveLength(1);
  });

  it('a secrets record of another kind or election is not used', async () => {
    const { base } = await deps();
    const v = view('elgamal-ristretto255', 3, 2);
    await act(base, v, 'ceremony');
    const product = await act(base, { ...view('elgamal-ristretto255', 3, 3), id: v.id }, 'ceremony');
    expect(product).toMatchObject({ outcome: 'failed' });
    expect(product.reason).toContain('holds threshold secrets, the election runs product');
    const other = await act(base, { ...v, id: 'another' }, 'ceremony');
    expect(other).toMatchObject({ outcome: 'failed', reason: 'the secrets file names another election' });
  });
});

describe('secrets codec on garbage', () => {
  it('never throws and refuses what is not a record', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(storedFromJson(v as JsonValue).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
