/**
 * Row types of the registrar's own tables (both dialects), as Kysely sees them. They live in the node's
 * database beside the ledger tables, under their own migration history (`registrar_migration`).
 *
 * Never stored: plain passwords, plain session tokens, plain TOTP secrets (encrypted at rest), and in
 * blind-token mode the voter's voting key or blinded message.
 */
import type { Generated } from 'kysely';

/** One voter of the roll. */
export interface VotersTable {
  id: Generated<number>;
  /** Unique login. */
  login: string;
  name: string;
  surname: string;
  email: string;
  /** argon2id PHC string (parameters and salt included). */
  password_hash: string;
  /** Secret 32-byte roll salt (hex) of the voter's roll entry commitment. */
  roll_salt: string;
  /** Confirmed TOTP secret, encrypted at rest; null when the voter has no second factor. */
  totp_secret: string | null;
  /** TOTP secret waiting for its first code (enrolment), encrypted at rest. */
  totp_pending: string | null;
  /** TOTP time step of the last accepted code (replay protection); 0 when none. */
  totp_last_step: number | string;
  /** Milliseconds since the epoch. */
  created: number | string;
}

/** One administrator account. */
export interface AdminsTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: number | string;
  created: number | string;
}

/** Consecutive login failures per account name (known or not), and the lockout they caused. */
export interface LoginFailuresTable {
  /** `voter` or `admin`. */
  kind: string;
  login: string;
  failures: number;
  /** Milliseconds since the epoch until which logins are refused; 0 when not locked. */
  locked_until: number | string;
}

/** Bearer sessions, by SHA-256 of the token (the token itself is never stored). */
export interface SessionsTable {
  /** Lowercase hex SHA-256 of the token. */
  token_hash: string;
  /** `voter` or `admin`. */
  kind: string;
  subject: number;
  /** `session` (logged in) or `totp` (password checked, second factor pending). */
  stage: string;
  expires: number | string;
  created: number | string;
}

/** Elections this registrar serves. */
export interface ElectionsTable {
  id: string;
  fingerprint: string;
  /** Genesis id of the election's ledger (the `chain` of its transactions). */
  chain: string;
  /** Canonical JSON of the election definition. */
  definition: string;
  /** Blind-token mode: PKCS#8 of the RSA token key, encrypted at rest. */
  token_key: string | null;
  created: number | string;
}

/** Voters of the roll snapshot an election was created with (its roll commitment). */
export interface RollMembersTable {
  election_id: string;
  voter_id: number;
}

/** One registration per voter and election. */
export interface RegistrationsTable {
  election_id: string;
  voter_id: number;
  mode: string;
  /** Identity keys: the registered Ed25519 key (hex). Always null in blind-token mode. */
  voter_key: string | null;
  /** Identity keys: JSON array of assigned box ids. */
  boxes: string | null;
  /** The publication that carried this registration to the ledger; null while unpublished. */
  publication: number | null;
  created: number | string;
}

/** Ledger transactions the registrar made, kept before they are submitted (resubmitted after a crash). */
export interface PublicationsTable {
  seq: Generated<number>;
  election_id: string;
  type: string;
  tx_id: string;
  /** Canonical JSON of the signed transaction. */
  tx: string;
  /** `pending` until the ledger took it, then `submitted`. */
  status: string;
  created: number | string;
}

/** What administrators did. */
export interface AuditTable {
  seq: Generated<number>;
  time: number | string;
  /** Login of the acting admin, or `operator` for the node's own admin token or the CLI. */
  actor: string;
  action: string;
  /** Canonical JSON details (never secrets). */
  detail: string;
}

/** The registrar's schema. */
export interface RegistrarDatabase {
  registrar_voters: VotersTable;
  registrar_admins: AdminsTable;
  registrar_login_failures: LoginFailuresTable;
  registrar_sessions: SessionsTable;
  registrar_elections: ElectionsTable;
  registrar_roll_members: RollMembersTable;
  registrar_registrations: RegistrationsTable;
  registrar_publications: PublicationsTable;
  registrar_audit: AuditTable;
}
