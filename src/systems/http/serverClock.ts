// The API's clock, as the Date header of its answers shows it. A change feed's cursor is made of
// timestamps the API wrote, so the instant a poll began must be read on the API's clock: on this
// machine's, a worker whose clock runs ahead would set its cursor past changes it has not listed.

/** How long the best reading is kept before a newer one replaces it, whatever it says. */
const READING_TTL_MS = 60_000;

export class ServerClock {
  #offsetMs = 0;
  #readAt = -Infinity;

  /**
   * Notes an answer's `Date` header (absent or unreadable: nothing changes). The header counts
   * whole seconds and is written before the answer travels, so each reading is early by up to a
   * second and a trip: the highest of a minute's readings is the closest.
   */
  observe(dateHeader: string | undefined): void {
    const serverMs = dateHeader === undefined ? NaN : Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    const now = Date.now();
    const offsetMs = serverMs - now;
    if (offsetMs > this.#offsetMs || now - this.#readAt > READING_TTL_MS) {
      this.#offsetMs = offsetMs;
      this.#readAt = now;
    }
  }

  /** This machine's instant `localMs` on the API's clock: a little early at most, never late. */
  at(localMs: number): number {
    return localMs + this.#offsetMs;
  }
}
