// The custom search attributes every link carries, typed. `npm start` registers them on the dev
// server; docker-compose registers them on the cluster.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SyncFlow = defineSearchAttributeKey('SyncFlow', SearchAttributeType.KEYWORD);
export const SyncAId = defineSearchAttributeKey('SyncAId', SearchAttributeType.KEYWORD);
export const SyncBId = defineSearchAttributeKey('SyncBId', SearchAttributeType.KEYWORD);
export const SyncLinkState = defineSearchAttributeKey('SyncLinkState', SearchAttributeType.KEYWORD);

export const allSearchAttributes = [SyncFlow, SyncAId, SyncBId, SyncLinkState];
