// Every workflow type the worker runs. These modules keep no state at module scope: the worker
// evaluates them once and every workflow shares them (preloadModules, workflowBundle.ts).
export { changeFeedWorkflow } from './changeFeedWorkflow.js';
export { linkWorkflow } from './linkWorkflow.js';
export { sweepWorkflow } from './sweepWorkflow.js';
