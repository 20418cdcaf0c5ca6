// Bundles the workflow code once: the worker and the tests share it. Sources are TypeScript with
// `.js` import suffixes (NodeNext), so webpack is told to look for `.ts` behind them.
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { quietLogger } from './runtime.js';

// From source (tsx) the workflows are TypeScript; in the built image they are JavaScript.
const source = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
export const workflowsPath = existsSync(source) ? source : source.replace(/\.ts$/, '.js');

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: quietLogger,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } },
    }),
  });
}
