// An activity's heartbeats all carry its progress, the point its next attempt goes on from (the
// server keeps only the last heartbeat's details, so one without it would erase it).
import { Context } from '@temporalio/activity';

const progressOf = new WeakMap<Context, Record<string, unknown>>();

/** Records how far the activity has come, and heartbeats it. */
export function heartbeatProgress(progress: Record<string, unknown>): void {
  progressOf.set(Context.current(), progress);
  heartbeat();
}

/** Heartbeats the activity's progress, with what it is doing now (the Web UI shows both). */
export function heartbeat(doing?: Record<string, unknown>): void {
  const context = Context.current();
  context.heartbeat({ ...progressOf.get(context), ...doing });
}

/** The progress the activity's previous attempt heartbeated last, if any. */
export function previousProgress(): unknown {
  return Context.current().info.heartbeatDetails;
}
