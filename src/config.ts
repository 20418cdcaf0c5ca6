// Every setting, read from the environment (and an optional .env) and checked once at start-up.
// A wrong or missing value stops the process with one line naming the variable and what it needs.
import 'dotenv/config';
import { z } from 'zod';
import { EncryptionKeys } from './temporal/encryptionKeys.js';

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'a duration such as 500ms, 3s, 5m or 1h')
  .transform((value) => value as `${number}${'ms' | 's' | 'm' | 'h'}`);
const positive = z.coerce.number().positive();
const url = z.url().transform((value) => value.replace(/\/+$/, ''));
const port = z.coerce.number().int().min(1).max(65_535);
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

export const Environment = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** Temporal Cloud: an API key (turns TLS on). Or mutual TLS with the certificate settings below. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.stringbool().optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** The Temporal Web UI, for the links to a workflow's history the command line prints. */
  TEMPORAL_UI_URL: url.default('http://localhost:8233'),

  POWEROFFICEGO_BASE_URL: url,
  POWEROFFICEGO_TOKEN_URL: url.optional(),
  POWEROFFICEGO_APPLICATION_KEY: z.string().min(1),
  POWEROFFICEGO_CLIENT_KEY: z.string().min(1),
  POWEROFFICEGO_SUBSCRIPTION_KEY: z.string().min(1),
  /** v2 activities per second across all workers, and each process's v2 calls per second: under the published 10/s. */
  POWEROFFICEGO_RATE_LIMIT: positive.default(9),

  POWEROFFICEGOV1_BASE_URL: url,
  POWEROFFICEGOV1_TOKEN_URL: url.optional(),
  POWEROFFICEGOV1_APPLICATION_KEY: z.string().min(1),
  POWEROFFICEGOV1_CLIENT_KEY: z.string().min(1),
  POWEROFFICEGOV1_CONTACT_ROUTE: z.string().startsWith('/').default('/Contact'),
  /** v1 activities per second across all workers, and each process's v1 calls per second: under the published 50/s. */
  POWEROFFICEGOV1_RATE_LIMIT: positive.default(45),

  SYNC_POLL_INTERVAL: duration.default('3s'),
  /** For feeds that cost a call per parent (v1 has no cross-customer contact person list). */
  SYNC_PER_PARENT_POLL_INTERVAL: duration.default('1m'),
  /** How many of v1's calls per second that walk may take; the links share the rest. */
  SYNC_PER_PARENT_CALLS_PER_SECOND: positive.default(15),
  /** When the reconciliation sweep runs (cron, UTC). */
  SYNC_SWEEP_CRON: z.string().min(9).default('0 3 * * *'),
  /** Covers equal timestamps, writes made during a listing and v1's replica lag. */
  SYNC_FEED_OVERLAP_MS: z.coerce
    .number()
    .int()
    .min(1_000, 'at least 1000 ms: less lets a feed miss writes made while it lists')
    .default(5_000),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(20_000).default(5_000),
  SYNC_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** About how many links a backfill keeps waiting for their first look: bounds the server's backlog. */
  SYNC_BACKFILL_WINDOW: z.coerce.number().int().positive().default(200),
  /** Link workflows a worker keeps in memory; the rest replay from history when needed. */
  SYNC_WORKFLOW_CACHE_SIZE: z.coerce.number().int().min(2).default(250),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
  /** Port of the Prometheus endpoint for the Temporal SDK's metrics; unset: no metrics. */
  SYNC_METRICS_PORT: port.optional(),

  /** `id:<base64 of 32 bytes>,…`: encrypts workflow histories; unset: histories hold plaintext. */
  SYNC_ENCRYPTION_KEYS: EncryptionKeys.optional(),
  SYNC_CODEC_SERVER_PORT: port.default(8888),
  /** `0.0.0.0` to serve browsers on other machines; then set a token too. */
  SYNC_CODEC_SERVER_HOST: z.string().default('127.0.0.1'),
  /** When set, the codec server answers only `Authorization: Bearer <this token>`. */
  SYNC_CODEC_SERVER_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Web UIs allowed to call the codec server from the browser. */
  SYNC_CODEC_SERVER_ORIGINS: list.default(['http://localhost:8233', 'http://127.0.0.1:8233']),
});
export type Environment = z.infer<typeof Environment>;

/** What the codec server needs: it runs without the PowerOffice credentials. */
export const CodecServerEnvironment = Environment.pick({
  SYNC_ENCRYPTION_KEYS: true,
  SYNC_CODEC_SERVER_PORT: true,
  SYNC_CODEC_SERVER_HOST: true,
  SYNC_CODEC_SERVER_TOKEN: true,
  SYNC_CODEC_SERVER_ORIGINS: true,
  LOG_LEVEL: true,
});
export type CodecServerEnvironment = z.infer<typeof CodecServerEnvironment>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the error names every bad variable, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Environment {
  return parseEnvironment(Environment, env);
}

export function loadCodecServerConfig(env: NodeJS.ProcessEnv = process.env): CodecServerEnvironment {
  return parseEnvironment(CodecServerEnvironment, env);
}

function parseEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv,
): z.output<Schema> {
  // An empty variable (`X=` in .env, `${X:-}` in compose) means "not set".
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const received = env[String(issue.path[0])];
    const message = received === undefined ? 'is not set' : `is invalid: ${issue.message}`;
    return `${issue.path.join('.')} ${message}`;
  });
  throw new ConfigError(`Configuration error:\n  ${lines.join('\n  ')}`);
}
