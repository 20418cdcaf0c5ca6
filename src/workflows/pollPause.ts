// How long a change feed waits before its next poll.

/**
 * Polls start one interval apart, so a change waits at most an interval for its poll. After a poll
 * that took over half the interval (v1's contact-person walk, a call per customer) the feed pauses a
 * whole interval, as before a fixed rate: the walk's calls stay spread out, never back to back.
 */
export function pauseAfter(pollMs: number, intervalMs: number): number {
  return pollMs < intervalMs / 2 ? intervalMs - pollMs : intervalMs;
}
