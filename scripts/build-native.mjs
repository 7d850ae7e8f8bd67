// Builds the optional native libsodium binding (native/). pnyx works without it (WASM/pure fallbacks),
// so a failed build only prints a warning and never fails the install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
if (!existsSync(join(nativeDir, 'binding.gyp'))) process.exit(0);
const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const args = [gyp, 'rebuild', '--silent'];
if (existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');
const r = spawnSync(process.execPath, args, { cwd: nativeDir, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  console.warn('pnyx: the native libsodium binding did not build; falling back to WebAssembly (slower).');
  console.warn('pnyx: install libsodium-dev, python3, make and g++ and run `npm rebuild` to get it.');
}
