/** Builds request URLs from a route's path pattern, its parameter values and its query values. */

/** Formats one parameter or query value (integers of any size, booleans, strings). */
function text(name: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean' || (typeof v === 'number' && Number.isSafeInteger(v)))
    return String(v);
  throw new TypeError(`${name}: a URL value must be a string, an integer or a boolean`);
}

/**
 * `base` + `path` with each `:name` replaced by the percent-encoded value of `params[name]`, and `query`
 * appended (keys whose value is `undefined` are left out).
 */
export function buildUrl(
  base: URL,
  path: string,
  params: Readonly<Record<string, unknown>>,
  query: Readonly<Record<string, unknown>>,
): URL {
  const filled = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    if (params[name] === undefined) throw new TypeError(`path parameter ${name} is missing`);
    return encodeURIComponent(text(name, params[name]));
  });
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/+$/, '') + filled;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.append(k, text(k, v));
  url.search = search.toString();
  url.hash = '';
  return url;
}
