// How v1 answers: `{data, success:true}` (lists add `count`), and refusals as HTTP 200 with
// `success:false` and a `validation` block, no data. Only 5xx keep their status.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiStyle } from '../common/httpServer.js';
import type { FieldError } from '../common/problem.js';
import { basicCredentials, bearerToken, type TokenIssuer } from '../common/tokens.js';

export function one(data: object) {
  return { data, success: true };
}

export function list(data: object[], count: number) {
  return { data, count, success: true };
}

export function failure(summary: string, fields: readonly FieldError[] = []) {
  return {
    success: false,
    validation: {
      errorLogReference: randomUUID(),
      summary,
      exception: null,
      exceptionDetails: null,
      fields: fields.map(({ field, message }) => ({ field, message })),
      batchItemErrors: [],
    },
  };
}

/** The rate limit counts per integration: the application key behind the token (or Basic auth). */
export function powerofficegov1Style(tokens: TokenIssuer): ApiStyle {
  const applicationKey = (request: FastifyRequest) => {
    const check = tokens.check(bearerToken(request.headers.authorization));
    return check.valid
      ? check.subject
      : (basicCredentials(request.headers.authorization)?.user ?? 'anonymous');
  };
  return {
    rateLimitKey: applicationKey,
    rateLimitedBody: () => failure('Rate limit is exceeded. Try again in 1 seconds.'),
    render: (problem) => ({
      status: problem.status >= 500 ? problem.status : 200,
      body: failure(problem.detail, problem.fields),
    }),
    noRoute: (request) => ({
      message: `No HTTP resource was found that matches the request URI '${request.url}'.`,
    }),
  };
}
