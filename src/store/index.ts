/** Database access: Kysely over SQLite (default) or PostgreSQL, implementing the ledger's store. */
export * from './kysely-store.js';
export * from './migrations.js';
export * from './open.js';
export type * from './schema.js';
