/** `pnyx tor-config`: the torrc lines and the argument checks. */
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addTorConfigCommand } from '../../src/cli/tor-config.js';

/** Runs `pnyx tor-config ARGS` and returns what it printed, or the error commander reported. */
async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const output = {
    writeOut: (s: string) => {
      out += s;
    },
    writeErr: (s: string) => {
      err += s;
    },
  };
  const program = new Command('pnyx').exitOverride().configureOutput(output);
  addTorConfigCommand(program);
  for (const c of program.commands) c.exitOverride().configureOutput(output);
  try {
    await program.parseAsync(['node', 'pnyx', 'tor-config', ...args]);
    return { out, err, exitCode: 0 };
  } catch (e) {
    return { out, err, exitCode: (e as { exitCode?: number }).exitCode ?? -1 };
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('pnyx tor-config', () => {
  it('prints SocksPort, HiddenServiceDir and HiddenServicePort lines', async () => {
    const r = await run('--port', '8080', '--dir', '/var/lib/tor/pnyx-a');
    expect(r.exitCode).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    const settings = lines.filter((l) => !l.startsWith('#'));
    expect(settings).toEqual([
      'SocksPort 127.0.0.1:9050',
      'HiddenServiceDir /var/lib/tor/pnyx-a',
      'HiddenServicePort 80 127.0.0.1:8080',
    ]);
    expect(r.out).toContain('--proxy socks5h://127.0.0.1:9050');
  });

  it('takes another SOCKS port and makes a relative directory absolute', async () => {
    const r = await run('--port', '1', '--dir', 'tor/hs', '--socks-port', '9150');
    expect(r.out).toContain('SocksPort 127.0.0.1:9150\n');
    expect(r.out).toContain(`HiddenServiceDir ${process.cwd()}/tor/hs\n`);
    expect(r.out).toContain('HiddenServicePort 80 127.0.0.1:1\n');
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing port', ['--dir', '/x'], /required option '--port/],
    ['a missing directory', ['--port', '80'], /required option '--dir/],
    ['port 0', ['--port', '0', '--dir', '/x'], /not a port/],
    ['port 65536', ['--port', '65536', '--dir', '/x'], /not a port/],
    ['a word for a port', ['--port', 'http', '--dir', '/x'], /not a port/],
    ['a negative socks port', ['--port', '80', '--dir', '/x', '--socks-port', '-1'], /not a port/],
    [
      'a directory with a newline',
      ['--port', '80', '--dir', '/x\nSocksPort 0.0.0.0:9050'],
      /cannot go in torrc/,
    ],
    ['a directory with a space', ['--port', '80', '--dir', '/my dir'], /cannot go in torrc/],
    ['a directory with #', ['--port', '80', '--dir', '/x#y'], /cannot go in torrc/],
    ['an empty directory', ['--port', '80', '--dir', ''], /directory is empty/],
  ];
  for (const [name, args, message] of bad) {
    it(`refuses ${name} with a clear error and prints no torrc lines`, async () => {
      const r = await run(...args);
      expect(r.exitCode).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(r.out).not.toContain('HiddenService');
    });
  }
});
