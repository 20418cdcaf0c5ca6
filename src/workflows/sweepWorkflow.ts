// The reconciliation sweep: every datatype of every flow read in full, on a slow schedule and on
// demand, to repair what the change feeds missed and to find records that were deleted.
import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SweepActivities, SweepDatatypeResult } from '../activities/sweepActivities.js';
import { apiTaskQueue } from '../ids.js';
import { datatypesInUse } from '../mappings/index.js';

export interface SweepReport {
  startedAt: string;
  finishedAt: string;
  datatypes: SweepDatatypeResult[];
  /** Datatypes the API would not list, with its words; the others were swept all the same. */
  failed: Array<{ system: string; datatype: string; reason: string }>;
}

export async function sweepWorkflow(): Promise<SweepReport> {
  const startedAt = workflowInfo().startTime.toISOString();
  const datatypes: SweepDatatypeResult[] = [];
  const failed: SweepReport['failed'] = [];
  for (const { system, datatype } of datatypesInUse()) {
    const { sweepDatatype } = proxyActivities<SweepActivities>({
      taskQueue: apiTaskQueue(system),
      startToCloseTimeout: '6h',
      heartbeatTimeout: '1m',
      retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
    });
    try {
      datatypes.push(await sweepDatatype({ system, datatype }));
    } catch (error) {
      // One datatype the API refuses to list leaves no other unswept (DATAFLOWS.md rule 8).
      if (!(error instanceof ActivityFailure)) throw error;
      failed.push({ system, datatype, reason: error.cause?.message ?? error.message });
    }
  }
  const report = { startedAt, finishedAt: new Date().toISOString(), datatypes, failed };
  if (failed.length === 0) return report;
  // Failed, so the Web UI shows it; the report of what was swept goes with the failure.
  const which = failed.map(({ system, datatype, reason }) => `${system} ${datatype} (${reason})`);
  throw ApplicationFailure.create({
    type: 'SweepIncomplete',
    message: `The sweep could not list ${which.join('; ')}; it swept every other datatype`,
    nonRetryable: true,
    details: [report],
  });
}
