// A ballot-box node that cheats on purpose, for the fault-election tests: the election node `pnyx node`
// builds (dist/), with the box fault named by the first argument (drop or alter) switched on through
// cheatingBoxFaults — the one way to switch it on; no flag of `pnyx node` reaches it. The other arguments
// are those of `pnyx node` (--name, --port, --data-dir, --genesis, --admin-token-file, --log-level,
// --rate-limit; the rest are ignored).
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { parseJson } from '../../dist/crypto/encoding/canonical-json.js';
import { ed25519Native } from '../../dist/crypto/node/ed25519-native.js';
import { systemRng } from '../../dist/crypto/rng.js';
import { stopOnSignals } from '../../dist/net/shutdown.js';
import { checkConfig, keyFilePath, storeLocation } from '../../dist/node/config.js';
import { buildElectionNode } from '../../dist/node/election/start.js';
import { httpConnector } from '../../dist/node/http/peer-client.js';
import { loadOrCreateIdentity } from '../../dist/node/keys.js';
import { CHEATING_ACKNOWLEDGEMENT, cheatingBoxFaults } from '../../dist/node/roles/ballot-box/faults.js';
import { openStore } from '../../dist/store/kysely-store.js';

const [fault, ...rest] = process.argv.slice(2);
if (fault !== 'drop' && fault !== 'alter') throw new Error('first argument: drop or alter');
const opt = (name) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const port = Number(opt('port'));
const self = `http://127.0.0.1:${port}`;
const checked = checkConfig({
  name: opt('name'),
  roles: ['ballot-box'],
  dataDir: opt('data-dir'),
  peers: [],
  validatorMode: 'auto',
  genesisFile: opt('genesis'),
});
if (!checked.ok) throw new Error(checked.message);
const config = { ...checked.value, publicUrl: self };
const logger = pino({ level: opt('log-level') ?? 'warn', base: { node: config.name } });
const genesis = parseJson(readFileSync(opt('genesis'), 'utf8').trim());
if (!genesis.ok) throw new Error(genesis.message);
const id = loadOrCreateIdentity(keyFilePath(config), ed25519Native, systemRng);
if (!id.ok) throw new Error(id.message);
const store = await openStore(storeLocation(config));
const connector = httpConnector({ self });
const built = await buildElectionNode({
  config,
  store,
  identity: id.value.identity,
  logger,
  connect: connector.connect,
  closeConnector: () => connector.close(),
  self,
  genesis: genesis.value,
  host: '127.0.0.1',
  port,
  ...(opt('rate-limit') ? { rateLimitMax: Number(opt('rate-limit')) } : {}),
  boxFaults: cheatingBoxFaults({ [fault]: true }, CHEATING_ACKNOWLEDGEMENT),
});
await built.start();
stopOnSignals(built.server, { logger });
