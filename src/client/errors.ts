/**
 * The one error of the client flows: a stable code (a server's code, a transport code, or a client code
 * below) and a sentence. Flows throw it; the command line maps its kind to an exit code.
 */
import { RemoteError, TransportError } from '../net/client-errors.js';
import { PeerUnreachable } from '../node/peer-client.js';

/** Codes the client itself raises. */
export const CLIENT_CODES = [
  'USAGE', // bad arguments or input (a choice that is not in the manifest, a bad receipt file)
  'KEY_FILE_INVALID', // the key file cannot be read, has the wrong form, or belongs to another election
  'ELECTION_MISMATCH', // the node's ledger and the registrar disagree on the election
  'NOT_READY', // the election has no key yet, or voting is not open, or the key is not yet eligible
  'NO_RECEIPT', // no ballot box gave a valid receipt
  'AUDIT_MISMATCH', // an audited ballot does not open to the voter's choices
  'TOTP_REQUIRED', // the account has a second factor and no code was given
] as const;

/** A client code. */
export type ClientCode = (typeof CLIENT_CODES)[number];

/** What kind of failure it was (the command line's exit code follows it). */
export type FailureKind = 'usage' | 'refused' | 'unreachable';

/** A failed client step. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly code: string,
    message: string,
    readonly kind: FailureKind = 'refused',
  ) {
    super(`${code}: ${message}`);
  }
}

/** The kind of a client code. */
function kindOf(code: ClientCode): FailureKind {
  return code === 'USAGE' || code === 'KEY_FILE_INVALID' ? 'usage' : 'refused';
}

/** Builds a client error of a client code. */
export function clientError(code: ClientCode, message: string): ClientError {
  return new ClientError(code, message, kindOf(code));
}

/**
 * Any thrown value as a {@link ClientError}: a server's error body keeps its code (refused), a transport
 * failure (timeout, no connection, bad answer) or an unreachable peer is unreachable, anything else is
 * `FAILED` with its message.
 */
export function asClientError(e: unknown, where?: string): ClientError {
  if (e instanceof ClientError) return e;
  const at = where === undefined ? '' : `${where}: `;
  if (e instanceof RemoteError) return new ClientError(e.code, `${at}${e.message}`, 'refused');
  if (e instanceof TransportError) return new ClientError(e.code, `${at}${e.message}`, 'unreachable');
  if (e instanceof PeerUnreachable) return new ClientError('UNREACHABLE', `${at}${e.message}`, 'unreachable');
  const m = e instanceof Error ? e.message : String(e);
  return new ClientError('FAILED', `${at}${m}`, 'refused');
}
