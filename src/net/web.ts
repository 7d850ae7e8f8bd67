/**
 * The web app on a node's HTTP server: the built pages (`dist/web`) with their assets, the page paths
 * answered with the app's `index.html` (client-side routing), a content security policy on pages, and
 * CORS on every API route so a page served by one node can call the others (a booth posts to every
 * ballot box). Nothing here is authenticated by cookies: admin routes take a bearer token the page sends
 * explicitly, so cross-origin access grants nothing a script could not do from anywhere.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths of the app's pages; each (and anything under it) is answered with `index.html`. */
export const WEB_PAGES = ['/booth', '/check', '/explorer', '/results', '/validator', '/admin'] as const;

/** The policy of the app's pages: own scripts only; API calls may go to any node (ballot boxes). */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  'connect-src *',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The web app's build folder inside this package (`dist/web`), or undefined when it was not built. */
export function defaultWebRoot(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** Allows cross-origin calls of the API from the app's pages (any origin, no credentials). */
export function installCors(app: FastifyInstance): void {
  void app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'accept'],
    credentials: false,
    maxAge: 600,
  });
}

/** Serves the app built in `root`: `/assets/…` (immutable, hashed names), `/` and the page paths. */
export function installWebApp(app: FastifyInstance, root: string): void {
  void app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (reply) => {
      reply.header('x-content-type-options', 'nosniff');
    },
  });
  const page = async (_req: unknown, reply: import('fastify').FastifyReply) => {
    reply.header('content-security-policy', WEB_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root);
  };
  app.get('/', page);
  for (const p of WEB_PAGES) {
    app.get(p, page);
    app.get(`${p}/*`, page);
  }
}
