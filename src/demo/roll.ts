/**
 * The demo's voter roll: N made-up voters as CSV without passwords, imported through the registrar's
 * admin route in chunks (each all-or-nothing), so a progress bar can follow; the registrar answers each
 * voter's generated password once, which the simulated voters then log in with.
 */
import type { Client } from '../net/client.js';
import type { RegistrarRoutes } from '../node/roles/registrar/http/routes.js';
import type { Progress } from './progress.js';

/** A voter of the roll with the password the registrar generated. */
export interface RollVoter {
  readonly login: string;
  readonly password: string;
}

const NAMES = ['Alex', 'Bea', 'Chen', 'Dara', 'Eli', 'Fatou', 'Goran', 'Hana', 'Ivo', 'Jun', 'Kemal', 'Lia'];
const SURNAMES = ['Novak', 'Okafor', 'Petit', 'Quispe', 'Rossi', 'Sato', 'Tanaka', 'Ueda', 'Varga', 'Weber'];

/** Voters per import request. */
const CHUNK = 50;

/** The CSV of voters `from` to `to - 1`. */
function csvOf(from: number, to: number): string {
  const lines = ['name,surname,email,login'];
  for (let i = from; i < to; i++) {
    const login = `voter${String(i + 1).padStart(4, '0')}`;
    lines.push(
      `${NAMES[i % NAMES.length]},${SURNAMES[i % SURNAMES.length]},${login}@demo.example.org,${login}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Login and password of the demo's registrar administrator (created by the demo at start). */
export const DEMO_ADMIN = { login: 'admin', password: 'demo admin password' } as const;

/** Creates the first administrator and logs in; answers the admin session. */
export async function adminSession(reg: Client<RegistrarRoutes>): Promise<string> {
  const { login, password } = DEMO_ADMIN;
  await reg.adminBootstrap({ body: { login, password } });
  const s = await reg.adminLogin({ body: { login, password } });
  if (s.status !== 'ok') throw new Error('the demo administrator has a second factor');
  return s.session;
}

/** Imports `n` voters; answers their logins and generated passwords. */
export async function importRoll(
  reg: Client<RegistrarRoutes>,
  session: string,
  n: number,
  bar: Progress,
): Promise<RollVoter[]> {
  const out: RollVoter[] = [];
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    const r = await reg.adminImportRoll({ body: { session, csv: csvOf(from, to) } });
    for (const p of r.passwords) out.push({ login: p.login, password: p.password });
    bar.update(to);
  }
  return out;
}
