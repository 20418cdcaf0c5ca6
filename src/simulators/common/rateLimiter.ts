// A token bucket per key (subscription key, application key): `limit` requests in any second,
// refilled continuously, so a burst above the limit gets 429s and a client that waits 1 s recovers.

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private requestsPerSecond: number | false) {}

  get limit(): number | false {
    return this.requestsPerSecond;
  }

  setLimit(requestsPerSecond: number | false): void {
    this.requestsPerSecond = requestsPerSecond;
    this.#buckets.clear();
  }

  /** Takes one request from the key's bucket; false when the key is over its limit. */
  take(key: string, now = Date.now()): boolean {
    const limit = this.requestsPerSecond;
    if (limit === false) return true;
    const bucket = this.#buckets.get(key) ?? { tokens: limit, refilledAt: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.refilledAt) / 1000) * limit);
    bucket.refilledAt = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
