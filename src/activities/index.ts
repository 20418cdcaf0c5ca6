// All activities, built from their dependencies (the samples' `createActivities(deps)`).
import type { Client } from '@temporalio/client';
import { createApiActivities, type Adapters } from './apiActivities.js';
import type { BackfillWindow } from './backfillWindow.js';
import { createDelivery } from './delivery.js';
import { createFeedActivities, type FeedOptions } from './feedActivities.js';
import { createSweepActivities } from './sweepActivities.js';
import { createLinkActivities } from './linkActivities.js';
import { mappingActivities } from './mappingActivities.js';
import type { OwnWrites } from './ownWrites.js';

export interface ActivityDependencies {
  adapters: Adapters;
  client: Client;
  feed: FeedOptions;
  /** One per process, shared by every task queue's activities. */
  ownWrites: OwnWrites;
  /** One per process, shared by every task queue's activities. */
  backfillWindow: BackfillWindow;
}

/** Activities for the workflow task queue: mapping (run as local activities) and link-to-link calls. */
export function createEngineActivities({ client }: ActivityDependencies) {
  return { ...mappingActivities, ...createLinkActivities(client) };
}

/** Activities for an API's task queue: each one makes that API's calls. */
export function createApiQueueActivities({
  adapters,
  client,
  feed,
  ownWrites,
  backfillWindow,
}: ActivityDependencies) {
  const delivery = createDelivery({
    client,
    adapters,
    ownWrites,
    concurrency: feed.concurrency,
    backfillWindow,
  });
  return {
    ...createApiActivities(adapters, ownWrites),
    ...createFeedActivities(adapters, delivery, feed),
    ...createSweepActivities(adapters, client, delivery, feed),
  };
}
