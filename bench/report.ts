// The results as a terminal table — one column per N, each figure next to its target with
// met / not met (reportRows.ts) — and as a JSON file.
import Table from 'cli-table3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { reportRows, TARGETS } from './reportRows.js';
import type { SizeResult } from './runSize.js';

export function printReport(results: SizeResult[], pollSeconds: number): void {
  const table = new Table({
    head: ['figure', 'target', ...results.map((result) => `N = ${result.n}`)],
    // Colours only on a terminal: a table piped to a file stays plain text.
    ...(!process.stdout.isTTY && { style: { head: [], border: [] } }),
  });
  for (const row of reportRows(results, pollSeconds)) {
    table.push(
      typeof row === 'string'
        ? [{ colSpan: results.length + 2, content: row }]
        : [row.label, row.target, ...row.cells],
    );
  }
  console.log(table.toString());
}

export function writeReport(file: string, results: SizeResult[], options: object, startedAt: Date): void {
  mkdirSync(dirname(file), { recursive: true });
  const [cpu] = cpus();
  const machine = { cpus: cpus().length, cpu: cpu?.model, node: process.version, platform: process.platform };
  const report = { startedAt, finishedAt: new Date(), options, targets: TARGETS, machine, results };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
