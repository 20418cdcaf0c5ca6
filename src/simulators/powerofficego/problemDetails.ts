// How v2 says no: RFC 7807 ProblemDetails (`type, title, status, detail, instance`), plus
// `errors` by property for validation failures, as ASP.NET Core does. 429s come from the API
// gateway in front of it, with the gateway's own body.
import type { FastifyRequest } from 'fastify';
import type { ApiStyle } from '../common/httpServer.js';

const statusSections: Record<number, string> = {
  400: '15.5.1',
  401: '15.5.2',
  404: '15.5.5',
  409: '15.5.10',
  413: '15.5.14',
  415: '15.5.16',
  500: '15.6.1',
  503: '15.6.4',
};

export function problemDetails(
  status: number,
  title: string,
  detail: string,
  instance: string,
  errors?: object,
) {
  return {
    type: `https://tools.ietf.org/html/rfc9110#section-${statusSections[status] ?? '15.5.1'}`,
    title,
    status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  };
}

export const powerofficegoStyle: ApiStyle = {
  rateLimitKey: (request) => String(request.headers['ocp-apim-subscription-key'] ?? 'anonymous'),
  rateLimitedBody: () => ({ statusCode: '429', message: 'Rate limit is exceeded. Try again in 1 seconds.' }),
  noRoute: (request) =>
    problemDetails(404, 'Not Found', `No route for ${request.method} ${path(request)}.`, path(request)),
  render(problem, request) {
    const errors =
      problem.fields.length > 0
        ? Object.fromEntries(
            [...new Set(problem.fields.map((field) => field.field))].map((field) => [
              field,
              problem.fields.filter((error) => error.field === field).map((error) => error.message),
            ]),
          )
        : undefined;
    return {
      status: problem.status,
      body: problemDetails(problem.status, problem.title, problem.detail, path(request), errors),
    };
  },
};

function path(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}
