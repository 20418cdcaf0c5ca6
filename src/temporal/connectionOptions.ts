// How the worker, the starter and the command line reach Temporal: the address and namespace, and
// for Temporal Cloud or a secured cluster an API key or mutual TLS. The variables are the Temporal
// CLI's own (TEMPORAL_API_KEY, TEMPORAL_TLS_*), turned into connection options by Temporal's
// envconfig package, so a shell set up for `temporal` works for this worker as it is.
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { ConfigError, type Environment } from '../config.js';

export type TemporalConnectionSettings = Pick<
  Environment,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CLIENT_CERT_PATH'
  | 'TEMPORAL_TLS_CLIENT_KEY_PATH'
  | 'TEMPORAL_TLS_SERVER_CA_CERT_PATH'
  | 'TEMPORAL_TLS_SERVER_NAME'
>;

/** Options for `Connection.connect` and `NativeConnection.connect`; an API key turns TLS on. */
export function connectionOptions(settings: TemporalConnectionSettings): NativeConnectionOptions {
  const cert = settings.TEMPORAL_TLS_CLIENT_CERT_PATH;
  const key = settings.TEMPORAL_TLS_CLIENT_KEY_PATH;
  if ((cert === undefined) !== (key === undefined)) {
    throw new ConfigError(
      'Configuration error:\n  TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together: set both or neither',
    );
  }
  for (const name of [
    'TEMPORAL_TLS_CLIENT_CERT_PATH',
    'TEMPORAL_TLS_CLIENT_KEY_PATH',
    'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  ] as const) {
    const path = settings[name];
    if (path !== undefined && !existsSync(path)) {
      throw new ConfigError(`Configuration error:\n  ${name} is invalid: there is no file ${path}`);
    }
  }
  const variables = Object.fromEntries(
    Object.entries(settings)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
  // Only these settings, never a config file or other variables: what runs is what was checked.
  return loadClientConnectConfig({ disableFile: true, overrideEnvVars: variables }).connectionOptions;
}
