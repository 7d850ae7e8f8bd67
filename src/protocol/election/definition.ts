/**
 * The election definition carried by the genesis of an authority ledger: everything that is fixed
 * before the first voter registers. Its JSON form and rules are in docs/election.md; it is read by
 * `readElection`, written by `electionToJson`, and identified by `electionFingerprint`.
 */
import type { Manifest } from '../manifest.js';

/** Ballot encryption schemes an election may use. */
export const ELECTION_SCHEMES = [
  'elgamal-ristretto255',
  'elgamal-modp2048',
  'elgamal-modp3072',
  'paillier',
] as const;
/** A ballot encryption scheme. */
export type ElectionScheme = (typeof ELECTION_SCHEMES)[number];
/** The scheme used when none is given. */
export const DEFAULT_SCHEME: ElectionScheme = 'elgamal-ristretto255';

/** Eligibility modes: registered identity keys (seed 000), blind tokens (seed 001), SharedBallot (seed 004). */
export const ELIGIBILITY_MODES = ['identity-keys', 'blind-tokens', 'sharedballot'] as const;
/** An eligibility mode. */
export type EligibilityMode = (typeof ELIGIBILITY_MODES)[number];

/** Revote policies: `once` — only a voter's first ballot counts; `last` — the last one does. */
export const REVOTE_POLICIES = ['once', 'last'] as const;
/** A revote policy. */
export type RevotePolicy = (typeof REVOTE_POLICIES)[number];

/** A time window, in integer milliseconds since the epoch: `opens_at < closes_at`. */
export interface Window {
  readonly opens_at: number;
  readonly closes_at: number;
}

/** Voting window, and optionally the registration window (which must close no later than voting). */
export interface Schedule extends Window {
  readonly registration?: Window;
}

/** Eligibility configuration, one variant per mode. */
export type EligibilityConfig =
  | { readonly mode: 'identity-keys' }
  /** `token_key`: the registrar's RFC 9474 public key, lowercase hex of its SPKI DER. */
  | { readonly mode: 'blind-tokens'; readonly token_key: string }
  /** `block_size`: members per anonymous-key block (N of seed 004). */
  | { readonly mode: 'sharedballot'; readonly block_size: number };

/** One allow-listed ballot box. */
export interface BallotBox {
  /** Identifier, unique in the election. */
  readonly id: string;
  /** Ed25519 public key (hex) signing its receipts and ledger transactions. */
  readonly key: string;
  /** Where voters send ballots (http, https; onion hosts allowed). */
  readonly url: string;
}

/** One key-ceremony member. */
export interface Trustee {
  /** 1-based index, the x-coordinate of the member's share. */
  readonly index: number;
  readonly name: string;
  /** Ed25519 public key (hex) signing the member's ceremony and decryption messages. */
  readonly key: string;
}

/** The trustees: any `k` of the `n` members decrypt. Paillier elections have exactly one. */
export interface Trustees {
  readonly n: number;
  readonly k: number;
  readonly members: readonly Trustee[];
}

/** Commitment to the voter roll without personal data (see `roll.ts`). */
export interface RollCommitment {
  /** Number of voters on the roll. */
  readonly count: number;
  /** Roll hash (64 hex digits). */
  readonly hash: string;
}

/** A checked election definition. */
export interface ElectionDefinition {
  readonly id: string;
  readonly manifest: Manifest;
  readonly schedule: Schedule;
  readonly scheme: ElectionScheme;
  readonly eligibility: EligibilityConfig;
  readonly revote: RevotePolicy;
  /** Ballot-box allow-list (seed 000: not everybody may be a ballot box). */
  readonly boxes: readonly BallotBox[];
  /** Ed25519 public keys (hex) of the validators. */
  readonly validators: readonly string[];
  /** Approvals that make a block final: more than half of the validators. */
  readonly quorum: number;
  /** Proof-of-work hardness (leading zero bits of block ids). */
  readonly hardness: number;
  readonly trustees: Trustees;
  /** Ed25519 public key (hex) of the registrar. */
  readonly registrar: string;
  readonly roll: RollCommitment;
}

/** Size limits of a definition. */
export const ELECTION_LIMITS = {
  boxes: 64,
  validators: 64,
  trustees: 64,
  urlLength: 2048,
  nameLength: 200,
  maxHardness: 128,
  maxRoll: 1_000_000_000,
} as const;
