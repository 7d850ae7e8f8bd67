/**
 * Where a worker-thread script is. Worker threads load JavaScript: run from `dist/` the script is the
 * sibling `.js` file; run from the TypeScript sources (tests) it is the same path under `dist/`, which
 * `npm run build` produces.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The compiled script `name` (e.g. `writer-thread.js`) beside the module at `moduleUrl`. Throws if missing. */
export function compiledUrl(moduleUrl: string, name: string): URL {
  const here = new URL(`./${name}`, moduleUrl);
  if (existsSync(fileURLToPath(here))) return here;
  const path = fileURLToPath(here).replace(/\/src\/((?:[^/]+\/)*)([^/]+)$/, '/dist/$1$2');
  if (!existsSync(path))
    throw new Error(`the worker script ${path} is missing; build the project first (npm run build)`);
  return pathToFileURL(path);
}
