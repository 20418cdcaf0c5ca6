// The HTTP server both simulators run on: body parsers for the content types .NET accepts,
// then for every API request (not `/_admin`): counters, the rate limit, injected faults; and
// one error handler that answers every refusal in the API's own error shape, never a crash.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { RunningSimulator } from '../simulator.js';
import type { Clock } from './clock.js';
import { spoil, type FaultInjector } from './faults.js';
import { SimulatorProblem } from './problem.js';
import type { RateLimiter } from './rateLimiter.js';
import type { StatsCounter } from './stats.js';

export const adminPrefix = '/_admin';

export interface ApiStyle {
  /** Who a request counts against for the rate limit. */
  rateLimitKey(request: FastifyRequest): string;
  /** The 429 body the API sends. */
  rateLimitedBody(): object;
  /** A refusal as the API words it: status and body. */
  render(problem: SimulatorProblem, request: FastifyRequest): { status: number; body: object };
  /** The 404 body for a path the API does not have. */
  noRoute(request: FastifyRequest): object;
}

export interface ServerParts {
  style: ApiStyle;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  stats: StatsCounter;
  /** The API's clock: its `Date` header. */
  clock: Clock;
}

export function createServer({ style, rateLimiter, faults, stats, clock }: ServerParts): FastifyInstance {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 50 * 1024 * 1024,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  addBodyParsers(app);

  app.addHook('onRequest', async (request, reply) => {
    if (isAdmin(request)) return;
    stats.countRequest(request.method, request.routeOptions.url ?? '(no route)');
    if (!rateLimiter.take(style.rateLimitKey(request))) {
      stats.countRateLimited();
      return reply.code(429).header('Retry-After', '1').send(style.rateLimitedBody());
    }
    const fault = faults.pick();
    if (fault) stats.countFault(fault);
    if (fault === 'error') {
      throw new SimulatorProblem(503, 'Service Unavailable', 'The service is temporarily unavailable.');
    }
    if (fault === 'timeout') {
      // Hold the request without an answer until the client gives up.
      reply.hijack();
      await new Promise((resolve) => request.raw.socket.once('close', resolve));
    }
  });

  // Latency holds the answer, not the work: a write is done, and its answer late (or, if the
  // client gives up or dies meanwhile, never heard), as with a slow network.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('date', new Date(clock.now()).toUTCString());
    if (isAdmin(request)) return payload;
    const { latencyMs, malformedIds } = faults.settings;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return malformedIds.length > 0 && typeof payload === 'string' ? spoil(payload, malformedIds) : payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = asProblem(error);
    if (isAdmin(request)) {
      return reply
        .code(problem.status)
        .send({ error: problem.title, detail: problem.detail, fields: problem.fields });
    }
    const { status, body } = style.render(problem, request);
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        isAdmin(request)
          ? { error: `No admin route ${request.method} ${request.url}.` }
          : style.noRoute(request),
      ),
  );
  return app;
}

export async function listen(
  app: FastifyInstance,
  options: { host?: string; port?: number },
  apiPath: string,
  onClose: () => void,
): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    apiBaseUrl: `${url}${apiPath}`,
    close: async () => {
      await app.close();
      onClose();
    },
  };
}

function isAdmin(request: FastifyRequest): boolean {
  return request.url.startsWith(adminPrefix);
}

// Fastify's own errors (bad JSON, wrong media type, body too large) become the API's refusals.
function asProblem(error: unknown): SimulatorProblem {
  if (error instanceof SimulatorProblem) return error;
  const { statusCode, code, message } = error as { statusCode?: number; code?: string; message?: string };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new SimulatorProblem(415, 'Unsupported Media Type', message ?? 'Unsupported media type.');
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new SimulatorProblem(413, 'Payload Too Large', 'The body is too large.');
  }
  // Malformed or empty JSON bodies, in fastify's words ("Body is not valid JSON but ...").
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new SimulatorProblem(400, 'Bad Request', message ?? 'The request is not valid.');
  }
  console.error('simulator: unexpected error', error);
  return new SimulatorProblem(500, 'Internal Server Error', 'An unexpected error occurred.');
}

function addBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('text/json', { parseAs: 'string' }, parseJson);
  app.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'string' }, parseJson);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
