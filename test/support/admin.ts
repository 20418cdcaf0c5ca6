// A test's hands on a simulator: its admin HTTP API, as `npm run simulator` uses it.
import got from 'got';
import type { RunningSimulator } from '../../src/simulators/simulator.js';

export type Fields = Record<string, unknown>;
export interface Stats {
  requests: Record<string, number>;
  writes: Record<string, { create: number; update: number; delete: number; total: number }>;
  rateLimited: number;
}

export function adminOf(simulator: RunningSimulator) {
  const http = got.extend({ prefixUrl: `${simulator.url}/_admin`, retry: { limit: 0 } });
  const stats = () => http.get('stats').json<Stats>();
  return {
    list: (datatype: string) => http.get(`records/${datatype}`).json<Fields[]>(),
    get: (datatype: string, id: string | number) => http.get(`records/${datatype}/${id}`).json<Fields>(),
    create: (datatype: string, fields: Fields) =>
      http.post(`records/${datatype}`, { json: fields }).json<Fields>(),
    edit: (datatype: string, id: string | number, fields: Fields) =>
      http.patch(`records/${datatype}/${id}`, { json: fields }).json<Fields>(),
    delete: async (datatype: string, id: string | number) =>
      void (await http.delete(`records/${datatype}/${id}`)),
    seed: (request: Fields = {}) =>
      http.post('seed', { json: request }).json<{ created: Record<string, number> }>(),
    stats,
    resetStats: async () => void (await http.post('stats/reset')),
    setFaults: async (faults: Fields) => void (await http.put('faults', { json: faults })),
    /** v1 only: how far its API's reads lag its writes. */
    setReplicaLag: async (replicaLagMs: number) =>
      void (await http.put('replica-lag', { json: { replicaLagMs } })),
    /** Writes of one datatype made through the API (not the admin API). */
    writes: async (datatype: string) => (await stats()).writes[datatype]?.total ?? 0,
  };
}
export type Admin = ReturnType<typeof adminOf>;
