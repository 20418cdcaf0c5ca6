// The Temporal client every command uses, with the worker's data converter. Only the Temporal
// settings are read, so the commands that only look run without the PowerOffice credentials.
import { Client, Connection } from '@temporalio/client';
import type { z } from 'zod';
import { Environment } from '../config.js';
import { connectionOptions } from '../temporal/connectionOptions.js';
import { dataConverterFrom } from '../temporal/dataConverter.js';
import { CliError } from './cliError.js';

const TemporalSettings = Environment.pick({
  TEMPORAL_ADDRESS: true,
  TEMPORAL_NAMESPACE: true,
  TEMPORAL_API_KEY: true,
  TEMPORAL_TLS: true,
  TEMPORAL_TLS_CLIENT_CERT_PATH: true,
  TEMPORAL_TLS_CLIENT_KEY_PATH: true,
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: true,
  TEMPORAL_TLS_SERVER_NAME: true,
  TEMPORAL_UI_URL: true,
  SYNC_ENCRYPTION_KEYS: true,
});
export type TemporalSettings = z.infer<typeof TemporalSettings>;

const CONNECT_TIMEOUT_MS = 5_000;

function loadTemporalSettings(): TemporalSettings {
  const result = TemporalSettings.safeParse(process.env);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new CliError(
    `${String(issue?.path[0])} is invalid: ${issue?.message}. Fix it in the environment or .env.`,
  );
}

export async function withClient<T>(
  body: (client: Client, settings: TemporalSettings) => Promise<T>,
): Promise<T> {
  const settings = loadTemporalSettings();
  const address = settings.TEMPORAL_ADDRESS;
  const options = { ...connectionOptions(settings), connectTimeout: CONNECT_TIMEOUT_MS };
  const connection = await Connection.connect(options).catch(() => {
    throw new CliError(`Cannot reach Temporal at ${address}: is it running? (npm start starts one)`);
  });
  try {
    const client = new Client({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      dataConverter: dataConverterFrom(settings),
    });
    return await body(client, settings);
  } finally {
    await connection.close();
  }
}
