/** The health endpoint every node serves: `GET /health`. */
import { type Static, Type } from '@sinclair/typebox';
import { route } from './routes.js';

/** Body of a health answer. */
export const HealthResponse = Type.Object(
  {
    status: Type.Literal('ok'),
    uptime_ms: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** A health answer. */
export type HealthResponse = Static<typeof HealthResponse>;

/** `GET /health`: 200 `{"status":"ok","uptime_ms":…}` while the node takes requests; exempt from rate limits. */
export const healthRoute = route({
  method: 'GET',
  path: '/health',
  summary: 'says whether the node is up',
  caller: 'public',
  response: HealthResponse,
  rateLimit: 'none',
});

/** Routes every server has, to merge into a client's table: `createClient({ ...BASE_ROUTES, ...mine }, url)`. */
export const BASE_ROUTES = { health: healthRoute } as const;
