/** The election definition: types, strict reader, writer, fingerprint, roll commitment and helpers. */
export * from './boxes.js';
export * from './build.js';
export * from './definition.js';
export * from './eligibility-config.js';
export * from './fingerprint.js';
export * from './ledger-parameters.js';
export * from './read.js';
export * from './roll.js';
export * from './schedule.js';
export * from './trustees.js';
export * from './write.js';
