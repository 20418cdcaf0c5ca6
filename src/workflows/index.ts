// Every workflow type the worker runs.
export { changeFeedWorkflow } from './changeFeedWorkflow.js';
export { linkWorkflow } from './linkWorkflow.js';
export { sweepWorkflow } from './sweepWorkflow.js';
