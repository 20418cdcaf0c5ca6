import assert from 'node:assert/strict';
import { loaderFlags } from '../src/temporal/workflowBundle.js';

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
