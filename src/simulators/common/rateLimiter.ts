// At most `limit` requests per key (subscription key, application key) in any one-second window:
// a burst above the limit gets 429s however fast it arrives, and a client that waits 1 s recovers.

export class RateLimiter {
  /** Per key, the times of the requests let through in the last second, oldest first. */
  readonly #recent = new Map<string, number[]>();

  constructor(private requestsPerSecond: number | false) {}

  get limit(): number | false {
    return this.requestsPerSecond;
  }

  setLimit(requestsPerSecond: number | false): void {
    this.requestsPerSecond = requestsPerSecond;
    this.#recent.clear();
  }

  /** Counts one request against the key; false when the key is over its limit. */
  take(key: string, now = Date.now()): boolean {
    const limit = this.requestsPerSecond;
    if (limit === false) return true;
    const recent = this.#recent.get(key) ?? [];
    this.#recent.set(key, recent);
    while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
    if (recent.length >= limit) return false;
    recent.push(now);
    return true;
  }
}
