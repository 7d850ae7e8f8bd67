/** The typed client of a ballot box (`/box/…`), from the box's own route table. */
import { type Client, createClient } from '../net/client.js';
import { BALLOT_BOX_ROUTES, type BallotBoxRoutes } from '../node/roles/ballot-box/routes.js';

/** A ballot box to send to. */
export interface BoxTarget {
  readonly id: string;
  readonly url: string;
}

/** The client of the box at `url`; 30 s per call unless told. */
export function boxClient(
  url: string,
  o: { readonly timeoutMs?: number; readonly proxy?: string } = {},
): Client<BallotBoxRoutes> {
  return createClient(BALLOT_BOX_ROUTES, url, {
    timeoutMs: o.timeoutMs ?? 30_000,
    ...(o.proxy === undefined ? {} : { proxy: o.proxy }),
  });
}
