// The API calls a simulator counted, by kind. Requests are counted by route template
// (`GET /v2/Suppliers/:id`), so a GET ending in a parameter reads one record and any other GET
// lists (a feed page or a search). v1 creates and updates are both POSTs: its write counters
// tell them apart.
import type { SimulatorStats } from '../src/simulators/common/stats.js';

export interface CallCounts {
  list: number;
  get: number;
  create: number;
  update: number;
  token: number;
  /** Deletes and refused writes. */
  other: number;
  total: number;
  /** Requests answered 429 (counted in the kinds above too). */
  rateLimited: number;
}

export const callKinds = ['list', 'get', 'create', 'update', 'token'] as const;

export function countCalls(stats: SimulatorStats): CallCounts {
  const counts: CallCounts = {
    list: 0,
    get: 0,
    create: 0,
    update: 0,
    token: 0,
    other: 0,
    total: 0,
    rateLimited: 0,
  };
  let writes = 0;
  for (const [key, calls] of Object.entries(stats.requests)) {
    const [method = '', route = ''] = key.split(' ');
    counts.total += calls;
    if (/\/oauth\/token$/i.test(route)) counts.token += calls;
    else if (method === 'GET') counts[route.split('/').at(-1)?.startsWith(':') ? 'get' : 'list'] += calls;
    else writes += calls;
  }
  const written = Object.values(stats.writes);
  counts.create = written.reduce((sum, write) => sum + write.create, 0);
  counts.update = written.reduce((sum, write) => sum + write.update, 0);
  counts.other = writes - counts.create - counts.update;
  counts.rateLimited = stats.rateLimited;
  return counts;
}

/** `list 12 · get 3 · create 250 · update 0 · token 1` */
export function describeCalls(counts: CallCounts): string {
  return callKinds.map((kind) => `${kind} ${counts[kind]}`).join(' · ');
}
