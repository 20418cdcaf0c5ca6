// docker-compose.yml as Debian's docker-compose (v1) reads it: valid with the credentials set, and
// refused, naming what is missing, without them. Skipped where docker-compose is not installed.
import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const credentials = {
  POWEROFFICEGO_APPLICATION_KEY: 'test',
  POWEROFFICEGO_CLIENT_KEY: 'test',
  POWEROFFICEGO_SUBSCRIPTION_KEY: 'test',
  POWEROFFICEGOV1_APPLICATION_KEY: 'test',
  POWEROFFICEGOV1_CLIENT_KEY: 'test',
};

describe('docker-compose.yml', function () {
  this.timeout(60_000);
  // An empty env file in place of ./.env, so a developer's own credentials do not count.
  const envFile = join(mkdtempSync(join(tmpdir(), 'compose-')), 'empty.env');
  const config = (env: Record<string, string>) =>
    promisify(execFile)('docker-compose', ['--env-file', envFile, 'config', '-q'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
    });

  before(function () {
    if (spawnSync('docker-compose', ['version']).error) {
      console.log('      docker-compose is not installed: skipped');
      this.skip();
    }
    writeFileSync(envFile, '');
  });

  it('is valid with the credentials in the environment', async () => {
    await config(credentials);
  });

  it('refuses to start without credentials, naming the missing variable', async () => {
    await assert.rejects(config({}), (error: { code?: number; stderr?: string }) => {
      assert.notEqual(error.code, 0);
      assert.match(error.stderr ?? '', /set POWEROFFICEGO_APPLICATION_KEY/);
      return true;
    });
  });
});
