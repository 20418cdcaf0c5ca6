// What both simulators share as a programmatic surface: how to start one and what you get back.
// Tests, `npm start`, the benchmark and the chaos run all start simulators through this shape.

export interface FaultOptions {
  /** Share of API requests (0..1) answered with a 5xx. */
  errorRate?: number;
  /** Share of API requests (0..1) that hang until the client gives up. */
  timeoutRate?: number;
  /** Milliseconds added to every API request. */
  latencyMs?: number;
  /**
   * Ids of records the API sends, wherever an answer carries them, in a shape its contract
   * forbids (an e-mail address that is a number): a real API's bad day, for the engine's tests.
   */
  malformedIds?: string[];
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file the data is kept in; omitted keeps it in memory. */
  dataFile?: string;
  /** Requests per second before 429; `false` turns the limit off. Default: the published limit. */
  rateLimit?: number | false;
  /** Token lifetime in seconds. Default: the published one (v2 1200, v1 599). */
  tokenTtlSeconds?: number;
  /**
   * How far the API's clock runs ahead of this machine's, in milliseconds (negative: behind): its
   * records' timestamps and its `Date` header. Default 0.
   */
  clockOffsetMs?: number;
  /** v1 only: how far reads lag behind writes, in milliseconds. Default 0. */
  replicaLagMs?: number;
  faults?: FaultOptions;
  /** The keys the simulator accepts. Default: the ones in `simulatorCredentials`. */
  credentials?: Record<string, string>;
}

export interface RunningSimulator {
  /** Root URL of the server, e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  /** Base URL a client is configured with (v2: `${url}/v2`; v1: `url`). */
  apiBaseUrl: string;
  close(): Promise<void>;
}
