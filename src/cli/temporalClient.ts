// The Temporal client every command uses, from the same configuration as the worker.
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type Environment } from '../config.js';

export async function withClient<T>(body: (client: Client, config: Environment) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    return await body(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), config);
  } finally {
    await connection.close();
  }
}
