/**
 * The ledger layer (pure): block envelope and proof of work, the authority and runner profiles, export and
 * offline verification. Node-only pieces (the worker-thread miner) are in `./node/`.
 */
export * from './authority/approval.js';
export * from './authority/block-check.js';
export * from './authority/content.js';
export * from './authority/finality.js';
export * from './authority/genesis.js';
export * from './authority/ledger.js';
export * from './authority/limits.js';
export * from './authority/mempool.js';
export * from './authority/miner.js';
export * from './authority/registry.js';
export * from './authority/tree.js';
export * from './authority/tx.js';
export * from './authority/tx-check.js';
export * from './authority/validator.js';
export * from './block.js';
export * from './errors.js';
export * from './export/export.js';
export * from './export/format.js';
export * from './export/import.js';
export * from './export/verify.js';
export * from './hash.js';
export * from './memory-store.js';
export * from './pow.js';
export * from './pow-kernel.js';
export * from './runner/chain.js';
export * from './runner/genesis.js';
export * from './runner/ledger.js';
export * from './runner/phase.js';
export * from './runner/state.js';
export type * from './store.js';
