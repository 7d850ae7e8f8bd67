/** Key ceremonies and tally decryption on the ledger: records, state machines and the trustee's next step. */
export * from './bodies.js';
export * from './decryption.js';
export * from './decryption-keys.js';
export * from './errors.js';
export * from './paillier-decryption.js';
export * from './paillier-key.js';
export * from './product.js';
export * from './record.js';
export { READY_ROLE } from './threshold-handlers.js';
export * from './threshold-state.js';
export * from './threshold-types.js';
export * from './trustee.js';
