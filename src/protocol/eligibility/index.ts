/** Eligibility: the checker interface, identity keys (`voter_keys`) and blind tokens (`token_issued`). */
export * from './blind-tokens.js';
export * from './checker.js';
export * from './for-election.js';
export * from './identity-keys.js';
export * from './token.js';
export * from './token-issued.js';
export * from './voter-keys.js';
