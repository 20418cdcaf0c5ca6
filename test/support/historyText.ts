// What a workflow history holds, as text a test can search: every string in it, and every byte
// field (payload data, metadata) read as UTF-8 — what someone reading the history raw would see.
import type { Payload } from '@temporalio/common';

export function historyText(history: unknown): string {
  const parts: string[] = [];
  walk(history, (value) => {
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('utf8'));
  });
  return parts.join('\n');
}

/** Every payload in a history: objects with `data` bytes and a `metadata` map. */
export function payloadsIn(history: unknown): Payload[] {
  const payloads: Payload[] = [];
  walk(history, (value) => {
    const candidate = value as Payload;
    if (candidate?.data instanceof Uint8Array && candidate.metadata) payloads.push(candidate);
  });
  return payloads;
}

function walk(value: unknown, visit: (value: unknown) => void): void {
  visit(value);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
  for (const child of Object.values(value)) walk(child, visit);
}
