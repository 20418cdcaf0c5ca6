// A line every few seconds while the run works: how far the links are, so a slow run shows why.
import type { Client } from '@temporalio/client';
import { countLinksByState } from './links.js';

export function reportProgress(
  client: Client,
  say: (line: string) => void,
  extra: () => string,
  everyMs = 10_000,
): () => void {
  const startedAt = Date.now();
  const timer = setInterval(() => {
    countLinksByState(client)
      .then((counts) =>
        Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([state, n]) => `${state} ${n}`)
          .join(', '),
      )
      .catch(() => 'links not countable right now')
      .then((links) => say(`+${Math.round((Date.now() - startedAt) / 1000)} s: ${links}; ${extra()}`));
  }, everyMs);
  return () => clearInterval(timer);
}
