/**
 * `pnyx demo --open` through the command line: it hands over once voting is open (one JSON line), the
 * pages it names are served, a printed voter can log in, the simulated voters' ballots are on the
 * ledger, the manual validator signs nothing by itself while the other two keep the ledger final, and
 * SIGINT stops every node. Needs the compiled program and the built web app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type OpenCluster, startOpenDemo } from './support/cluster.js';

describe('pnyx demo --open', () => {
  let c: OpenCluster;

  beforeAll(async () => {
    c = await startOpenDemo(['--voters', '2', '--guests', '3', '--manual-validator']);
  }, 240_000);

  afterAll(async () => {
    await c?.stop();
  }, 30_000);

  it('prints where the pages are, voter logins, the admin and the token file', () => {
    const i = c.info;
    expect(i.ok).toBe(true);
    expect(i.election).toMatch(/^demo-/);
    const registrar = i.nodes.find((n) => n.name === 'registrar')!.url;
    expect(i.pages.booth).toBe(`${registrar}/booth`);
    expect(i.pages.admin).toBe(`${registrar}/admin`);
    expect(i.manual_validator?.name).toBe('validator-1');
    expect(i.pages.validator).toBe(`${i.manual_validator!.url}/validator`);
    expect(i.voters.map((v) => v.login)).toEqual(['voter0003', 'voter0004', 'voter0005']);
    expect(existsSync(i.admin_token_file)).toBe(true);
    expect(readFileSync(i.admin_token_file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(i.simulated.voters).toBe(2);
    expect(i.simulated.receipts).toBeGreaterThanOrEqual(2);
    const chosen = Object.values(i.simulated.intended.chair ?? {}).reduce((a, b) => a + b, 0);
    expect(chosen).toBe(2);
    expect(c.stderr()).toContain('✓ key ceremony, opening');
  });

  it('serves every page it names, and voting is open with the simulated ballots on the ledger', async () => {
    for (const url of Object.values(c.info.pages)) {
      const r = await fetch(url);
      expect(r.status, url).toBe(200);
      expect(await r.text()).toContain('<div id="app">');
    }
    const s = (await (await fetch(`${new URL(c.info.pages.explorer).origin}/election/status`)).json()) as {
      phase: string;
      final: { ballots: number; eligible: number };
    };
    expect(s.phase).toBe('open');
    expect(s.final.eligible).toBe(2);
    expect(s.final.ballots).toBe(c.info.simulated.receipts);
  });

  it('a printed voter logs in at the registrar; a wrong password is refused', async () => {
    const reg = new URL(c.info.pages.booth).origin;
    const v = c.info.voters[0]!;
    const login = (password: string) =>
      fetch(`${reg}/registrar/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: v.login, password }),
      });
    const ok = await login(v.password);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe('ok');
    const bad = await login(`${v.password}x`);
    expect(bad.status).toBeGreaterThanOrEqual(400);
  });

  it('the manual validator signs no block by itself; the other two keep blocks final', async () => {
    const i = c.info;
    const miner = new URL(i.pages.explorer).origin;
    const key = async (url: string) =>
      ((await (await fetch(`${url}/api/chain`)).json()) as { node: { validator?: string } }).node.validator;
    const manualKey = await key(i.manual_validator!.url);
    expect(manualKey).toMatch(/^[0-9a-f]{64}$/);
    const chain = (await (await fetch(`${miner}/api/chain`)).json()) as {
      final: { id: string; height: number };
    };
    expect(chain.final.height).toBeGreaterThanOrEqual(1);
    const block = (await (await fetch(`${miner}/api/blocks/${chain.final.id}`)).json()) as {
      approvals: { validator: string; verdict: string }[];
    };
    const signers = block.approvals.map((a) => a.validator);
    expect(signers.length).toBeGreaterThanOrEqual(2);
    expect(signers).not.toContain(manualKey);
  });

  it('--voters 0 is refused without --open', () => {
    const r = spawnSync(process.execPath, [BIN, 'demo', '--voters', '0', '--data-dir', '/nonexistent'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--voters');
  });

  it('SIGINT stops the demo and every node', async () => {
    const urls = c.info.nodes.map((n) => n.url);
    const code = await c.stop();
    expect(code).toBe(130);
    for (const u of urls) await expect(fetch(`${u}/health`)).rejects.toThrow();
  }, 30_000);
});
