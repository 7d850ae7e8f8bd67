/**
 * Schema helpers for wire objects with exact integers.
 *
 * Bodies are parsed by `parseJson`, which yields a `number` for integers within ±(2^53−1) and a `bigint`
 * beyond. A JSON Schema `integer` (and TypeBox `Type.Integer`) accepts only the `number` form, so a
 * field that may hold a big integer is declared with {@link JsonInt}: a union of `Type.Integer` and
 * `Type.BigInt` whose static type is `number | bigint` (read it with `asBigInt`). Schemas are checked by
 * TypeBox's compiler, which understands `bigint`; ajv is not used.
 */
import { type TBigInt, type TInteger, type TSchema, type TUnion, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';

/** Bounds of a {@link JsonInt}, inclusive. */
export interface JsonIntBounds {
  readonly minimum?: bigint;
  readonly maximum?: bigint;
}

/** Schema of a JSON integer of any size: `number` when safe, `bigint` otherwise. */
export type TJsonInt = TUnion<[TInteger, TBigInt]>;

const toSafe = (b: bigint | undefined, lo: boolean): number | undefined => {
  if (b === undefined) return undefined;
  const limit = BigInt(lo ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER);
  return Number(lo ? (b > limit ? b : limit) : b < limit ? b : limit);
};

/** A JSON integer of any size within optional bounds (see the module comment). */
export function JsonInt(bounds: JsonIntBounds = {}): TJsonInt {
  const intOpts: { minimum?: number; maximum?: number } = {};
  const lo = toSafe(bounds.minimum, true);
  const hi = toSafe(bounds.maximum, false);
  if (lo !== undefined) intOpts.minimum = lo;
  if (hi !== undefined) intOpts.maximum = hi;
  const bigOpts: { minimum?: bigint; maximum?: bigint } = {};
  if (bounds.minimum !== undefined) bigOpts.minimum = bounds.minimum;
  if (bounds.maximum !== undefined) bigOpts.maximum = bounds.maximum;
  return Type.Union([Type.Integer(intOpts), Type.BigInt(bigOpts)]);
}

/** A compiled checker: `undefined` when the value fits, else a sentence naming the first problem. */
export type SchemaCheck = (value: unknown) => string | undefined;

/** Node compiles checkers to code; a browser page's policy forbids that (no `eval`): it interprets. */
const COMPILES = typeof process !== 'undefined' && process.versions?.node !== undefined;

/** Compiles a schema into a {@link SchemaCheck}. */
export function compileCheck(schema: TSchema): SchemaCheck {
  const compiled = COMPILES
    ? TypeCompiler.Compile(schema)
    : { Check: (v: unknown) => Value.Check(schema, v), Errors: (v: unknown) => Value.Errors(schema, v) };
  return (value) => {
    if (compiled.Check(value)) return undefined;
    const first = compiled.Errors(value).First();
    if (first === undefined) return 'the value does not match its schema';
    return `${first.path === '' ? 'the value' : first.path}: ${first.message.toLowerCase()}`;
  };
}

const INT_TEXT = /^-?(?:0|[1-9][0-9]*)$/;

function acceptsKind(schema: TSchema, types: readonly string[]): boolean {
  if (typeof schema.type === 'string' && types.includes(schema.type)) return true;
  const anyOf: unknown = schema.anyOf;
  return Array.isArray(anyOf) && anyOf.some((s: TSchema) => acceptsKind(s, types));
}

/**
 * Converts the string values of path parameters or a query string to the types their object schema
 * declares, exactly: decimal integers become `number` (safe) or `bigint`, `true`/`false` become booleans.
 * Anything else is left as it is for the schema check to reject.
 */
export function coerceStrings(schema: TSchema, data: unknown): unknown {
  const props: unknown = schema.properties;
  if (data === null || typeof data !== 'object' || props === null || typeof props !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [key, sub] of Object.entries(props as Record<string, TSchema>)) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    if (INT_TEXT.test(v) && v !== '-0' && acceptsKind(sub, ['integer', 'bigint'])) {
      const big = BigInt(v);
      const safe = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER);
      out[key] = safe && acceptsKind(sub, ['integer']) ? Number(big) : big;
    } else if ((v === 'true' || v === 'false') && acceptsKind(sub, ['boolean'])) {
      out[key] = v === 'true';
    }
  }
  return out;
}
