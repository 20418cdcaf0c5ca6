import assert from 'node:assert/strict';
import { loaderFlags } from '../src/temporal/workflowBundle.js';
import { workflowBundle } from './support/syncStack.js';

describe('bundling the workflows in a child process', () => {
  it("passes on only the flags that load code (tsx's), never --eval, --inspect or --cpu-prof", () => {
    const execArgv = [
      '--require',
      '/app/node_modules/tsx/dist/preflight.cjs',
      '--cpu-prof',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
      '-e',
      'bundle()',
      '--inspect=9229',
      '--import=tsx',
    ];
    assert.deepEqual(loaderFlags(execArgv), [
      '--require',
      '/app/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
      '--import=tsx',
    ]);
  });
});

describe('the workflow bundle', function () {
  this.timeout(120_000);

  // Each link the worker starts, replays or caches would otherwise evaluate every workflow module
  // again (bench/FINDINGS.md, Memory and Edits: 13% of a replay's CPU, 60 kB of a cached link).
  it('preloads the workflows: evaluated once per worker thread, not once per workflow', async () => {
    const { code } = await workflowBundle();
    const preloaded = /function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
    assert.match(preloaded, /src\/workflows\/index\.ts/);
  });
});
