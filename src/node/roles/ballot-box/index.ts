/** The ballot-box role: accepts, checks, stores and forwards cast ballots; keeps a running encrypted sum. */
export * from './box.js';
export * from './cast-spec.js';
export * from './eligibility.js';
export * from './faults.js';
export * from './ledger-port.js';
export * from './local-ledger.js';
export * from './options.js';
export * from './pool.js';
export * from './role.js';
export * from './routes.js';
export * from './verifier.js';
