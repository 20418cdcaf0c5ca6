// The codec server: how the Temporal Web UI (and `temporal … --codec-endpoint`) shows encrypted
// payloads in clear to whoever runs it, while the keys stay in this process. Temporal's codec-server
// protocol: POST /encode and /decode with `{ "payloads": [...] }` in proto3 JSON (bytes as base64).
import type { Payload, PayloadCodec } from '@temporalio/common';
import Fastify from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CodecServerEnvironment } from '../config.js';
import { logger } from '../logging/logger.js';
import { EncryptionCodec } from './encryptionCodec.js';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Web UI origins whose pages may call it from the browser. */
  origins: string[];
  /** When set, every call needs `Authorization: Bearer <token>`. */
  token?: string;
}

export interface RunningCodecServer {
  /** e.g. http://127.0.0.1:8888: what the Web UI's codec endpoint is set to. */
  url: string;
  close(): Promise<void>;
}

const JsonPayload = z.object({
  metadata: z.record(z.string(), z.string()).nullish(),
  data: z.string().nullish(),
});
type JsonPayload = z.infer<typeof JsonPayload>;
const CodecRequest = z.object({ payloads: z.array(JsonPayload) });

const log = logger.child({ component: 'codec-server' });

/** The codec server for this configuration; undefined when no encryption key is configured. */
export async function startCodecServerFor(
  config: CodecServerEnvironment,
): Promise<RunningCodecServer | undefined> {
  if (!config.SYNC_ENCRYPTION_KEYS) return undefined;
  return startCodecServer({
    codec: new EncryptionCodec(config.SYNC_ENCRYPTION_KEYS),
    port: config.SYNC_CODEC_SERVER_PORT,
    host: config.SYNC_CODEC_SERVER_HOST,
    origins: config.SYNC_CODEC_SERVER_ORIGINS,
    token: config.SYNC_CODEC_SERVER_TOKEN,
  });
}

export async function startCodecServer(options: CodecServerOptions): Promise<RunningCodecServer> {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 16 * 1024 * 1024 });

  // The browser asks first (OPTIONS) whether the UI's page may POST here with these headers.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && options.origins.includes(origin)) {
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-credentials', 'true')
        .header('vary', 'origin');
    }
    if (request.method === 'OPTIONS') {
      return reply
        .code(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
        .header('access-control-max-age', '600')
        .send();
    }
    if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ message: 'This codec server needs Authorization: Bearer <SYNC_CODEC_SERVER_TOKEN>' });
    }
  });

  const routes = {
    encode: (payloads: Payload[]) => options.codec.encode(payloads),
    decode: (payloads: Payload[]) => options.codec.decode(payloads),
  };
  for (const [route, transform] of Object.entries(routes)) {
    app.post(`/${route}`, async (request, reply) => {
      const body = CodecRequest.safeParse(request.body);
      if (!body.success) {
        return reply.code(400).send({ message: `Expected {"payloads": [{"metadata": {…}, "data": "…"}]}` });
      }
      try {
        const payloads = await transform(body.data.payloads.map(fromJson));
        return { payloads: payloads.map(toJson) };
      } catch (error) {
        // The codec's messages name a key id at most, never data.
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ route, reason: message }, `Could not ${route} payloads`);
        return reply.code(400).send({ message });
      }
    });
  }

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const { port } = app.server.address() as { port: number };
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return { url, close: () => app.close() };
}

function fromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(data ?? '', 'base64'),
  };
}

function toJson({ metadata, data }: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(data ?? []).toString('base64'),
  };
}

/** Compares digests, so neither the token's length nor its prefix can be learnt from timing. */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
