// v1 auth: /OAuth/Token with Basic applicationKey:clientKey; client credentials give an access
// token and a refresh token; a refresh token is single use and each refresh issues a new one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { basicCredentials, bearerToken, type TokenIssuer } from '../common/tokens.js';

export interface Powerofficegov1Keys {
  applicationKey: string;
  clientKey: string;
}

export const tokenPath = '/OAuth/Token';

export function registerTokenRoute(
  app: FastifyInstance,
  keys: Powerofficegov1Keys,
  tokens: TokenIssuer,
): void {
  // Kept in memory: after a restart a client falls back to client credentials, as it must anyway.
  const refreshTokens = new Set<string>();
  const grant = () => {
    const { token, expiresIn } = tokens.issue(keys.applicationKey);
    const refreshToken = randomBytes(24).toString('base64url');
    refreshTokens.add(refreshToken);
    return { access_token: token, token_type: 'bearer', expires_in: expiresIn, refresh_token: refreshToken };
  };

  app.post(tokenPath, async (request, reply) => {
    const credentials = basicCredentials(request.headers.authorization);
    if (credentials?.user !== keys.applicationKey || credentials.password !== keys.clientKey) {
      return reply.code(400).send({
        error: 'invalid_client',
        error_description: 'The application key or client key is not valid.',
      });
    }
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (body.grant_type === 'client_credentials') return grant();
    if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token || !refreshTokens.delete(body.refresh_token)) {
        return reply.code(400).send({
          error: 'invalid_grant',
          error_description: 'The refresh token is not valid or was used already.',
        });
      }
      return grant();
    }
    return reply.code(400).send({
      error: 'unsupported_grant_type',
      error_description: 'Use client_credentials or refresh_token.',
    });
  });
}

/** An onRequest hook for the API routes. */
export function requireAccess(tokens: TokenIssuer) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (tokens.check(bearerToken(request.headers.authorization)).valid) return;
    return reply
      .code(401)
      .header('WWW-Authenticate', 'Bearer')
      .send({ message: 'Authorization has been denied for this request.' });
  };
}
