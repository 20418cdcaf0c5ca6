// How a backfill shows its progress: a live bar on a terminal, plain lines otherwise (logs, tests).
// Both go to stderr, so stdout holds only the summary.
import { SingleBar } from 'cli-progress';
import { describeCounts, totalLinks, type GroupCounts } from './visibility.js';

export interface BackfillMoment {
  counts: GroupCounts;
  elapsedMs: number;
  /** Feeds that have not finished a poll since the backfill began. */
  feedsPending: number;
}

export interface BackfillProgress {
  show(moment: BackfillMoment): void;
  stop(): void;
}

const feedsNote = (pending: number) => (pending > 0 ? ` (${pending} feed(s) yet to finish a poll)` : '');

function bar(stream: NodeJS.WriteStream): BackfillProgress {
  const progress = new SingleBar({
    stream,
    hideCursor: true,
    format:
      'backfill {bar} {value}/{total} links settled | linked {linked} | waiting {waiting} | parked {parked} | new {new} | {duration}s{feeds}',
  });
  let started = false;
  return {
    show({ counts, feedsPending }) {
      const [total, payload] = [totalLinks(counts), { ...counts, feeds: feedsNote(feedsPending) }];
      if (!started) progress.start(total, total - counts.new, payload);
      else {
        progress.setTotal(total);
        progress.update(total - counts.new, payload);
      }
      started = true;
    },
    stop: () => progress.stop(),
  };
}

/** One line whenever something changed. */
function lines(stream: NodeJS.WriteStream): BackfillProgress {
  let last = '';
  return {
    show({ counts, elapsedMs, feedsPending }) {
      const line = `${describeCounts(counts)}${feedsNote(feedsPending)}`;
      if (line !== last) stream.write(`backfill ${(elapsedMs / 1000).toFixed(1)} s  ${line}\n`);
      last = line;
    },
    stop: () => undefined,
  };
}

export function backfillProgress(stream: NodeJS.WriteStream = process.stderr): BackfillProgress {
  return stream.isTTY ? bar(stream) : lines(stream);
}
