/**
 * Fault injection for tests and the demo: a box that drops ballots (accepts them, gives receipts, never
 * forwards them) or alters them before forwarding. Off by default. The only way to switch a fault on is a
 * {@link BoxFaults} value made by {@link cheatingBoxFaults}, whose argument must spell out that the box
 * cheats; no configuration file, flag or environment variable reaches it. A box with faults logs an
 * error at start and lists them in its status.
 */

/** The faults a box can be told to commit. */
export interface FaultSpec {
  /** Accept and acknowledge ballots but never forward them to the ledger. */
  readonly drop?: boolean;
  /** Forward an altered version of every cast (its voter signature then fails downstream). */
  readonly alter?: boolean;
}

const BRAND: unique symbol = Symbol('pnyx.ballot-box.faults');

/** Faults switched on explicitly; only {@link cheatingBoxFaults} makes one. */
export interface BoxFaults extends FaultSpec {
  readonly [BRAND]: true;
}

/** The sentence a caller must pass to {@link cheatingBoxFaults}. */
export const CHEATING_ACKNOWLEDGEMENT = 'this ballot box cheats on purpose';

/** Switches faults on. Throws unless `acknowledgement` is {@link CHEATING_ACKNOWLEDGEMENT}. */
export function cheatingBoxFaults(spec: FaultSpec, acknowledgement: string): BoxFaults {
  if (acknowledgement !== CHEATING_ACKNOWLEDGEMENT)
    throw new Error(`fault injection needs the acknowledgement "${CHEATING_ACKNOWLEDGEMENT}"`);
  return Object.freeze({ ...spec, [BRAND]: true as const });
}

/** The names of the faults that are on (an unbranded value counts as none). */
export function activeFaults(f: BoxFaults | undefined): string[] {
  if (f === undefined || f[BRAND] !== true) return [];
  return [...(f.drop ? ['drop'] : []), ...(f.alter ? ['alter'] : [])];
}
