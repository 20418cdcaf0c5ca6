// A throwaway HTTP server answering `METHOD /path` with one scripted reply each. Only for what the
// simulators cannot produce on purpose: a body that breaks the contract, a 429 with Retry-After: 3.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ScriptedServer {
  url: string;
  close(): Promise<void>;
}

export async function startScriptedServer(replies: Record<string, ScriptedReply>): Promise<ScriptedServer> {
  const server = createServer((request, response) => {
    request.resume();
    const reply = replies[`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`];
    if (!reply) return void response.writeHead(500).end('no scripted reply');
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
