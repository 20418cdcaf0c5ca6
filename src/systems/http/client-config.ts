// What both API clients are configured with. Pointing them at the real APIs is configuration only.

export interface ClientConfig {
  /** The API's base URL: v2 `https://goapi.poweroffice.net/v2`, v1 `https://api.poweroffice.net`. */
  baseUrl: string;
  /** The OAuth token endpoint; each client derives it from `baseUrl` when omitted. */
  tokenUrl?: string;
  applicationKey: string;
  clientKey: string;
  /** Per-request timeout in ms; a timeout is an UnavailableError. Default 30 s. */
  timeoutMs?: number;
  /** Renew the access token this long before it expires. Default 60 s. */
  tokenMarginMs?: number;
  /**
   * This process's pace of calls to the API, evenly spaced. The task queue's rate holds the limit
   * across workers by activity; this holds it by call, as an activity may make two (a read and its
   * write). Unset: no pace.
   */
  callsPerSecond?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
