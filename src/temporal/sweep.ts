// The reconciliation sweep's schedule (nightly by default) and a sweep on demand.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { WORKFLOW_TASK_QUEUE } from '../ids.js';
import type { SweepReport } from '../workflows/sweepWorkflow.js';

export const SWEEP_SCHEDULE_ID = 'reconciliation-sweep';

/** Creates the sweep's schedule; true when it was created, false when it already existed. */
export async function scheduleSweep(client: Client, cron: string): Promise<boolean> {
  try {
    await client.schedule.create({
      scheduleId: SWEEP_SCHEDULE_ID,
      spec: { cronExpressions: [cron] },
      action: {
        type: 'startWorkflow',
        workflowType: 'sweepWorkflow',
        taskQueue: WORKFLOW_TASK_QUEUE,
        args: [],
      },
      // A sweep still running when the next is due: the next is skipped, not queued.
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
    return true;
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return false;
    throw error;
  }
}

/** Runs a sweep now and waits for its report. */
export function sweepNow(client: Client): Promise<SweepReport> {
  return client.workflow.execute('sweepWorkflow', {
    workflowId: `sweep:${new Date().toISOString()}`,
    taskQueue: WORKFLOW_TASK_QUEUE,
    args: [],
  });
}
