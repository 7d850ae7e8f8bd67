/** Starts Debian's microsocks (a real SOCKS5 server) on a free loopback port for the proxy tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer as createTcpServer } from 'node:net';

/** Path of the microsocks binary, or undefined when it is not installed. */
export const MICROSOCKS = ['/usr/bin/microsocks', '/usr/local/bin/microsocks'].find((p) => existsSync(p));

/** Prints a loud warning when microsocks is missing (tests using it are then skipped). */
export function warnIfMissing(): void {
  if (MICROSOCKS === undefined)
    console.warn(
      '\n!!! microsocks is not installed: the SOCKS5h proxy tests are SKIPPED (apt-get install microsocks)\n',
    );
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createTcpServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, deadlineMs = 5_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A running microsocks and its proxy URL. */
export interface Socks {
  readonly proc: ChildProcess;
  readonly url: string;
  /** Kills it and waits for the exit. */
  kill(): Promise<void>;
}

/** Starts microsocks on 127.0.0.1 with outgoing connections bound to 127.0.0.2. */
export async function startMicrosocks(): Promise<Socks> {
  if (MICROSOCKS === undefined) throw new Error('microsocks is not installed');
  const port = await freePort();
  const proc = spawn(MICROSOCKS, ['-i', '127.0.0.1', '-p', String(port), '-b', '127.0.0.2'], {
    stdio: 'ignore',
  });
  await waitForPort(port);
  const kill = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  return { proc, url: `socks5h://127.0.0.1:${port}`, kill };
}
