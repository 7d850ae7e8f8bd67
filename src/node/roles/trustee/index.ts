/** The trustee role: key ceremonies and tally decryption through the ledger, with secrets kept on disk. */
export * from './engine.js';
export * from './faults.js';
export * from './ledger-source.js';
export * from './paillier-plan.js';
export * from './plan.js';
export * from './product-plan.js';
export * from './replica-source.js';
export * from './secrets-codec.js';
export * from './secrets-file.js';
export * from './service.js';
export * from './status.js';
export * from './submit.js';
export * from './suite.js';
export * from './tally.js';
export * from './threshold-plan.js';
export * from './view.js';
