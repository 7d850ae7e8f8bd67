/**
 * Streamed responses: a route declared with `produces: 'ndjson'` answers with JSON lines
 * (`application/x-ndjson`), written as they are produced instead of being built in memory first.
 * Its handler returns `ok(rawStream(lines))`; the typed client resolves with the whole text.
 */

/** Lines of a streamed response (each without its final `\n`; the server adds it). */
export class RawStream {
  constructor(readonly lines: AsyncIterable<string> | Iterable<string>) {}
}

/** Wraps lines so a handler of an `ndjson` route can return them. */
export function rawStream(lines: AsyncIterable<string> | Iterable<string>): RawStream {
  return new RawStream(lines);
}

/** The lines followed by `\n`, as an async generator (what the server pipes to the socket). */
export async function* withNewlines(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}
