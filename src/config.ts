// Every setting, read from the environment (and an optional .env) and checked once at start-up.
// A wrong or missing value stops the process with one line naming the variable and what it needs.
import 'dotenv/config';
import { z } from 'zod';

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'a duration such as 500ms, 3s, 5m or 1h')
  .transform((value) => value as `${number}${'ms' | 's' | 'm' | 'h'}`);
const positive = z.coerce.number().positive();
const url = z.url().transform((value) => value.replace(/\/+$/, ''));

export const Environment = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),

  POWEROFFICEGO_BASE_URL: url,
  POWEROFFICEGO_TOKEN_URL: url.optional(),
  POWEROFFICEGO_APPLICATION_KEY: z.string().min(1),
  POWEROFFICEGO_CLIENT_KEY: z.string().min(1),
  POWEROFFICEGO_SUBSCRIPTION_KEY: z.string().min(1),
  /** Activities per second on v2's task queue: under the published 10/s. */
  POWEROFFICEGO_RATE_LIMIT: positive.default(9),

  POWEROFFICEGOV1_BASE_URL: url,
  POWEROFFICEGOV1_TOKEN_URL: url.optional(),
  POWEROFFICEGOV1_APPLICATION_KEY: z.string().min(1),
  POWEROFFICEGOV1_CLIENT_KEY: z.string().min(1),
  POWEROFFICEGOV1_CONTACT_ROUTE: z.string().startsWith('/').default('/Contact'),
  /** Activities per second on v1's task queue: under the published 50/s. */
  POWEROFFICEGOV1_RATE_LIMIT: positive.default(45),

  SYNC_POLL_INTERVAL: duration.default('3s'),
  /** For feeds that cost a call per parent (v1 has no cross-customer contact person list). */
  SYNC_PER_PARENT_POLL_INTERVAL: duration.default('1m'),
  /** When the reconciliation sweep runs (cron, UTC). */
  SYNC_SWEEP_CRON: z.string().min(9).default('0 3 * * *'),
  SYNC_FEED_OVERLAP_MS: z.coerce.number().int().nonnegative().default(5_000),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(20_000).default(5_000),
  SYNC_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
});
export type Environment = z.infer<typeof Environment>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the error names every bad variable, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Environment {
  const result = Environment.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const received = env[String(issue.path[0])];
    const message = received === undefined ? 'is not set' : `is invalid: ${issue.message}`;
    return `${issue.path.join('.')} ${message}`;
  });
  throw new ConfigError(`Configuration error:\n  ${lines.join('\n  ')}`);
}
