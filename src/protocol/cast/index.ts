/** Cast ballots, receipts, audits, the ballot-box rule and the ballot-set selection rule. */
export * from './audit.js';
export * from './binding.js';
export * from './box-rule.js';
export * from './cast.js';
export * from './check.js';
export * from './context.js';
export * from './create.js';
export * from './receipt.js';
export * from './select.js';
