/**
 * The election on the authority ledger: transaction rules (registered with `extendRegistry`) and the
 * pure election state derived from the ledger. See docs/election-ledger.md.
 */
export * from './cast-cache.js';
export * from './cast-check.js';
export * from './common.js';
export * from './crypto.js';
export * from './env.js';
export * from './fold.js';
export * from './hex-map.js';
export * from './plist.js';
export * from './registry.js';
export * from './rule-audit.js';
export * from './rule-ballot.js';
export * from './rule-close.js';
export * from './rule-decryption.js';
export * from './rule-election.js';
export * from './rule-eligibility.js';
export * from './rule-result.js';
export * from './rule-trustee.js';
export * from './selection.js';
export * from './setup.js';
export * from './state.js';
export * from './token-check.js';
export * from './view.js';
