// Bundles the workflow code once: the worker and the tests share it. Sources are TypeScript with
// `.js` import suffixes (NodeNext), so webpack is told to look for `.ts` behind them.
import {
  bundleWorkflowCode,
  type WorkflowBundle,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { quietLogger } from './runtime.js';

// From source (tsx) the workflows are TypeScript; in the built image they are JavaScript.
const sourceOrBuilt = (relative: string) => {
  const source = fileURLToPath(new URL(relative, import.meta.url));
  return existsSync(source) ? source : source.replace(/\.ts$/, '.js');
};
export const workflowsPath = sourceOrBuilt('../workflows/index.ts');
const printBundle = sourceOrBuilt('./printWorkflowBundle.ts');

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    // Evaluated once per worker thread and shared, not once per workflow the worker starts, replays
    // or caches: the workflows' modules hold no state of their own (it lives in each run's closures).
    preloadModules: [workflowsPath],
    logger: quietLogger,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } },
    }),
  });
}

/**
 * Bundles in a child process, which hands the code back on stdout: webpack's memory, about 100 MB
 * that a process never gives back, is never the worker's. The child loads code as this process
 * does (tsx's `--import`), without its other flags (`--eval`, `--inspect`, `--cpu-prof`).
 */
export async function bundleWorkflowsApart(): Promise<WorkflowBundle> {
  try {
    const args = [...loaderFlags(process.execArgv), printBundle];
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: stdout };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Bundling the workflows failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}

/** The `--import`, `--require` and `--loader` flags among Node's, with their values. */
export function loaderFlags(execArgv: readonly string[]): string[] {
  const loader = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;
  return execArgv.flatMap((arg, i) => {
    if (loader.test(arg)) return arg.includes('=') ? [arg] : [arg, execArgv[i + 1]!];
    return [];
  });
}
