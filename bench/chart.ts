// An SVG chart of every backfill next to the JSON: the share of B records created over time,
// time measured in floors (the rate-limits-on floor, or the plain floor when limits are off), so
// that every N fits one axis and the floor is the line at 1. Written by hand: no chart library.
import { writeFileSync } from 'node:fs';
import type { SizeResult } from './runSize.js';

const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { left: 56, right: 190, top: 24, bottom: 44 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

interface Series {
  label: string;
  points: Array<[number, number]>;
}

function seriesOf(results: SizeResult[]): Series[] {
  return results.flatMap((result) =>
    (['on', 'off'] as const).flatMap((mode) => {
      const backfill = result.runs[mode]?.backfill;
      const floorSeconds = mode === 'on' ? backfill?.floor.seconds : result.plain?.seconds;
      if (!backfill || !floorSeconds) return [];
      const total = Math.max(
        1,
        Object.values(backfill.expectedCreates).reduce((sum, n) => sum + n, 0),
      );
      const points = backfill.timeline.map(({ seconds, creates }): [number, number] => [
        seconds / floorSeconds,
        creates / total,
      ]);
      points.push([backfill.wallSeconds / floorSeconds, backfill.createdInB / total]);
      return [{ label: `N=${result.n}, limits ${mode}`, points }];
    }),
  );
}

export function writeChart(file: string, results: SizeResult[]): void {
  const series = seriesOf(results);
  const maxX = Math.max(1.5, ...series.flatMap(({ points }) => points.map(([x]) => x)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (value: number) => MARGIN.left + (value / maxX) * plotWidth;
  const y = (share: number) => MARGIN.top + (1 - share) * plotHeight;
  const text = (tx: number, ty: number, content: string, anchor = 'middle') =>
    `<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="${anchor}">${content}</text>`;
  const vertical = (at: number, label: string, dash: string, anchor: 'start' | 'end') =>
    `<line x1="${x(at)}" x2="${x(at)}" y1="${y(0)}" y2="${y(1)}" stroke="#888" stroke-dasharray="${dash}"/>` +
    text(x(at) + (anchor === 'start' ? 3 : -3), MARGIN.top - 6, label, anchor);

  const ticks = Array.from({ length: 5 }, (_, i) => (maxX * i) / 4);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333"/>`,
    ...ticks.map((tick) => text(x(tick), y(0) + 16, `${tick.toFixed(1)}×`)),
    ...[0, 0.5, 1].map((share) => text(MARGIN.left - 6, y(share) + 4, `${share * 100}%`, 'end')),
    text(MARGIN.left + plotWidth / 2, HEIGHT - 8, 'time since startSync, in floors'),
    `<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">B records created</text>`,
    vertical(1, 'floor', '2 2', 'end'),
    vertical(1.15, '1.15×', '6 3', 'start'),
    ...series.map(({ label, points }, i) => {
      const colour = COLOURS[i % COLOURS.length]!;
      const path = points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
      const legendY = MARGIN.top + 14 + i * 18;
      return (
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${path}"/>` +
        `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"/>` +
        text(WIDTH - MARGIN.right + 38, legendY, label, 'start')
      );
    }),
    '</svg>',
  ];
  writeFileSync(file, `${parts.join('\n')}\n`);
}
