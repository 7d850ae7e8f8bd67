/** The registrar's tables: schema, migrations and queries. */
export * from './accounts.js';
export * from './audit.js';
export * from './elections.js';
export * from './migrations.js';
export * from './open.js';
export type * from './schema.js';
export * from './sessions.js';
