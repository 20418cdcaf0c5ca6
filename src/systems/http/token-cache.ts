// Keeps one access token per client and renews it shortly before it expires. Only one renewal is
// in flight at a time: callers arriving during a renewal wait for that same renewal.

export interface Token {
  accessToken: string;
  /** Lifetime the API granted, in milliseconds (`expires_in` × 1000). */
  expiresInMs: number;
  /** v1 only: renews the token without sending the client credentials again. */
  refreshToken?: string;
}

/** Gets a new token; receives the current one (possibly expired) so it can use its refresh token. */
export type FetchToken = (current: Token | undefined) => Promise<Token>;

export interface TokenCacheOptions {
  /** Renew this long before expiry (at most a quarter of the lifetime). Default 60 s. */
  marginMs?: number;
  now?: () => number;
}

export class TokenCache {
  readonly #fetchToken: FetchToken;
  readonly #marginMs: number;
  readonly #now: () => number;
  #current?: { token: Token; renewAt: number };
  #renewal?: Promise<Token>;

  constructor(fetchToken: FetchToken, options: TokenCacheOptions = {}) {
    this.#fetchToken = fetchToken;
    this.#marginMs = options.marginMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A token that stays valid for at least the margin. */
  async get(signal?: AbortSignal): Promise<string> {
    const current = this.#current;
    if (current && this.#now() < current.renewAt) return current.token.accessToken;
    return (await untilAborted(this.#renew(), signal)).accessToken;
  }

  /** Forgets a token the API refused (revoked, server restarted), keeping its refresh token. */
  invalidate(accessToken: string): void {
    if (this.#current?.token.accessToken === accessToken) this.#current.renewAt = 0;
  }

  #renew(): Promise<Token> {
    // The renewal takes no caller's signal: one caller giving up must not fail the others waiting.
    this.#renewal ??= (async () => {
      const startedAt = this.#now();
      try {
        const token = await this.#fetchToken(this.#current?.token);
        const margin = Math.min(this.#marginMs, token.expiresInMs / 4);
        this.#current = { token, renewAt: startedAt + token.expiresInMs - margin };
        return token;
      } finally {
        this.#renewal = undefined;
      }
    })();
    return this.#renewal;
  }
}

/** Lets one waiter stop waiting for a shared promise without cancelling it for the others. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
