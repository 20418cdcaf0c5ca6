// The API's clock, as the Date header of its latest answer shows it. A change feed's cursor is made
// of timestamps the API wrote, so the instant a poll began must be read on the API's clock: on this
// machine's, a worker whose clock runs ahead would set its cursor past changes it has not listed.

export class ServerClock {
  #offsetMs = 0;

  /** Notes an answer's `Date` header (absent or unreadable: the offset stays as it was). */
  observe(dateHeader: string | undefined): void {
    const serverMs = dateHeader === undefined ? NaN : Date.parse(dateHeader);
    if (!Number.isNaN(serverMs)) this.#offsetMs = serverMs - Date.now();
  }

  /**
   * This machine's instant `localMs` on the API's clock. The header counts whole seconds and is
   * written before the answer travels, so this is up to a second and a trip early, never late.
   */
  at(localMs: number): number {
    return localMs + this.#offsetMs;
  }
}
