/** The ballot box's tables: schema, migrations and queries. */

export * from './migrations.js';
export * from './open.js';
export * from './records.js';
export type * from './schema.js';
export * from './sum.js';
export * from './writer.js';
