// Every id and name other code builds from: workflow ids, task queues, search attributes, origin
// markers. Pure, so workflow code may import it.

/** Workflows and the engine's own (local) activities. */
export const WORKFLOW_TASK_QUEUE = 'poweroffice-sync';

/** One activity task queue per API, so Temporal enforces each API's rate limit across all workers. */
export function apiTaskQueue(system: string): string {
  return `poweroffice-sync-api-${system}`;
}

/** `link:supplier-contact:1234` — one link per flow and A record. */
export function linkWorkflowId(flow: string, aId: string): string {
  return `link:${flow}:${aId}`;
}

/** The flow and A id of a link's workflow id; undefined for any other workflow id. */
export function parseLinkWorkflowId(workflowId: string): { flow: string; aId: string } | undefined {
  const match = /^link:([a-z-]+):(.+)$/.exec(workflowId);
  return match ? { flow: match[1]!, aId: match[2]! } : undefined;
}

/** `feed:powerofficegov1:contact` — one change feed per system and datatype. */
export function feedWorkflowId(system: string, datatype: string): string {
  return `feed:${system}:${datatype}`;
}

const MARKER_PREFIX = 'powerofficego';

/** The origin marker B records created by this engine carry: `powerofficego:supplier:1234`. */
export function originMarker(aDatatype: string, aId: string): string {
  return `${MARKER_PREFIX}:${aDatatype}:${aId}`;
}

export function parseOriginMarker(marker: unknown): { datatype: string; aId: string } | undefined {
  if (typeof marker !== 'string') return undefined;
  const match = /^powerofficego:([a-z]+):(\d+)$/.exec(marker.trim());
  return match ? { datatype: match[1]!, aId: match[2]! } : undefined;
}
