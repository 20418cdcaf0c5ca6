// Peak resident memory of processes, sampled every 500 ms from /proc/<pid>/status: VmHWM is the
// kernel's own high-water mark since the process started (for the worker: bundling the workflows
// included), the highest VmRSS sampled is the peak while measured. Where there is no /proc
// (macOS), `ps -o rss=` gives both.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const SAMPLE_MS = 500;
const hasProc = existsSync('/proc/self/status');

export interface PeakRss {
  /** RSS when measuring began (the worker ready, its workflows bundled), in MB. */
  atStart: number;
  /** VmHWM: the peak since the process started, in MB. */
  sinceStart: number;
  /** The highest RSS sampled while measured, in MB. */
  measured: number;
}

export class MemorySampler {
  /** In kB while sampling. */
  readonly #peakKb = new Map<string, PeakRss>();
  readonly #timer: NodeJS.Timeout;

  /** `pids`: a name for each process, e.g. `{ worker: 1234, devServer: 1235 }`. */
  constructor(private readonly pids: Record<string, number | undefined>) {
    this.#timer = setInterval(() => this.#sample(), SAMPLE_MS);
    this.#sample();
  }

  /** Stops sampling; the peak of each process in MB. */
  stop(): Record<string, PeakRss> {
    this.#sample();
    clearInterval(this.#timer);
    const mb = (kb: number) => Math.round(kb / 1024);
    return Object.fromEntries(
      [...this.#peakKb].map(([name, kb]) => [
        name,
        { atStart: mb(kb.atStart), sinceStart: mb(kb.sinceStart), measured: mb(kb.measured) },
      ]),
    );
  }

  #sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const kb = pid === undefined ? undefined : memoryKbOf(pid);
      if (!kb) continue;
      const peak = this.#peakKb.get(name) ?? { atStart: kb.rss, sinceStart: 0, measured: 0 };
      this.#peakKb.set(name, {
        atStart: peak.atStart,
        sinceStart: Math.max(peak.sinceStart, kb.hwm),
        measured: Math.max(peak.measured, kb.rss),
      });
    }
  }
}

/** The process's high-water mark and current RSS in kB; undefined once it has exited. */
function memoryKbOf(pid: number): { hwm: number; rss: number } | undefined {
  try {
    if (!hasProc) {
      const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }));
      return { hwm: rss, rss };
    }
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: field('VmHWM'), rss: field('VmRSS') };
  } catch {
    return undefined;
  }
}
