/** The network layer: route tables, the node HTTP server, the typed client and the SOCKS5h transport. */
export { type Authorizer, bearerAuthorizer } from './auth.js';
export { type CallArgs, type CallOptions, type Client, type ClientOptions, createClient } from './client.js';
export { type RemoteCode, RemoteError, type TransportCode, TransportError } from './client-errors.js';
export {
  type AnyErrorCode,
  type DomainFailure,
  ErrorBody,
  errorBody,
  HttpError,
  NET_ERROR_CODES,
  type NetErrorCode,
  netFail,
  statusForCode,
} from './errors.js';
export type { Handler, HandlerInput, HandlerOutput, Handlers } from './handlers.js';
export { BASE_ROUTES, HealthResponse, healthRoute } from './health.js';
export { randomDelayMs, type SendDelay, sleep } from './jitter.js';
export { RawJson, rawJson } from './json-body.js';
export { DEFAULT_LIMITS, type NetLimits } from './limits.js';
export { DEFAULT_BUCKETS, type PaddingOptions, paddedSize, padJson } from './padding.js';
export { type ProxyAddress, parseProxyUrl } from './proxy.js';
export {
  type AnyRoute,
  type BodyOf,
  CALLERS,
  type Caller,
  NO_BODY,
  type ParamsOf,
  type Produces,
  type QueryOf,
  type ResponseOf,
  type RouteSpec,
  type RouteTable,
  route,
} from './routes.js';
export { JsonInt, type TJsonInt } from './schema.js';
export { type Closable, createServer, type NetServer, type ServerOptions } from './server.js';
export { type SignalOptions, type Stoppable, stopOnSignals } from './shutdown.js';
export { RawStream, rawStream } from './stream.js';
export { createHttpTransport, type Transport, type TransportOptions } from './transport.js';
