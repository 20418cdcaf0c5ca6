// How an error appears in a log line: its name, code, message and stack, and those of its causes —
// nothing else. Other properties can carry credentials (a got error's `options` hold the request's
// Authorization and subscription-key headers), so they are never copied.

const MAX_CAUSES = 5;

export interface SerializedError {
  type: string;
  message: string;
  code?: unknown;
  stack?: string;
  cause?: SerializedError | string;
}

export function serializeError(error: unknown, depth = 0): SerializedError | string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    stack: error.stack,
    ...(error.cause === undefined || depth >= MAX_CAUSES
      ? {}
      : { cause: serializeError(error.cause, depth + 1) }),
  };
}
