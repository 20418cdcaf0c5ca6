// The changes feeds handed a link, read from its history: the one it was started with (a feed's
// first listing starts a link with its record, see delivery.ts) and every `recordChanged` signal.
import { defaultPayloadConverter } from '@temporalio/common';
import type proto from '@temporalio/proto';
import type { LinkInput, RecordChangedInput } from '../../src/workflows/linkMessages.js';

export function deliveredChanges(
  events: proto.temporal.api.history.v1.IHistoryEvent[],
): RecordChangedInput[] {
  return events.flatMap((event) => {
    const started = event.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (started) return defaultPayloadConverter.fromPayload<LinkInput>(started).change ?? [];
    const signal = event.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== 'recordChanged') return [];
    return [defaultPayloadConverter.fromPayload<RecordChangedInput>(signal.input!.payloads![0]!)];
  });
}
