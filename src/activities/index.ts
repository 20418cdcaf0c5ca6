// All activities, built from their dependencies (the samples' `createActivities(deps)`).
import type { Client } from '@temporalio/client';
import { createApiActivities, type Adapters } from './apiActivities.js';
import { createDelivery } from './delivery.js';
import { createFeedActivities, type FeedOptions } from './feedActivities.js';
import { createSweepActivities } from './sweepActivities.js';
import { createLinkActivities } from './linkActivities.js';
import { mappingActivities } from './mappingActivities.js';

export interface ActivityDependencies {
  adapters: Adapters;
  client: Client;
  feed: FeedOptions;
}

/** Activities for the workflow task queue: mapping (run as local activities) and link-to-link calls. */
export function createEngineActivities({ client }: ActivityDependencies) {
  return { ...mappingActivities, ...createLinkActivities(client) };
}

/** Activities for an API's task queue: each one makes that API's calls. */
export function createApiQueueActivities({ adapters, client, feed }: ActivityDependencies) {
  const delivery = createDelivery(client, feed.concurrency);
  return {
    ...createApiActivities(adapters),
    ...createFeedActivities(adapters, delivery, feed),
    ...createSweepActivities(adapters, client, delivery, feed),
  };
}
