// Runs the Temporal CLI's dev server (with its Web UI) as a child process: what `npm start`, the
// tests and the benchmarks use. The CLI is found or installed by scripts/install-temporal.mjs.
import { Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureTemporalCli } from '../../scripts/install-temporal.mjs';
import { allSearchAttributes } from '../searchAttributes.js';

export interface DevServerOptions {
  /** SQLite file that keeps workflows across restarts; omitted: in memory. */
  dbFile?: string;
  port?: number;
  /** Web UI port; `false` runs headless. */
  uiPort?: number | false;
  ip?: string;
  /** A codec server the Web UI decrypts payloads through (see codecServer.ts). */
  codecEndpoint?: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const searchAttributeFlags = allSearchAttributes.flatMap((key) => [
  '--search-attribute',
  `${key.name}=Keyword`,
]);

export async function startDevServer(options: DevServerOptions = {}): Promise<RunningDevServer> {
  const cli = await ensureTemporalCli();
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port ?? 7233;
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(port),
    '--log-level',
    'warn',
    ...searchAttributeFlags,
  ];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    // WAL without a sync per commit: an order of magnitude faster, and still safe when a process dies.
    args.push(
      '--db-filename',
      options.dbFile,
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
    );
  }
  if (options.uiPort === false) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort ?? port + 1000), '--ui-disable-news-fetch');
  if (options.codecEndpoint && options.uiPort !== false)
    args.push('--ui-codec-endpoint', options.codecEndpoint);

  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // The start and the end of what it says: a Go panic names its cause first, then its stack.
  let head = '';
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (head.length < 3_000) head += text.slice(0, 3_000 - head.length);
    else tail = (tail + text).slice(-1_500);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `${ip}:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `The Temporal dev server exited (${child.exitCode}) at start:\n${head}${tail ? `\n…\n${tail}` : ''}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The Temporal dev server did not answer on ${address} within 60 s`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    address,
    uiUrl:
      options.uiPort === false
        ? undefined
        : `http://${ip === '0.0.0.0' ? 'localhost' : ip}:${options.uiPort ?? port + 1000}`,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
