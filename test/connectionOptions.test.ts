// How the worker reaches Temporal: plain for the dev server, TLS with an API key for Temporal
// Cloud, mutual TLS for a secured cluster, and a clear error for settings that cannot work.
import { Connection } from '@temporalio/client';
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { connectionOptions } from '../src/temporal/connectionOptions.js';
import { startDevServer, type RunningDevServer } from '../src/temporal/devServer.js';
import { freePort } from './support/freePort.js';
import { placeholderApis } from './support/placeholderApis.js';

const optionsFor = (env: Record<string, string>) =>
  connectionOptions(loadConfig({ ...placeholderApis, ...env }));

describe('connection to Temporal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cert = file('client.pem', '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n');
  const key = file('client.key', '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n');
  const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n');

  it('connects in plain text to the address given, by default the local dev server', () => {
    const options = optionsFor({});
    assert.equal(options.address, '127.0.0.1:7233');
    assert.ok(!options.tls);
    assert.equal(options.apiKey, undefined);
  });

  it('uses TLS with an API key, as Temporal Cloud asks', () => {
    const options = optionsFor({
      TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'sync.a1b2c',
      TEMPORAL_API_KEY: 'cloud-api-key-123',
    });
    assert.equal(options.address, 'eu-west-1.aws.api.temporal.io:7233');
    assert.equal(options.apiKey, 'cloud-api-key-123');
    assert.equal(options.tls, true);
  });

  it('reads a client certificate and key, a CA and a server name for mutual TLS', () => {
    const options = optionsFor({
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: ca,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    assert.ok(options.tls && typeof options.tls === 'object');
    assert.match(Buffer.from(options.tls.clientCertPair!.crt).toString(), /client/);
    assert.match(Buffer.from(options.tls.clientCertPair!.key).toString(), /PRIVATE KEY/);
    assert.match(Buffer.from(options.tls.serverRootCACertificate!).toString(), /ca/);
    assert.equal(options.tls.serverNameOverride, 'temporal.internal');
  });

  it('refuses a certificate without its key, and a path with no file, naming the variable', () => {
    assert.throws(
      () => optionsFor({ TEMPORAL_TLS_CLIENT_CERT_PATH: cert }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together/.test(error.message),
    );
    assert.throws(
      () => optionsFor({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(dir, 'missing.pem') }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /TEMPORAL_TLS_SERVER_CA_CERT_PATH is invalid: there is no file .*missing\.pem/.test(error.message),
    );
    assert.throws(() => optionsFor({ TEMPORAL_TLS: 'perhaps' }), /TEMPORAL_TLS is invalid/);
  });

  describe('against a running server', function () {
    this.timeout(60_000);
    let server: RunningDevServer;
    before(async () => {
      server = await startDevServer({ port: await freePort(), uiPort: false });
    });
    after(async () => server?.stop());

    it('connects with an API key where TLS is turned off explicitly', async () => {
      const options = optionsFor({
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_API_KEY: 'local-key-000',
        TEMPORAL_TLS: 'false',
      });
      assert.equal(options.tls, false);
      const connection = await Connection.connect(options);
      try {
        const info = await connection.workflowService.getSystemInfo({});
        assert.ok(info.capabilities);
      } finally {
        await connection.close();
      }
    });
  });
});
