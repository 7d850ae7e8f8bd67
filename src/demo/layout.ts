/**
 * The demo's network: which node processes run, with which roles, names and ports. A registrar, three
 * ballot boxes, three validators (quorum 2), a miner and three trustees (threshold 2), each its own
 * `pnyx node` process on loopback with its SQLite file and key file in the demo's data folder.
 */
import { createServer, type Server } from 'node:net';

/** One node process of the demo. */
export interface DemoNode {
  readonly name: string;
  readonly roles: readonly string[];
  readonly port: number;
  readonly url: string;
}

/** The nodes of the demo by kind. */
export interface DemoLayout {
  readonly registrar: DemoNode;
  readonly boxes: readonly DemoNode[];
  readonly validators: readonly DemoNode[];
  readonly miner: DemoNode;
  readonly trustees: readonly DemoNode[];
  readonly all: readonly DemoNode[];
}

/** `n` distinct free TCP ports on loopback: all held open together, then released. */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = createServer();
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve());
    });
    const a = s.address();
    ports.push(typeof a === 'object' && a !== null ? a.port : 0);
    servers.push(s);
  }
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Picks the ports and names of every node. */
export async function demoLayout(): Promise<DemoLayout> {
  const ports = await freePorts(11);
  const make = async (name: string, roles: string[]): Promise<DemoNode> => {
    const port = ports.shift() ?? 0;
    return { name, roles, port, url: `http://127.0.0.1:${port}` };
  };
  const registrar = await make('registrar', ['registrar']);
  const boxes = [
    await make('box-1', ['ballot-box']),
    await make('box-2', ['ballot-box']),
    await make('box-3', ['ballot-box']),
  ];
  const validators = [
    await make('validator-1', ['validator']),
    await make('validator-2', ['validator']),
    await make('validator-3', ['validator']),
  ];
  const miner = await make('miner', ['miner']);
  const trustees = [
    await make('trustee-1', ['trustee']),
    await make('trustee-2', ['trustee']),
    await make('trustee-3', ['trustee']),
  ];
  return {
    registrar,
    boxes,
    validators,
    miner,
    trustees,
    all: [registrar, ...boxes, ...validators, miner, ...trustees],
  };
}
