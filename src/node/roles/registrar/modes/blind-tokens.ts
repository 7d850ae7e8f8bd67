/**
 * Blind-token mode (seed 001). An authenticated voter sends an RFC 9474 blinded message; the registrar
 * checks that this login has no token yet in this election, signs it blindly with the election's RSA
 * token key (OpenSSL on the server), records only *that* the login got a token, and answers the blind
 * signature. The voting key and the blinded message are never stored. The published `token_issued`
 * record carries the running total.
 *
 * One token per login and election: a second request is refused with `TOKEN_ALREADY_ISSUED`, even if
 * the first answer was lost (the registrar cannot tell a lost answer from a second key).
 */

import { blindSign, modulusBytes } from '../../../../crypto/blind/tokens.js';
import { fromHex, toHex } from '../../../../crypto/bytes.js';
import { parseJson } from '../../../../crypto/encoding/canonical-json.js';
import { fail, ok } from '../../../../crypto/result.js';
import { signTx, type Tx } from '../../../../ledger/authority/tx.js';
import { TOKEN_ISSUED_TX } from '../../../../protocol/eligibility/blind-tokens.js';
import { createTokenIssued, tokenIssuedToJson } from '../../../../protocol/eligibility/token-issued.js';
import {
  countRegistrations,
  findRegistration,
  insertRegistration,
  lastPublication,
} from '../../../../store/registrar/elections.js';
import type { RegistrarContext } from '../context.js';
import { refuse } from '../errors.js';
import type { EligibilityModeService } from './mode.js';
import { storePublication } from './publication.js';

/** What the voter sends: the blinded message, kLen bytes as lowercase hex. */
export interface TokenRequest {
  readonly blinded: string;
}

/** What the voter gets: the blind signature, kLen bytes as lowercase hex. */
export interface TokenAnswer {
  readonly blind_signature: string;
}

/** The total of the latest `token_issued` publication (0 when none). */
async function publishedTotal(c: RegistrarContext, electionId: string): Promise<number> {
  const text = await lastPublication(c.db.db, electionId, TOKEN_ISSUED_TX);
  if (text === undefined) return 0;
  const tx = parseJson(text);
  if (!tx.ok || typeof tx.value !== 'object' || tx.value === null || Array.isArray(tx.value)) return 0;
  const body = (tx.value as { body?: { total?: unknown } }).body;
  return typeof body?.total === 'number' ? body.total : 0;
}

/** The blind-token mode. */
export function blindTokensMode(c: RegistrarContext): EligibilityModeService<TokenRequest, TokenAnswer> {
  return {
    mode: 'blind-tokens',
    async register(e, voterId, req) {
      const key = e.tokenKey;
      if (!key) return fail('KEY_INVALID', 'this registrar holds no token key for the election');
      const kLen = modulusBytes(key.publicKey);
      const blinded = fromHex(req.blinded, kLen);
      if (!blinded.ok) return fail('ENCODING_INVALID', `blinded must be ${kLen} bytes of lowercase hex`);
      const id = e.definition.id;
      if (await findRegistration(c.db.db, id, voterId))
        return refuse(
          'TOKEN_ALREADY_ISSUED',
          'this login already received its voting token for this election',
        );
      // Sign first (cheap, and it refuses a blinded value outside [0, n)); the answer is released only
      // once the "issued" record is durable, and discarded if another request recorded it first.
      const sig = await blindSign(key, blinded.value, c.rsa);
      if (!sig.ok) return sig;
      try {
        await insertRegistration(
          c.db.db,
          { election_id: id, voter_id: voterId, mode: 'blind-tokens', voter_key: null, boxes: null },
          c.now(),
        );
      } catch (e) {
        // A concurrent request of this login recorded its token first; this signature is discarded.
        if (await findRegistration(c.db.db, id, voterId))
          return refuse(
            'TOKEN_ALREADY_ISSUED',
            'this login already received its voting token for this election',
          );
        throw e;
      }
      return ok({ blind_signature: toHex(sig.value) });
    },
    async publish(e) {
      const total = await countRegistrations(c.db.db, e.definition.id);
      if (total <= (await publishedTotal(c, e.definition.id))) return [];
      const record = createTokenIssued(c.ed, c.key.secretKey, e.fingerprint, total);
      const tx: Tx = signTx(c.ed, c.key.secretKey, {
        type: TOKEN_ISSUED_TX,
        author: c.key.publicKey,
        chain: e.chain,
        body: tokenIssuedToJson(record),
      });
      await storePublication(c, e, tx, []);
      return [tx];
    },
  };
}
