/** How the booth worker words a failure for the page. */

/** A client error's sentence without the prefixes the layers add (its code, the box, the HTTP status). */
export function plainMessage(code: string, message: string, where?: string): string {
  let m = message;
  if (m.startsWith(`${code}: `)) m = m.slice(code.length + 2);
  if (where !== undefined && m.startsWith(`${where}: `)) m = m.slice(where.length + 2);
  return m.replace(new RegExp(`^\\d{3} ${code}: `), '');
}
