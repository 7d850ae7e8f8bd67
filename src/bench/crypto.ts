/** Benchmarks of the cryptographic core (one thread, ms per operation). */
import { encrypt } from '../crypto/elgamal.js';
import type { Group } from '../crypto/group/group.js';
import { opensslModp } from '../crypto/node/modp.js';
import { opensslEngine } from '../crypto/node/openssl-modpow.js';
import { opensslPrime } from '../crypto/node/openssl-primes.js';
import { loadFastRistretto } from '../crypto/node/ristretto.js';
import { generatePaillierKey } from '../crypto/paillier/keys.js';
import { paillier } from '../crypto/paillier/scheme.js';
import { proveZeroOne, verifyZeroOne } from '../crypto/proofs/zero-one.js';
import { unwrap } from '../crypto/result.js';
import { systemRng } from '../crypto/rng.js';
import { partialDecrypt } from '../crypto/threshold/partial.js';
import { type BallotContext, checkBallot, createBallot } from '../protocol/ballot.js';
import { elgamalScheme } from '../protocol/elgamal-scheme.js';
import { paillierScheme } from '../protocol/paillier-scheme.js';
import type { AnyBallotScheme } from '../protocol/scheme.js';
import { BENCH_FINGERPRINT, ONE_OF_FIVE, ONE_OF_FIVE_VOTE } from './fixtures.js';
import { type Figure, msPerOp } from './measure.js';

const rng = systemRng;
const ctx = { fingerprint: BENCH_FINGERPRINT };

function ms(name: string, value: number, target?: number): Figure {
  return target === undefined
    ? { name, value, unit: 'ms' }
    : { name, value, unit: 'ms', target: { op: '<=', value: target } };
}

/** Creates and checks a 1-of-5 ballot under `scheme`, reporting both. */
export function ballotFigures(
  prefix: string,
  scheme: AnyBallotScheme,
  targets: { create?: number; check?: number },
  only?: 'check',
): Figure[] {
  const bc: BallotContext<unknown> = { manifest: ONE_OF_FIVE, scheme, fingerprint: BENCH_FINGERPRINT };
  const make = () => unwrap(createBallot(bc, ONE_OF_FIVE_VOTE, 'bench', rng)).ballot;
  const ballot = make();
  unwrap(checkBallot(bc, ballot, 'bench'));
  const out: Figure[] = [];
  if (only !== 'check') out.push(ms(`${prefix}.ballot1of5.create`, msPerOp(make), targets.create));
  out.push(
    ms(
      `${prefix}.ballot1of5.check`,
      msPerOp(() => checkBallot(bc, ballot, 'bench')),
      targets.check,
    ),
  );
  return out;
}

/** ristretto255 figures on the fastest available backend. */
export async function ristrettoFigures(): Promise<{ backend: string; figures: Figure[] }> {
  const G: Group<Uint8Array> = await loadFastRistretto();
  const x = G.randomScalar(rng);
  const P = G.expG(G.randomScalar(rng));
  const sk = G.randomScalar(rng);
  const pk = G.expG(sk);
  const r = G.randomScalar(rng);
  const ct = encrypt(G, pk, 1n, r);
  const proof = proveZeroOne(G, ctx, pk, ct, 1, r, rng);
  const figures = [
    ms(
      'ristretto255.mul',
      msPerOp(() => G.exp(P, x)),
    ),
    ms(
      'ristretto255.proof01.create',
      msPerOp(() => proveZeroOne(G, ctx, pk, ct, 1, r, rng)),
    ),
    ms(
      'ristretto255.proof01.verify',
      msPerOp(() => verifyZeroOne(G, ctx, pk, ct, proof)),
      0.6,
    ),
    ...ballotFigures('ristretto255', elgamalScheme(G, pk), { create: 3.5, check: 3.5 }),
    ms(
      'threshold.partialDecrypt',
      msPerOp(() => partialDecrypt(G, ctx, ct, 1, sk, rng)),
    ),
  ];
  return { backend: G.backend, figures };
}

/** modp2048 figures through OpenSSL. */
export function modpFigures(): Figure[] {
  const G = opensslModp('modp2048');
  const base = G.expG(G.randomScalar(rng));
  const e256 = BigInt(`0x${Buffer.from(rng(32)).toString('hex')}`);
  const pk = G.expG(G.randomScalar(rng));
  return [
    ms(
      'modp2048.exp256',
      msPerOp(() => G.exp(base, e256)),
      0.35,
    ),
    ...ballotFigures('modp2048', elgamalScheme(G, pk), {}, 'check'),
  ];
}

/** Paillier figures with a fresh 3072-bit key, through OpenSSL. */
export function paillierFigures(): Figure[] {
  const P = paillier(opensslEngine());
  const sk = generatePaillierKey(opensslPrime, 3072);
  const pk = sk.publicKey;
  return [
    ms(
      'paillier3072.encrypt',
      msPerOp(() => P.encrypt(pk, 1n, rng), { minIters: 20 }),
    ),
    ...ballotFigures('paillier3072', paillierScheme(P, pk), {}, 'check'),
  ];
}
