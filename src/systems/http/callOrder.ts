// Which waiting call an API's pace lets go first: the one whose work began first. A burst of edits
// then goes one edit at a time, read and write, oldest first, instead of every read before any
// write, which kept the oldest edit waiting for the whole burst. Work says when it began by running
// in `inCallOrder`; a call made outside it ranks by when it was asked for.
import { AsyncLocalStorage } from 'node:async_hooks';

const began = new AsyncLocalStorage<number>();

/** Runs `work` so that the API calls it makes rank by `beganAtMs`: earlier goes first. */
export function inCallOrder<T>(beganAtMs: number, work: () => T): T {
  return began.run(beganAtMs, work);
}

/** The rank of a call asked for now; lower goes first. */
export function callRank(): number {
  return began.getStore() ?? Date.now();
}
