// The OAuth2 token call both APIs share: Basic base64(applicationKey:clientKey), a form body, a JSON
// reply. Refused credentials are an AuthError whatever status the endpoint uses (v2 answers 400).
import type { Got } from 'got';
import type { z } from 'zod';
import { AuthError, ValidationError } from '../errors.js';
import type { SystemName } from '../system.js';
import { parseBody, parseJson } from './parse-body.js';
import type { Token } from './token-cache.js';
import { toApiError } from './to-api-error.js';

export interface TokenEndpoint {
  system: SystemName;
  /** A got instance without prefixUrl: the token URL is absolute. */
  http: Got;
  tokenUrl: string;
  applicationKey: string;
  clientKey: string;
}

/** What every token reply has; v1 adds the refresh token. */
export interface TokenReply {
  access_token: string;
  expires_in: number;
  refresh_token?: string | null;
}

export async function requestToken(
  endpoint: TokenEndpoint,
  form: Record<string, string>,
  schema: z.ZodType<TokenReply>,
): Promise<Token> {
  const context = {
    system: endpoint.system,
    call: `POST ${new URL(endpoint.tokenUrl).pathname}`,
    record: 'token',
  };
  const basic = Buffer.from(`${endpoint.applicationKey}:${endpoint.clientKey}`).toString('base64');
  let text: string;
  try {
    const response = await endpoint.http.post(endpoint.tokenUrl, {
      form,
      headers: { authorization: `Basic ${basic}` },
    });
    text = response.body;
  } catch (error) {
    const failure = toApiError(error, context, () => undefined);
    if (!(failure instanceof ValidationError)) throw failure;
    throw new AuthError({ ...context, status: failure.status, detail: failure.detail, cause: error });
  }
  const reply = parseBody(schema, parseJson(text, context), context);
  return {
    accessToken: reply.access_token,
    expiresInMs: reply.expires_in * 1000,
    refreshToken: reply.refresh_token ?? undefined,
  };
}
