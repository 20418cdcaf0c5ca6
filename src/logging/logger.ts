// The process's one root logger: JSON lines on stdout, at LOG_LEVEL. Every component logs through
// a child of it (`logger.child({ component })`), the Temporal SDK included (see temporalLogger.ts).
import { pino, type Level } from 'pino';
import { serializeError } from './serializeError.js';

export const logger = pino({
  name: 'poweroffice-sync',
  level: 'info',
  timestamp: pino.stdTimeFunctions.isoTime,
  // `"level":"warn"` rather than pino's numbers: readable with grep and jq alike.
  formatters: { level: (label) => ({ level: label }) },
  serializers: { err: serializeError, error: serializeError },
  // A second line of defence: no code logs these, and if some did they would not reach the output.
  redact: {
    paths: [
      'authorization',
      'headers.authorization',
      '*.headers.authorization',
      'applicationKey',
      'clientKey',
      'subscriptionKey',
      'accessToken',
      'refreshToken',
    ],
    censor: '[redacted]',
  },
});

export function setLogLevel(level: Level): void {
  logger.level = level;
}
