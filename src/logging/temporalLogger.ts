// The Temporal SDK's Logger over a pino logger, so that the SDK's own lines and those workflows
// (`log` from @temporalio/workflow) and activities (`log` from @temporalio/activity) write come out
// as the same JSON. The SDK adds workflowId, activityType and the like; a link's workflow id also
// gives its flow and A record id.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';
import { parseLinkWorkflowId } from '../ids.js';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The API task queues run activities only, by design: the SDK's warning about it is not news. */
const BY_DESIGN = 'No workflows registered, not polling for workflow tasks';

export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta: LogMetadata = {}) => {
    const workflowId = typeof meta.workflowId === 'string' ? meta.workflowId : undefined;
    const link = workflowId ? parseLinkWorkflowId(workflowId) : undefined;
    const fields = link ? { flow: link.flow, link: workflowId, aId: link.aId, ...meta } : meta;
    logger[message === BY_DESIGN ? 'debug' : LEVELS[level]](fields, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
