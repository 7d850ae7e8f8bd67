/** The audit log of administrative actions. */
import type { Db } from './accounts.js';
import { num } from './open.js';

/** One audit entry. */
export interface AuditEntry {
  readonly seq: number;
  readonly time: number;
  readonly actor: string;
  readonly action: string;
  /** Canonical JSON details (never secrets). */
  readonly detail: string;
}

/** Appends an entry in the caller's transaction. */
export async function appendAudit(
  t: Db,
  e: { time: number; actor: string; action: string; detail: string },
): Promise<void> {
  await t.insertInto('registrar_audit').values(e).execute();
}

/** The latest `limit` entries, newest first. */
export async function latestAudit(t: Db, limit: number): Promise<AuditEntry[]> {
  const rows = await t
    .selectFrom('registrar_audit')
    .select(['seq', 'time', 'actor', 'action', 'detail'])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, time: num(r.time) }));
}
