// v2 auth: client credentials at /OAuth/Token (Basic applicationKey:clientKey plus the
// subscription key), then every /v2 call needs the bearer token and the subscription key. The
// subscription key is checked first, by the API gateway, with the gateway's own 401 body.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { basicCredentials, bearerToken, type TokenIssuer } from '../common/tokens.js';
import { problemDetails } from './problemDetails.js';

export interface PowerofficegoKeys {
  applicationKey: string;
  clientKey: string;
  subscriptionKey: string;
}

export const tokenPath = '/OAuth/Token';

export function registerTokenRoute(app: FastifyInstance, keys: PowerofficegoKeys, tokens: TokenIssuer): void {
  app.post(tokenPath, async (request, reply) => {
    if (!hasSubscriptionKey(request, reply, keys)) return reply;
    const credentials = basicCredentials(request.headers.authorization);
    if (credentials?.user !== keys.applicationKey || credentials.password !== keys.clientKey) {
      return reply.code(400).send({
        error: 'invalid_client',
        error_description: 'The application key or client key is not valid.',
      });
    }
    const grantType = (request.body as Record<string, unknown> | undefined)?.grant_type;
    if (grantType !== 'client_credentials') {
      return reply
        .code(400)
        .send({ error: 'unsupported_grant_type', error_description: 'Use grant_type=client_credentials.' });
    }
    const { token, expiresIn } = tokens.issue(keys.applicationKey);
    return { access_token: token, token_type: 'bearer', expires_in: expiresIn };
  });
}

/** An onRequest hook for the /v2 routes. */
export function requireAccess(keys: PowerofficegoKeys, tokens: TokenIssuer) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!hasSubscriptionKey(request, reply, keys)) return reply;
    const check = tokens.check(bearerToken(request.headers.authorization));
    if (check.valid) return;
    const detail = {
      missing: 'The access token is missing.',
      invalid: 'The access token is invalid.',
      expired: 'The access token has expired.',
    }[check.reason];
    return reply
      .code(401)
      .header('WWW-Authenticate', `Bearer error="invalid_token", error_description="${detail}"`)
      .send(problemDetails(401, 'Unauthorized', detail, request.url.split('?')[0]!));
  };
}

function hasSubscriptionKey(request: FastifyRequest, reply: FastifyReply, keys: PowerofficegoKeys): boolean {
  const given = request.headers['ocp-apim-subscription-key'];
  if (given === keys.subscriptionKey) return true;
  const message = given
    ? 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.'
    : 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
  void reply.code(401).send({ statusCode: 401, message });
  return false;
}
