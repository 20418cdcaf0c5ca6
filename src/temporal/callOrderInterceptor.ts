// An activity's API calls rank by when it was first scheduled (src/systems/http/callOrder.ts): the
// work Temporal was given first gets its calls first, and a retried activity keeps its place.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { inCallOrder } from '../systems/http/callOrder.js';

export const callOrderInterceptor: ActivityInterceptorsFactory = (context) => ({
  inbound: {
    execute: (input, next) => inCallOrder(context.info.scheduledTimestampMs, () => next(input)),
  },
});
