// What a chaos run is asked to do: sizes, seed, how long, how rough. `--small` is the preset the
// test runs; explicit options still win over it.

export interface ChaosOptions {
  suppliers: number;
  customers: number;
  employees: number;
  seed: number;
  /** How long edits, kills and faults go on. */
  durationMs: number;
  /** Worker SIGKILLs, at least. */
  kills: number;
  /** Edits per second, across both sides. */
  editRate: number;
  /** At most this long for half the suppliers to be linked before the chaos begins. */
  warmUpMs: number;
  /** Once the chaos stops, how long the sync may go without any progress before the run gives up on it settling. */
  settleTimeoutMs: number;
  /** Run the reconciliation sweep after the first check, and check again. */
  sweep: boolean;
  /** Keep the run's directory (dev server database, worker logs) even when nothing failed. */
  keep: boolean;
}

export const fullSize: ChaosOptions = {
  suppliers: 1000,
  customers: 300,
  employees: 50,
  seed: 1,
  durationMs: 120_000,
  kills: 5,
  editRate: 4,
  warmUpMs: 120_000,
  settleTimeoutMs: 120_000,
  sweep: true,
  keep: false,
};

export const smallSize: ChaosOptions = {
  ...fullSize,
  suppliers: 60,
  customers: 20,
  employees: 5,
  durationMs: 40_000,
  kills: 3,
  editRate: 2,
  warmUpMs: 20_000,
  settleTimeoutMs: 60_000,
};

/** `500ms`, `40s`, `2m` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 500ms, 40s or 2m`);
  const factor = { ms: 1, s: 1_000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return Math.round(Number(match[1]) * factor);
}

export function formatDuration(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
