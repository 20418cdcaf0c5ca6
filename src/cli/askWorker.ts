// Queries run on a worker. When none answers by the deadline the answer is undefined rather than an
// error, so a command still shows what visibility knows, and says once what it left out.
import { isGrpcCancelledError, isGrpcDeadlineError, type Client } from '@temporalio/client';

/** How long a command waits for a worker to answer its queries, all of them together. */
const WORKER_ANSWER_MS = 5_000;

export function workerAnswerDeadline(): number {
  return Date.now() + WORKER_ANSWER_MS;
}

export async function askWorker<T>(
  client: Client,
  deadline: number,
  ask: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await client.withDeadline(deadline, ask);
  } catch (error) {
    // At the deadline gRPC reports either, depending on which timer fires first.
    if (isGrpcDeadlineError(error) || isGrpcCancelledError(error)) return undefined;
    throw error;
  }
}

export function noWorkerNote(leftOut: string): string {
  return `No worker answered within ${WORKER_ANSWER_MS / 1000} s, so ${leftOut} left out. Is a worker running? (npm start, or npm run worker)`;
}
