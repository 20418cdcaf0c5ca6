// Spaces calls to an API by the time each one is let go, checked again when its wait ends: a timer
// that fires late (a busy event loop) only widens one gap. A schedule fixed when the calls were
// queued (p-throttle's) lets the calls behind a late one leave on time, close behind it, and a
// burst of them overruns the API's one-second window. Waiting calls go by their rank (callOrder.ts).
import { TokenBucket } from 'limiter';
import PQueue from 'p-queue';
import { callRank } from './callOrder.js';

/** Resolves when the next call may go. */
export type Pacer = () => Promise<void>;

/** At most `callsPerSecond`, never two closer than 1/`callsPerSecond` apart, lowest rank first. */
export function createPacer(callsPerSecond: number): Pacer {
  // One token at most: after a quiet spell no burst leaves, whose calls could share a window with
  // the last ones before it.
  const bucket = new TokenBucket({
    bucketSize: 1,
    tokensPerInterval: 1,
    interval: 1000 / callsPerSecond,
  });
  // One call at a time waits for the bucket, so the order of the rest is still open to a call of
  // lower rank that comes meanwhile. p-queue lets a higher priority go first, in order of arrival.
  const turns = new PQueue({ concurrency: 1 });
  return async () => {
    await turns.add(() => bucket.removeTokens(1), { priority: -callRank() });
  };
}
