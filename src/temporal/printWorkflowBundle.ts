// Run by bundleWorkflowsApart in a child process: writes the workflow bundle to stdout.
import { bundleWorkflows } from './workflowBundle.js';

process.stdout.write((await bundleWorkflows()).code);
