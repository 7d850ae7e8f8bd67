/** The OpenSSL-backed modp groups for Node (constant-time native exponentiation). */
import { type ModpGroup, modpGroup } from '../group/modp/group.js';
import { MODP_GROUPS, type ModpName } from '../group/modp/params.js';
import { opensslEngine } from './openssl-modpow.js';

const engine = opensslEngine();
const cache = new Map<ModpName, ModpGroup>();

/**
 * The modp group of that name on the OpenSSL engine. Test groups (below 512 bits) are accepted too: the
 * engine then falls back to BigInt, so they behave exactly like the pure groups. Instances are shared.
 */
export function opensslModp(name: ModpName): ModpGroup {
  let G = cache.get(name);
  if (G === undefined) {
    G = modpGroup(MODP_GROUPS[name], engine, { backend: 'openssl' });
    cache.set(name, G);
  }
  return G;
}
