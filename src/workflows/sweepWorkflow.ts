// The reconciliation sweep: every datatype of every flow read in full, on a slow schedule and on
// demand, to repair what the change feeds missed and to find records that were deleted.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SweepActivities, SweepDatatypeResult } from '../activities/sweepActivities.js';
import { apiTaskQueue } from '../ids.js';
import { datatypesInUse } from '../mappings/index.js';

export interface SweepReport {
  startedAt: string;
  finishedAt: string;
  datatypes: SweepDatatypeResult[];
}

export async function sweepWorkflow(): Promise<SweepReport> {
  const startedAt = workflowInfo().startTime.toISOString();
  const datatypes: SweepDatatypeResult[] = [];
  for (const { system, datatype } of datatypesInUse()) {
    const { sweepDatatype } = proxyActivities<SweepActivities>({
      taskQueue: apiTaskQueue(system),
      startToCloseTimeout: '6h',
      heartbeatTimeout: '1m',
      retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
    });
    datatypes.push(await sweepDatatype({ system, datatype }));
  }
  return { startedAt, finishedAt: new Date().toISOString(), datatypes };
}
