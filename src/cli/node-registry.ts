/**
 * The transaction types a plain ledger node accepts until an election's registry is plugged in:
 * `note`, a signed text (`{"text": string of at most 1000 characters}`), always allowed. It lets a
 * network of nodes be started, exercised and measured without an election.
 */
import { isJsonObject } from '../crypto/encoding/canonical-json.js';
import { fail, OK } from '../crypto/result.js';
import { createRegistry, type TxRegistry } from '../ledger/authority/registry.js';

/** Longest note text. */
export const MAX_NOTE = 1000;

/** The registry of a plain node: `note` only; no state. */
export const noteRegistry: TxRegistry<null> = createRegistry<null>(
  () => null,
  [
    {
      type: 'note',
      checkBody: (b) =>
        isJsonObject(b) &&
        Object.keys(b).length === 1 &&
        typeof b.text === 'string' &&
        b.text.length <= MAX_NOTE
          ? OK
          : fail('ENCODING_INVALID', `a note body is {"text": …} with at most ${MAX_NOTE} characters`),
      allowed: () => OK,
      apply: () => null,
    },
  ],
);
