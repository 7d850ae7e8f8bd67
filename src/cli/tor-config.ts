/**
 * `pnyx tor-config --port PORT --dir DIR [--socks-port N]`: prints the torrc lines that put a Tor onion
 * service in front of a node listening on 127.0.0.1:PORT and open a SOCKS port for its outgoing traffic.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';

/** What the torrc lines are made from. */
export interface TorConfig {
  /** The node's HTTP port on 127.0.0.1. */
  readonly port: number;
  /** The onion service directory (absolute). */
  readonly dir: string;
  /** Tor's SOCKS port on 127.0.0.1, used with `--proxy socks5h://127.0.0.1:N`. */
  readonly socksPort: number;
}

/** Parses a TCP port in 1…65535; throws commander's InvalidArgumentError with a sentence. */
export function parsePort(text: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    throw new InvalidArgumentError(`"${text}" is not a port: give a whole number from 1 to 65535.`);
  return Number(text);
}

/**
 * Checks the directory and makes it absolute (Tor resolves relative paths against its own working
 * directory). Whitespace, quotes, backslashes, `#` and control characters are refused: torrc would read
 * them as separators, comments or further lines.
 */
export function parseDir(text: string): string {
  if (text === '') throw new InvalidArgumentError('the directory is empty: give the path Tor should use.');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\s"\\#\u0000-\u001f\u007f]/.test(text))
    throw new InvalidArgumentError(
      `"${JSON.stringify(text).slice(1, -1)}" cannot go in torrc: use a path without spaces, quotes, backslashes, # or control characters.`,
    );
  return resolve(text);
}

/** The torrc lines, comments included. */
export function torrcLines(c: TorConfig): string[] {
  return [
    `## pnyx node on 127.0.0.1:${c.port}`,
    `## outgoing: start the node with --proxy socks5h://127.0.0.1:${c.socksPort}`,
    `SocksPort 127.0.0.1:${c.socksPort}`,
    '## incoming: Tor writes the onion address to the file "hostname" in this directory;',
    '## the directory must belong to the user Tor runs as, with mode 0700',
    `HiddenServiceDir ${c.dir}`,
    `HiddenServicePort 80 127.0.0.1:${c.port}`,
  ];
}

/** Adds the `tor-config` command. */
export function addTorConfigCommand(program: Command): void {
  program
    .command('tor-config')
    .description(
      'print the torrc lines for an onion service in front of a node, and a SOCKS port for its peers',
    )
    .requiredOption('--port <port>', 'the port the node listens on (127.0.0.1)', parsePort)
    .requiredOption('--dir <dir>', 'directory of the onion service keys (HiddenServiceDir)', parseDir)
    .option('--socks-port <port>', "Tor's SOCKS port for outgoing traffic", parsePort, 9050)
    .action((opts: { port: number; dir: string; socksPort: number }) => {
      process.stdout.write(`${torrcLines(opts).join('\n')}\n`);
    });
}
