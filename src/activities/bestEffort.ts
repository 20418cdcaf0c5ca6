// Work done for a whole page only to save calls (the first listing's searches): when it fails, the
// links do their own calls instead, so the failure is logged, the result is undefined and the page
// goes on. Cancellation stays cancellation.
import { Context, log } from '@temporalio/activity';

export async function bestEffort<T>(
  failed: string,
  details: Record<string, unknown>,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  const { cancellationSignal } = Context.current();
  try {
    return await work(cancellationSignal);
  } catch (error) {
    if (cancellationSignal.aborted) throw error;
    log.warn(failed, { ...details, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
