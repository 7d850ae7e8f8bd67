/** Typed clients and flows shared by the command line and the demo: voter, audit, receipt check. */
export * from './audit.js';
export * from './boxes.js';
export * from './cast.js';
export * from './check.js';
export * from './election-reader.js';
export * from './env.js';
export * from './errors.js';
export * from './key-file.js';
export * from './register.js';
export * from './session.js';
export * from './voter.js';
