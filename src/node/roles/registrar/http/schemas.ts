/** Wire schemas of the registrar's routes. */
import { type TProperties, Type } from '@sinclair/typebox';
import { LOGIN_PATTERN, ROLL_LIMITS } from '../roll-limits.js';
import { SESSION_TOKEN_PATTERN } from '../session-token.js';
import { TOTP_CODE_PATTERN } from '../totp.js';

const strict = { additionalProperties: false } as const;

/** An object schema that refuses unknown keys. */
export const Obj = <P extends TProperties>(p: P) => Type.Object(p, strict);

/** A session or challenge token. */
export const Token = Type.String({ pattern: SESSION_TOKEN_PATTERN });
/** A login. */
export const Login = Type.String({ pattern: LOGIN_PATTERN });
/** A password as typed at login (bounded; the length rule of new passwords is checked separately). */
export const Password = Type.String({ minLength: 1, maxLength: ROLL_LIMITS.passwordMax });
/** A TOTP code. */
export const Code = Type.String({ pattern: TOTP_CODE_PATTERN });
/** 64 lowercase hex digits. */
export const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
/** Milliseconds since the epoch. */
export const Millis = Type.Integer({ minimum: 0 });
/** An election id. */
export const ElectionParams = Obj({
  election: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' }),
});

/** Answer of a login step: a session, or a TOTP challenge to answer with a code. */
export const LoginStepSchema = Type.Union([
  Obj({ status: Type.Literal('ok'), session: Token, expires_at: Millis }),
  Obj({ status: Type.Literal('totp'), challenge: Token, expires_at: Millis }),
]);

/** A plain acknowledgement. */
export const Done = Obj({ status: Type.Literal('ok') });

/** A voter as admins see it. */
export const VoterInfoSchema = Obj({
  id: Type.Integer({ minimum: 1 }),
  login: Type.String(),
  name: Type.String(),
  surname: Type.String(),
  email: Type.String(),
  totp: Type.Boolean(),
  created: Millis,
});

/** Public facts of a served election. */
export const ElectionInfoSchema = Obj({
  id: Type.String(),
  fingerprint: Hex64,
  chain: Hex64,
  mode: Type.String(),
  token_key: Type.Optional(Type.String({ pattern: '^[0-9a-f]+$' })),
  registration_open: Type.Boolean(),
});

/** A ballot box as told to a voter. */
export const BoxSchema = Obj({ id: Type.String(), url: Type.String(), key: Hex64 });
