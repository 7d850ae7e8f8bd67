/** What the home node is: its name and roles, read once from `GET /api/chain`. */
import { useEffect, useState } from 'preact/hooks';
import { ledgerClient } from './clients.js';
import { type Shown, shown } from './errors.js';

/** The home node as the shell needs it. */
export interface NodeInfo {
  readonly name: string;
  readonly roles: readonly string[];
  /** The validator key, on validator nodes. */
  readonly validator?: string;
}

let cached: Promise<NodeInfo> | undefined;

/** Reads the home node's name and roles (once per page load). */
export function nodeInfo(): Promise<NodeInfo> {
  cached ??= ledgerClient()
    .chain()
    .then((c) => c.node);
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

/** The home node's info, or the failure, or undefined while loading. */
export function useNodeInfo(): { info?: NodeInfo; error?: Shown } {
  const [state, setState] = useState<{ info?: NodeInfo; error?: Shown }>({});
  useEffect(() => {
    nodeInfo().then(
      (info) => setState({ info }),
      (e: unknown) => setState({ error: shown(e) }),
    );
  }, []);
  return state;
}
