/** Turns anything a call can throw into the code and sentence the pages show. */
import { RemoteError, TransportError } from '../../../src/net/client-errors.js';

/** A failure as shown to a person: a stable code and a sentence. */
export interface Shown {
  readonly code: string;
  readonly message: string;
}

/** The code and sentence of an error (server refusals keep the server's code). */
export function shown(e: unknown): Shown {
  if (e instanceof RemoteError) return { code: e.code, message: e.message.replace(/^\d+ [A-Z_0-9]+: /, '') };
  if (e instanceof TransportError) return { code: e.code, message: e.message.replace(/^[A-Z_0-9]+: /, '') };
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const m = e instanceof Error ? e.message : String(e);
    return { code: (e as { code: string }).code, message: m };
  }
  return { code: 'UNEXPECTED', message: e instanceof Error ? e.message : String(e) };
}
