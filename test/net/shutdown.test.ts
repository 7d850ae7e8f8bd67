/**
 * Graceful shutdown: in-flight requests finish, new ones are refused, resources close afterwards,
 * stragglers are cut after the timeout, and signals trigger it.
 */
import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createClient, createHttpTransport, stopOnSignals } from '../../src/net/index.js';
import { type Running, sampleRoutes, startSample } from './sample-routes.js';

describe('stop()', () => {
  it('finishes an in-flight request, refuses new ones, then closes resources', async () => {
    const events: string[] = [];
    let s: Running | undefined;
    // the resource closes only after the server has logged the in-flight request as answered
    const slowAnswered = (): boolean => s!.logs.some((l) => l.includes('"route":"/slow","status":200'));
    s = await startSample({
      resources: [{ name: 'db', close: () => void events.push(`db closed after answer: ${slowAnswered()}`) }],
    });
    const transport = createHttpTransport({ keepAlive: true });
    const c = createClient(sampleRoutes, s.url, { transport });
    const inFlight = c.slow({ query: { ms: 400 } }).then((r) => {
      events.push('response');
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = s.server.stop().then(() => events.push('stopped'));
    // a request arriving while draining is refused with the stable code
    const late = await s.server.app.inject({ method: 'GET', url: '/health' });
    expect(late.statusCode).toBe(503);
    expect(JSON.parse(late.body)).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });
    expect(await inFlight).toEqual({ waited: 400 });
    await stopped;
    expect(events).toContain('db closed after answer: true');
    expect(events.indexOf('db closed after answer: true')).toBeLessThan(events.indexOf('stopped'));
    // the port no longer answers
    await expect(c.slow({ query: { ms: 0 } })).rejects.toMatchObject({ code: 'UNREACHABLE' });
    transport.close();
  });

  it('cuts requests still running after the shutdown timeout', async () => {
    const s = await startSample({ limits: { shutdownTimeoutMs: 200 } });
    const c = createClient(sampleRoutes, s.url);
    const stuck = c.slow({ query: { ms: 10_000 } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await s.server.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(await stuck).toMatchObject({ code: 'UNREACHABLE' });
  });

  it('is idempotent', async () => {
    const s = await startSample();
    await Promise.all([s.server.stop(), s.server.stop()]);
    await s.server.stop();
  });
});

describe('stopOnSignals', () => {
  it('stops on the first signal and forces on the second', async () => {
    const source = new EventEmitter();
    let release: () => void = () => undefined;
    const target = {
      stop: () =>
        new Promise<void>((r) => {
          release = r;
        }),
    };
    const seen: string[] = [];
    const dispose = stopOnSignals(target, {
      logger: pino({ level: 'silent' }),
      source,
      onStopped: (e) => seen.push(`stopped:${e === undefined}`),
      onForce: () => seen.push('forced'),
    });
    source.emit('SIGTERM', 'SIGTERM');
    source.emit('SIGINT', 'SIGINT');
    expect(seen).toEqual(['forced']);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['forced', 'stopped:true']);
    expect(source.listenerCount('SIGTERM')).toBe(0);
    dispose();
  });
});
