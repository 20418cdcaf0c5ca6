// CPU time a process has used (user + system), to tell where a backfill's time goes: in the
// worker, in the Temporal dev server, or in this process (which runs both simulators).
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux the benchmark runs on. */
const TICKS_PER_SECOND = 100;

export interface CpuSeconds {
  worker: number;
  devServer: number;
  simulators: number;
}

/** Seconds of CPU used so far; 0 where /proc is not there (macOS). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A reading of all three now; `since(earlier)` gives what each used in between. */
export function readCpu(workerPid: number | undefined, devServerPid: number | undefined): CpuSeconds {
  const own = process.cpuUsage();
  return {
    worker: cpuSecondsOf(workerPid),
    devServer: cpuSecondsOf(devServerPid),
    simulators: (own.user + own.system) / 1e6,
  };
}

export function cpuSince(earlier: CpuSeconds, later: CpuSeconds): CpuSeconds {
  return {
    worker: later.worker - earlier.worker,
    devServer: later.devServer - earlier.devServer,
    simulators: later.simulators - earlier.simulators,
  };
}
