/** The check page's worker: reads and checks the ledger off the page's thread ({@link runCheck}). */
import type { CheckMessage, CheckRequest } from './check-protocol.js';
import { runCheck } from './check-run.js';

const post = (m: CheckMessage): void => (self as unknown as Worker).postMessage(m);

self.addEventListener('message', (e: MessageEvent<CheckRequest>) => {
  void runCheck(e.data, post);
});
