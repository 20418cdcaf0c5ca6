// The worker's full configuration, for the commands that start feeds: they need what the feeds need.
import { ConfigError, loadConfig, type Environment } from '../config.js';
import { CliError } from './cliError.js';

export function loadWorkerConfig(): Environment {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [heading, ...problems] = error.message.split('\n');
    throw new CliError(
      `${heading} ${problems.map((line) => line.trim()).join('; ')}. ` +
        'Starting the feeds needs the worker’s settings: set them in the environment or .env.',
    );
  }
}
