// Access tokens signed with a secret kept in the simulator's database, so tokens stay valid
// across a restart with the same file (as they would against the real, always-on API).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenCheck =
  { valid: true; subject: string } | { valid: false; reason: 'missing' | 'invalid' | 'expired' };

export class TokenIssuer {
  constructor(
    private readonly secret: string,
    public ttlSeconds: number,
  ) {}

  issue(subject: string): { token: string; expiresIn: number } {
    const payload = Buffer.from(
      JSON.stringify({
        sub: subject,
        exp: Date.now() + this.ttlSeconds * 1000,
        n: randomBytes(6).toString('hex'),
      }),
    ).toString('base64url');
    return { token: `${payload}.${this.#sign(payload)}`, expiresIn: Math.ceil(this.ttlSeconds) };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { valid: false, reason: 'missing' };
    const [payload = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.#sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { valid: false, reason: 'invalid' };
    }
    const { sub, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      sub: string;
      exp: number;
    };
    return exp <= Date.now() ? { valid: false, reason: 'expired' } : { valid: true, subject: sub };
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The key pair of an `Authorization: Basic base64(key:secret)` header. */
export function basicCredentials(
  authorization: string | undefined,
): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
