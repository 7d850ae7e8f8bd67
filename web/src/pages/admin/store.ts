/**
 * What the admin page keeps for the tab (sessionStorage): the registrar admin session and login, and the
 * node's admin token (asked once). Nothing is kept beyond the tab.
 */

const KEYS = { session: 'pnyx.admin.session', login: 'pnyx.admin.login', token: 'pnyx.admin.token' } as const;

/** A kept value. */
export type Kept = keyof typeof KEYS;

/** The kept value, if any. */
export function kept(k: Kept): string | undefined {
  try {
    return sessionStorage.getItem(KEYS[k]) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `v` (or forgets it when undefined). */
export function keep(k: Kept, v: string | undefined): void {
  try {
    if (v === undefined) sessionStorage.removeItem(KEYS[k]);
    else sessionStorage.setItem(KEYS[k], v);
  } catch {
    // Storage disabled: the page asks again after a reload.
  }
}
