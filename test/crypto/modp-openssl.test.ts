import { bigToBytesBE } from '../../src/crypto/bytes.js';
import { pureModp } from '../../src/crypto/group/modp/index.js';
import { opensslModp } from '../../src/crypto/node/modp.js';
import { crossCheckGroups, describeGroupCompliance } from './group-compliance.js';

for (const name of ['modp2048', 'modp3072'] as const) {
  const G = opensslModp(name);
  const enc = (x: bigint) => bigToBytesBE(x, G.elementBytes);
  describeGroupCompliance(`${name} (openssl)`, async () => G, {
    numRuns: name === 'modp2048' ? 20 : 8,
    invalidEncodings: [
      ['zero', enc(0n)],
      ['p', enc(G.p)],
      ['p − 1', enc(G.p - 1n)],
      ['p − 2 (non-residue)', enc(G.p - 2n)],
    ],
  });
}
crossCheckGroups(
  'modp2048 openssl vs bigint',
  async () => opensslModp('modp2048'),
  async () => pureModp('modp2048'),
  {
    numRuns: 10,
  },
);
crossCheckGroups(
  'modp-test64 openssl vs bigint',
  async () => opensslModp('modp-test64'),
  async () => pureModp('modp-test64'),
);
crossCheckGroups(
  'modp3072 openssl vs bigint',
  async () => opensslModp('modp3072'),
  async () => pureModp('modp3072'),
  {
    numRuns: 3,
  },
);
