/** The verifier: an election re-checked from its ledger export alone (see docs/verify.md). */

export * from './report.js';
export * from './types.js';
export * from './verify.js';
