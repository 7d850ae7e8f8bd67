/**
 * Voter login at the registrar: the password step, then the TOTP step when the account has a second
 * factor. The session is a bearer token carried in request bodies; it is never printed or stored.
 */
import { type Client, createClient } from '../net/client.js';
import { REGISTRAR_ROUTES, type RegistrarRoutes } from '../node/roles/registrar/http/routes.js';
import { asClientError, clientError } from './errors.js';

/** Where a TOTP code comes from when the registrar asks for one (a flag, or a prompt). */
export type TotpSource = () => Promise<string | undefined>;

/** A logged-in voter. */
export interface VoterSession {
  readonly registrar: Client<RegistrarRoutes>;
  /** The bearer token (secret: never print it). */
  readonly session: string;
  readonly expiresAt: number;
  /** Ends the session at the registrar (best effort). */
  logout(): Promise<void>;
}

/** Options of {@link voterSession}. */
export interface LoginOptions {
  readonly login: string;
  readonly password: string;
  /** Asked only when the account has a second factor. */
  readonly totp?: TotpSource;
  readonly timeoutMs?: number;
  readonly proxy?: string;
}

/** The registrar's typed client. */
export function registrarClient(url: string, o: { timeoutMs?: number; proxy?: string } = {}) {
  return createClient(REGISTRAR_ROUTES, url, {
    timeoutMs: o.timeoutMs ?? 30_000,
    ...(o.proxy === undefined ? {} : { proxy: o.proxy }),
  });
}

/**
 * Logs in with login and password; when the registrar answers with a TOTP challenge, asks `totp` for a
 * code (`TOTP_REQUIRED` without one) and completes the second step. Server refusals keep their codes
 * (`LOGIN_FAILED`, `ACCOUNT_LOCKED`, `TOTP_INVALID`, …).
 */
export async function voterSession(registrarUrl: string, o: LoginOptions): Promise<VoterSession> {
  const registrar = registrarClient(registrarUrl, o);
  try {
    let step = await registrar.login({ body: { login: o.login, password: o.password } });
    if (step.status === 'totp') {
      const code = o.totp ? await o.totp() : undefined;
      if (code === undefined || code === '')
        throw clientError('TOTP_REQUIRED', 'this account has a second factor: give --totp CODE');
      step = await registrar.loginTotp({ body: { challenge: step.challenge, code } });
    }
    if (step.status !== 'ok') throw clientError('TOTP_REQUIRED', 'the registrar asked for a second code');
    const session = step.session;
    return {
      registrar,
      session,
      expiresAt: step.expires_at,
      async logout() {
        await registrar.logout({ body: { session } }).catch(() => undefined);
      },
    };
  } catch (e) {
    throw asClientError(e, 'login');
  }
}
