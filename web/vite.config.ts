import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const NODE_TRANSPORT = here('../src/net/transport.ts');
const FETCH_TRANSPORT = here('./src/platform/transport.ts');

/** Resolves every import of src/net/transport.ts (the node:http transport) to the fetch one. */
function browserTransport(): Plugin {
  return {
    name: 'pnyx-browser-transport',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('transport.js') || importer === FETCH_TRANSPORT) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && r.id === NODE_TRANSPORT ? FETCH_TRANSPORT : null;
    },
  };
}

/**
 * The web app: Preact pages over the nodes' HTTP API, built into dist/web, which every node serves.
 * The browser build uses the project's own protocol and client code; the one Node-only module on that
 * path, the node:http transport, is replaced by the fetch transport.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  plugins: [browserTransport()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es', plugins: () => [browserTransport()] },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
});
