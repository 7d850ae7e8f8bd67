/**
 * The registrar's route table (prefix `/registrar`). Sessions are bearer tokens carried in the JSON
 * body (`session`), never in URLs; bodies are never logged. Voter routes need a voter session, admin
 * routes an admin session; `adminBootstrap` creates the first admin and needs the node's admin token
 * (net caller `admin`), as does `adminClose` (the early close of an election). The same table makes the typed client: `createClient(REGISTRAR_ROUTES, url)`.
 */
import { Type } from '@sinclair/typebox';
import { route } from '../../../../net/routes.js';
import {
  BoxSchema,
  Code,
  Done,
  ElectionInfoSchema,
  ElectionParams,
  Hex64,
  Login,
  LoginStepSchema,
  Millis,
  Obj,
  Password,
  Token,
  VoterInfoSchema,
} from './schemas.js';

/** Largest CSV roll accepted in one request, in bytes. */
export const ROLL_BODY_LIMIT = 16 * 1024 * 1024;

/** Most voters listed in one page. */
export const MAX_VOTER_PAGE = 1000;

const session = Obj({ session: Token });

/** The registrar's routes. */
export const REGISTRAR_ROUTES = {
  login: route({
    method: 'POST',
    path: '/registrar/login',
    summary: 'voter login with login and password; answers a session or a TOTP challenge',
    caller: 'public',
    body: Obj({ login: Login, password: Password }),
    response: LoginStepSchema,
    bodyLimit: 4096,
  }),
  adminLogin: route({
    method: 'POST',
    path: '/registrar/admin/login',
    summary: 'administrator login with login and password; answers a session or a TOTP challenge',
    caller: 'public',
    body: Obj({ login: Login, password: Password }),
    response: LoginStepSchema,
    bodyLimit: 4096,
  }),
  loginTotp: route({
    method: 'POST',
    path: '/registrar/login/totp',
    summary: 'second login step: the challenge and a TOTP code; answers a session',
    caller: 'public',
    body: Obj({ challenge: Token, code: Code }),
    response: LoginStepSchema,
    bodyLimit: 4096,
  }),
  logout: route({
    method: 'POST',
    path: '/registrar/logout',
    summary: 'ends a session (voter or admin)',
    caller: 'public',
    body: session,
    response: Done,
    bodyLimit: 4096,
  }),
  changePassword: route({
    method: 'POST',
    path: '/registrar/password',
    summary: 'changes the password of the session’s account (voter or admin); ends its other sessions',
    caller: 'public',
    body: Obj({ session: Token, password: Password, new_password: Password }),
    response: Done,
    bodyLimit: 4096,
  }),
  me: route({
    method: 'POST',
    path: '/registrar/me',
    summary: "the voter's own data, roll salt and roll entry commitment",
    caller: 'public',
    body: session,
    response: Obj({
      login: Type.String(),
      name: Type.String(),
      surname: Type.String(),
      email: Type.String(),
      totp: Type.Boolean(),
      roll_salt: Hex64,
      roll_entry: Hex64,
    }),
    bodyLimit: 4096,
  }),
  totpEnrol: route({
    method: 'POST',
    path: '/registrar/totp/enrol',
    summary: 'starts TOTP enrolment (voter or admin); answers the otpauth:// URI once',
    caller: 'public',
    body: session,
    response: Obj({ uri: Type.String() }),
    bodyLimit: 4096,
  }),
  totpConfirm: route({
    method: 'POST',
    path: '/registrar/totp/confirm',
    summary: 'confirms TOTP enrolment with a code; from then on login needs a code',
    caller: 'public',
    body: Obj({ session: Token, code: Code }),
    response: Done,
    bodyLimit: 4096,
  }),
  roll: route({
    method: 'GET',
    path: '/registrar/roll',
    summary: 'the roll commitment and its sorted entry commitments (no personal data)',
    caller: 'public',
    response: Obj({
      count: Type.Integer({ minimum: 0 }),
      hash: Type.Optional(Hex64),
      entries: Type.Array(Hex64),
    }),
    rateLimit: { max: 30, timeWindowMs: 60_000 },
  }),
  election: route({
    method: 'GET',
    path: '/registrar/elections/:election',
    summary: 'public facts of a served election: fingerprint, ledger, mode, token key',
    caller: 'public',
    params: ElectionParams,
    response: ElectionInfoSchema,
  }),
  registerKey: route({
    method: 'POST',
    path: '/registrar/elections/:election/key',
    summary: 'identity keys: registers the voter’s Ed25519 public key; answers its ballot boxes',
    caller: 'public',
    params: ElectionParams,
    body: Obj({ session: Token, key: Hex64 }),
    response: Obj({ key: Hex64, boxes: Type.Array(BoxSchema) }),
    bodyLimit: 4096,
  }),
  requestToken: route({
    method: 'POST',
    path: '/registrar/elections/:election/token',
    summary: 'blind tokens: signs the voter’s blinded message, once per login and election',
    caller: 'public',
    params: ElectionParams,
    body: Obj({ session: Token, blinded: Type.String({ pattern: '^[0-9a-f]{2,1024}$' }) }),
    response: Obj({ blind_signature: Type.String({ pattern: '^[0-9a-f]+$' }) }),
    bodyLimit: 4096,
  }),
  adminImportRoll: route({
    method: 'POST',
    path: '/registrar/admin/roll',
    summary: 'imports a CSV voter roll, all or nothing; answers generated one-time passwords once',
    caller: 'public',
    body: Obj({ session: Token, csv: Type.String({ minLength: 1, maxLength: ROLL_BODY_LIMIT }) }),
    response: Obj({
      imported: Type.Integer({ minimum: 0 }),
      passwords: Type.Array(Obj({ login: Type.String(), password: Type.String() })),
    }),
    bodyLimit: ROLL_BODY_LIMIT + 4096,
    rateLimit: { max: 10, timeWindowMs: 60_000 },
  }),
  adminVoters: route({
    method: 'POST',
    path: '/registrar/admin/voters',
    summary: 'a page of voters by id (no secrets), and the number of voters',
    caller: 'public',
    body: Obj({
      session: Token,
      after: Type.Optional(Type.Integer({ minimum: 0 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_VOTER_PAGE })),
    }),
    response: Obj({ count: Type.Integer({ minimum: 0 }), voters: Type.Array(VoterInfoSchema) }),
    bodyLimit: 4096,
  }),
  adminCreate: route({
    method: 'POST',
    path: '/registrar/admin/admins',
    summary: 'an administrator creates another administrator',
    caller: 'public',
    body: Obj({ session: Token, login: Login, password: Password }),
    response: Obj({ login: Type.String() }),
    bodyLimit: 4096,
  }),
  adminBootstrap: route({
    method: 'POST',
    path: '/registrar/admin/bootstrap',
    summary: 'creates the first administrator (node admin token; refused once an administrator exists)',
    caller: 'admin',
    body: Obj({ login: Login, password: Password }),
    response: Obj({ login: Type.String() }),
    bodyLimit: 4096,
  }),
  adminClose: route({
    method: 'POST',
    path: '/registrar/admin/elections/:election/close',
    summary: 'closes voting early: the registrar signs and submits the ledger close (node admin token)',
    caller: 'admin',
    params: ElectionParams,
    body: Obj({}),
    response: Obj({ tx_id: Hex64, status: Type.Literal('submitted') }),
    bodyLimit: 4096,
  }),
  adminAudit: route({
    method: 'POST',
    path: '/registrar/admin/audit',
    summary: 'the latest administrative actions, newest first',
    caller: 'public',
    body: Obj({ session: Token, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
    response: Obj({
      entries: Type.Array(
        Obj({
          seq: Type.Integer(),
          time: Millis,
          actor: Type.String(),
          action: Type.String(),
          detail: Type.String(),
        }),
      ),
    }),
    bodyLimit: 4096,
  }),
} as const;

/** The table type. */
export type RegistrarRoutes = typeof REGISTRAR_ROUTES;
