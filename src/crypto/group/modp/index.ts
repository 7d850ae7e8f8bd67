/** Pure modp groups: parameters, the group on an injected engine, and the BigInt-backed groups. */
import { bigintEngine } from '../../modarith.js';
import { type ModpGroup, modpGroup } from './group.js';
import { MODP_GROUPS, type ModpName } from './params.js';

export { type ModpGroup, type ModpGroupOptions, modpGroup } from './group.js';
export { MODP_GROUPS, MODP2048, MODP3072, type ModpName, type ModpParams } from './params.js';

const cache = new Map<ModpName, ModpGroup>();

/** The pure-BigInt modp group of that name (runs in browsers; variable time). Instances are shared. */
export function pureModp(name: ModpName): ModpGroup {
  let G = cache.get(name);
  if (G === undefined) {
    G = modpGroup(MODP_GROUPS[name], bigintEngine, { backend: 'bigint' });
    cache.set(name, G);
  }
  return G;
}
