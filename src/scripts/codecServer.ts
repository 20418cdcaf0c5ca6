// `npm run codec-server`: the codec server alone, for a Web UI or `temporal` CLI pointed at a
// cluster whose histories this project encrypts. It needs SYNC_ENCRYPTION_KEYS and none of the
// PowerOffice settings.
import { loadCodecServerConfig } from '../config.js';
import { setLogLevel } from '../logging/logger.js';
import { startCodecServerFor } from '../temporal/codecServer.js';

async function run(): Promise<void> {
  const config = loadCodecServerConfig();
  setLogLevel(config.LOG_LEVEL);
  const server = await startCodecServerFor(config);
  if (!server) {
    throw new Error('SYNC_ENCRYPTION_KEYS is not set: histories are not encrypted, nothing to decode');
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
  console.log(
    [
      `Codec server on ${server.url} for ${config.SYNC_CODEC_SERVER_ORIGINS.join(', ')}; Ctrl-C stops it.`,
      `  Web UI:  the codec server setting (top bar) → ${server.url}`,
      `  CLI:     temporal workflow show -w <workflow id> --codec-endpoint ${server.url}` +
        (config.SYNC_CODEC_SERVER_TOKEN ? ` --codec-auth "Bearer $SYNC_CODEC_SERVER_TOKEN"` : ''),
    ].join('\n'),
  );
}

run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
