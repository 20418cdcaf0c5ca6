// A change feed's cost when nothing changes: each poll reads back an overlap's worth of changes
// (SYNC_FEED_OVERLAP_MS), but a burst of changes — an import, a seed — must not be read back at
// every poll until something newer comes, or idle polling would cost more the larger the burst.
// And a feed's runs: short, so that a restarted worker replays them quickly, each going on from
// where the one before stopped.
import { strict as assert } from 'node:assert';
import { setTimeout as pause } from 'node:timers/promises';
import { ConfigError, loadConfig } from '../src/config.js';
import { feedWorkflowId } from '../src/ids.js';
import { defaultPayloadConverter } from '@temporalio/common';
import { getFeedStateQuery, type ChangeFeedInput } from '../src/workflows/changeFeedWorkflow.js';
import { adminOf } from './support/admin.js';
import { placeholderApis } from './support/placeholderApis.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';

describe('a change feed after a burst of changes', function () {
  this.timeout(180_000);
  let stack: SyncStack;

  // Pages of 2: a burst of 12 read back would cost 7 list calls a poll instead of 1.
  before(async () => {
    stack = await startSyncStack({ env: { SYNC_PAGE_SIZE: '2' } });
  });

  after(async () => stack?.stop());

  it('polls with one call each once the burst is an overlap old, and keeps none of it as seen', async () => {
    const v2 = adminOf(stack.v2);
    for (let i = 1; i <= 12; i++) {
      await v2.create('supplier', { Name: `Puljen ${i} AS`, EmailAddress: `post${i}@puljen.no` });
    }
    await stack.startWorkers();
    await stack.startSync();
    await eventually(
      async () => ((await adminOf(stack.v1).list('contact')).length === 12 ? true : undefined),
      { what: 'twelve contacts in v1' },
    );
    // Two overlaps (2 s each in tests) and a poll: every poll from now on starts after the burst.
    await pause(5_000);

    const feed = stack.client.workflow.getHandle(feedWorkflowId('powerofficego', 'supplier'));
    const before = await feed.query(getFeedStateQuery);
    await v2.resetStats();
    await pause(3_000);
    const listCalls = (await v2.stats()).requests['GET /v2/Suppliers'] ?? 0;
    const after = await feed.query(getFeedStateQuery);

    const polls = after.polls - before.polls;
    assert.ok(polls >= 3, `the feed polled (${polls} polls in 3 s)`);
    // One poll may be under way at either end of the window.
    assert.ok(listCalls <= polls + 1, `${listCalls} list calls for ${polls} polls`);
    assert.deepEqual(after.cursor.seen, []);
    const behind = Date.now() - Date.parse(after.cursor.since!);
    assert.ok(behind < 3 * stack.config.SYNC_FEED_OVERLAP_MS, `the cursor is ${behind} ms behind the clock`);
  });

  it('continues as new from its cursor and last poll, and goes on handing changes over', async () => {
    const feed = stack.client.workflow.getHandle(feedWorkflowId('powerofficego', 'supplier'));
    const first = await feed.describe();
    const second = await eventually(
      async () => {
        const { runId } = await feed.describe();
        return runId !== first.runId ? runId : undefined;
      },
      { what: 'a second run of the feed', timeoutMs: 90_000 },
    );
    const { events } = await stack.client.workflow.getHandle(feed.workflowId, second).fetchHistory();
    const [payload] = events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const input = defaultPayloadConverter.fromPayload<ChangeFeedInput>(payload!);
    assert.ok(input.cursor?.since, "the second run starts from the first run's cursor");
    assert.ok(input.lastPoll?.lastPollAt, "and shows the first run's last poll until its own");

    const v2 = adminOf(stack.v2);
    const [supplier] = await v2.list('supplier');
    await v2.edit('supplier', supplier!.Id as number, { Name: 'Puljen omdøpt AS' });
    await eventually(
      async () => {
        const contacts = await adminOf(stack.v1).list('contact');
        return contacts.some((contact) => contact.Name === 'Puljen omdøpt AS') ? true : undefined;
      },
      { what: "the renamed supplier's contact in v1" },
    );
  });
});

describe('change feeds of APIs whose clocks run behind the worker’s', function () {
  this.timeout(180_000);
  // Well beyond the tests' overlap (2 s) and poll interval (0.5 s): a cursor on the worker's clock
  // would run ahead of every change the APIs stamp.
  const behindMs = 20_000;
  let stack: SyncStack;

  before(async () => {
    stack = await startSyncStack({ v2: { clockOffsetMs: -behindMs }, v1: { clockOffsetMs: -behindMs } });
  });

  after(async () => stack?.stop());

  it('reads where a poll began on the API’s clock, so edits on either side still come through', async () => {
    const v2 = adminOf(stack.v2);
    const v1 = adminOf(stack.v1);
    const supplier = await v2.create('supplier', { Name: 'Etterslep AS', EmailAddress: 'post@etterslep.no' });
    await stack.startWorkers();
    await stack.startSync();
    const contact = await eventually(
      async () => (await v1.list('contact')).find((record) => record.Name === 'Etterslep AS'),
      { what: 'the contact in v1' },
    );
    // Past the first listing: from here on only the feeds' polls carry edits.
    await pause(3_000);

    await v2.edit('supplier', supplier.Id as number, { Name: 'Etterslep Nord AS' });
    await eventually(
      async () =>
        (await v1.get('contact', contact.ContactId as number)).Name === 'Etterslep Nord AS'
          ? true
          : undefined,
      { what: 'the edit in A to reach B', timeoutMs: 15_000 },
    );
    await v1.edit('contact', contact.ContactId as number, { Phones: [{ Value: '+47 22 33 44 55' }] });
    await eventually(
      async () =>
        (await v2.get('supplier', supplier.Id as number)).PhoneNumber === '+47 22 33 44 55'
          ? true
          : undefined,
      { what: 'the edit in B to reach A', timeoutMs: 15_000 },
    );

    const feed = stack.client.workflow.getHandle(feedWorkflowId('powerofficego', 'supplier'));
    const { cursor } = await feed.query(getFeedStateQuery);
    const ahead = Date.parse(cursor.since!) - (Date.now() - behindMs);
    assert.ok(ahead <= 1_000, `the cursor is ${ahead} ms ahead of the API's clock`);
  });
});

describe('the feeds’ overlap setting', () => {
  it('refuses an overlap under a second, naming the variable and why', () => {
    assert.throws(
      () => loadConfig({ ...placeholderApis, SYNC_FEED_OVERLAP_MS: '0' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /SYNC_FEED_OVERLAP_MS is invalid: at least 1000 ms: less lets a feed miss writes/.test(error.message),
    );
    assert.equal(loadConfig({ ...placeholderApis, SYNC_FEED_OVERLAP_MS: '1000' }).SYNC_FEED_OVERLAP_MS, 1000);
  });
});
