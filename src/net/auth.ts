/**
 * Who may call a route. An {@link Authorizer} looks at a request's headers and address and either lets
 * it through as the route's caller class or refuses it with `UNAUTHORIZED` (401) or `FORBIDDEN` (403).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { DomainFailure } from './errors.js';
import type { Caller } from './routes.js';

/** What an authorizer sees of a request (never the body). */
export interface AuthRequest {
  readonly headers: IncomingHttpHeaders;
  readonly ip: string;
}

/** Decides whether a request may call a route declared for `caller`; `undefined` means yes. */
export type Authorizer = (caller: Caller, req: AuthRequest) => DomainFailure | undefined;

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Reads `Authorization: Bearer TOKEN`; `undefined` when absent or of another scheme. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer ([\x21-\x7e]+)$/.exec(h);
  return m?.[1];
}

/**
 * The default authorizer: `public` and `peer` routes are open (peers are not authenticated yet);
 * `admin` routes need `Authorization: Bearer <adminToken>`, compared in constant time over SHA-256
 * digests. Without an admin token every admin route is refused with `FORBIDDEN`.
 */
export function bearerAuthorizer(adminToken: string | undefined): Authorizer {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return (caller, req) => {
    if (caller !== 'admin') return undefined;
    if (expected === undefined)
      return { ok: false, code: 'FORBIDDEN', message: 'admin routes are disabled on this node' };
    const token = bearerToken(req.headers);
    if (token === undefined)
      return {
        ok: false,
        code: 'UNAUTHORIZED',
        message: 'send the admin token as "Authorization: Bearer …"',
      };
    if (!timingSafeEqual(digest(token), expected))
      return { ok: false, code: 'UNAUTHORIZED', message: 'the admin token is wrong' };
    return undefined;
  };
}
