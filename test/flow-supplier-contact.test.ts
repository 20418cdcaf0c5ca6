// Flow 3 end to end: the real worker against a real Temporal dev server and both simulators.
import { strict as assert } from 'node:assert';
import { defaultPayloadConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import { readFile } from 'node:fs/promises';
import { SyncAId, SyncBId, SyncFlow, SyncLinkState } from '../src/searchAttributes.js';
import { sweepNow } from '../src/temporal/sweep.js';
import type { LinkInput } from '../src/workflows/linkMessages.js';
import { startLinkOptions } from '../src/workflows/startLinkOptions.js';
import { adminOf, type Admin, type Fields } from './support/admin.js';
import { deliveredChanges } from './support/deliveredChanges.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';

const settle = (ms = 2_500) => new Promise((resolve) => setTimeout(resolve, ms));

describe('flow supplier → contact, end to end', function () {
  this.timeout(120_000);
  let stack: SyncStack;
  let v2: Admin;
  let v1: Admin;
  const suppliers: Fields[] = [];
  let matched: Fields;

  before(async () => {
    stack = await startSyncStack();
    v2 = adminOf(stack.v2);
    v1 = adminOf(stack.v1);
    for (const [index, name] of [
      'Fjordkraft Leverandør AS',
      'Nordlys Handel AS',
      'Bergen Verktøy AS',
    ].entries()) {
      suppliers.push(
        await v2.create('supplier', {
          Name: name,
          LegalName: index === 1 ? null : `${name} (juridisk)`,
          EmailAddress: `post${index}@leverandor${index}.no`,
          PhoneNumber: `+47 90 00 00 0${index}`,
          WebsiteUrl: index === 2 ? null : `https://www.leverandor${index}.no/om-oss`,
        }),
      );
    }
    // Already in B with the same e-mail as supplier 0: to be linked, not duplicated.
    matched = await v1.create('contact', { Name: 'Old name', Emails: [{ Value: 'POST0@leverandor0.no' }] });
    await stack.startWorkers();
    // Already running when the first listing comes (as a link another link asked for would be).
    await stack.client.workflow.start(
      'linkWorkflow',
      startLinkOptions(`link:supplier-contact:${suppliers[2]!.Id}`),
    );
    await stack.startSync();
  });

  after(async () => stack?.stop());

  const contactOf = async (supplier: Fields) => {
    const contacts = (await v1.list('contact')).filter(
      (contact) =>
        contact.externalImportReference === `powerofficego:supplier:${supplier.Id}` ||
        (contact.Emails as Fields[] | undefined)?.[0]?.Value?.toString().toLowerCase() ===
          supplier.EmailAddress,
    );
    return contacts.length === 1 ? contacts[0] : undefined;
  };

  it('gives every supplier exactly one Contact with the seed table’s values', async () => {
    await eventually(async () => ((await v1.list('contact')).length === 3 ? true : undefined), {
      what: 'three contacts in v1',
    });
    await settle();
    const contacts = await v1.list('contact');
    assert.equal(contacts.length, 3, 'no duplicates, the existing contact is matched');
    for (const supplier of suppliers) {
      const contact = await contactOf(supplier);
      assert.ok(contact, `one contact for supplier ${supplier.Id}`);
      assert.deepEqual((contact.Emails as Fields[])[0]!.Value, supplier.EmailAddress);
      assert.equal(contact.Name, supplier.LegalName ?? supplier.Name);
      assert.deepEqual((contact.Phones as Fields[])[0]!.Value, supplier.PhoneNumber);
      if (supplier.WebsiteUrl) {
        assert.deepEqual((contact.Urls as Fields[])[0]!.Value, supplier.WebsiteUrl);
        assert.deepEqual(contact.Domains, [`leverandor${suppliers.indexOf(supplier)}.no`]);
      } else {
        assert.deepEqual(contact.Urls ?? [], []);
        assert.deepEqual(contact.Domains ?? [], []);
      }
    }
    assert.equal(
      (await contactOf(suppliers[0]!))!.ContactId,
      matched.ContactId,
      'the matched contact is reused',
    );
  });

  /** The activities and local activities a link scheduled, and the sides of the records feeds delivered to it. */
  const historyOf = async (supplier: Fields) => {
    const { events } = await stack.client.workflow
      .getHandle(`link:supplier-contact:${supplier.Id}`)
      .fetchHistory();
    return {
      activities: (events ?? []).flatMap(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
      ),
      localActivities: (events ?? []).flatMap((event) => {
        const marker = event.markerRecordedEventAttributes?.details?.data?.payloads?.[0];
        return marker
          ? defaultPayloadConverter.fromPayload<{ activity_type: string }>(marker).activity_type
          : [];
      }),
      deliveries: deliveredChanges(events ?? []).map((change) => change.side),
    };
  };

  it('matches the backfill a page at a time, and hands no link back the record it created', async () => {
    await settle(); // the B feed has listed the contacts the links created
    // Supplier 0 has a match in B; supplier 2's link was running before the listing, so read its own.
    for (const supplier of [suppliers[1]!]) {
      const { activities, localActivities, deliveries } = await historyOf(supplier);
      assert.deepEqual(activities, ['createRecord'], 'no search of its own: the feed searched for the page');
      // The feed's plan came with the record and the base with the create: it only tells the customer link.
      assert.deepEqual(localActivities, ['tellLink']);
      assert.deepEqual(deliveries, ['a'], 'its own create is not delivered back to it');
    }
  });

  it('starts a new link with its record, and hands it to a link already running as a signal', async () => {
    const startedWith = async (supplier: Fields) => {
      const { events } = await stack.client.workflow
        .getHandle(`link:supplier-contact:${supplier.Id}`)
        .fetchHistory();
      const [input] = events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
      return { start: defaultPayloadConverter.fromPayload<LinkInput>(input!).change, events: events! };
    };
    const fresh = await startedWith(suppliers[1]!);
    assert.equal(fresh.start?.record.id, String(suppliers[1]!.Id), 'the record came with the start');
    const running = await startedWith(suppliers[2]!);
    assert.equal(running.start, undefined);
    assert.deepEqual(
      deliveredChanges(running.events).map((change) => change.record.id),
      [String(suppliers[2]!.Id)],
      'the record came as a signal',
    );
    assert.ok(await contactOf(suppliers[2]!), 'and the link created its contact');
  });

  it('a supplier added after the backfill searches for its existing contact itself', async () => {
    const existing = await v1.create('contact', { Name: 'Senere AS', Emails: [{ Value: 'post@senere.no' }] });
    const supplier = await v2.create('supplier', { Name: 'Senere AS', EmailAddress: 'POST@senere.no' });
    const linked = await eventually(
      async () => {
        const contact = await v1.get('contact', existing.ContactId as number);
        return contact.externalImportReference === `powerofficego:supplier:${supplier.Id}`
          ? contact
          : undefined;
      },
      { what: 'the existing contact claimed by the new link' },
    );
    assert.equal(linked.ContactId, existing.ContactId);
    assert.ok((await historyOf(supplier)).activities.includes('findExisting'));
    suppliers.push(supplier);
  });

  it('makes each link findable in the Web UI by flow, A id, B id and state, and shows its record’s name', async () => {
    const supplier = suppliers[1]!;
    const contact = (await contactOf(supplier))!;
    const found = [];
    for await (const link of stack.client.workflow.list({
      query: `SyncFlow = 'supplier-contact' AND SyncAId = '${supplier.Id}'`,
    })) {
      found.push(link);
    }
    assert.equal(found.length, 1);
    const attributes = found[0]!.typedSearchAttributes;
    assert.equal(found[0]!.workflowId, `link:supplier-contact:${supplier.Id}`);
    assert.equal(attributes.get(SyncFlow), 'supplier-contact');
    assert.equal(attributes.get(SyncAId), String(supplier.Id));
    assert.equal(attributes.get(SyncBId), String(contact.ContactId));
    assert.equal(attributes.get(SyncLinkState), 'linked');
    assert.equal(found[0]!.memo?.name, 'Nordlys Handel AS', 'the name in the memo');
    const handle = stack.client.workflow.getHandle(found[0]!.workflowId);
    const metadata = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    assert.equal(
      metadata.currentDetails,
      `**Supplier ${supplier.Id}** Nordlys Handel AS → PowerOfficeGov1 Contact ${contact.ContactId}\n\nState: linked`,
      'the summary the Web UI shows',
    );
  });

  it('carries an edit in A to B with one write, and writes nothing back', async () => {
    const supplier = suppliers[1]!;
    await settle();
    await v1.resetStats();
    await v2.resetStats();
    await v2.edit('supplier', supplier.Id as number, { PhoneNumber: '+47 41 41 41 41' });
    await eventually(
      async () =>
        ((await contactOf(supplier))?.Phones as Fields[])?.[0]?.Value === '+47 41 41 41 41' || undefined,
      { what: 'the new phone number in v1' },
    );
    await settle();
    assert.equal(await v1.writes('contact'), 1, 'one write to B');
    assert.equal(await v2.writes('supplier'), 0, 'no echo back to A');
    const { requests } = await v1.stats();
    assert.equal(requests['GET /Contact/:id'], 1, 'one read of B, which verifies and is written over');
  });

  it('carries an edit in B to A with one write, and writes nothing back', async () => {
    const supplier = suppliers[2]!;
    const contact = (await contactOf(supplier))!;
    await settle();
    await v1.resetStats();
    await v2.resetStats();
    await v1.edit('contact', contact.ContactId as number, { Name: 'Bergen Verktøy Holding AS' });
    await eventually(
      async () =>
        (await v2.get('supplier', supplier.Id as number)).LegalName === 'Bergen Verktøy Holding AS' ||
        undefined,
      { what: 'the new name in v2' },
    );
    await settle();
    assert.equal(await v2.writes('supplier'), 1, 'one write to A');
    assert.equal(await v1.writes('contact'), 0, 'no echo back to B');
    const { requests } = await v2.stats();
    assert.equal(requests['GET /v2/Suppliers/:id'], 1, 'one read of A, then one conditional patch');
  });

  it('starts nothing twice when the starter runs again', async () => {
    const again = await stack.startSync();
    assert.equal(again.started.length, 0);
    assert.ok(again.alreadyRunning.includes('feed:powerofficego:supplier'));
  });
});

describe('replay', function () {
  this.timeout(120_000);

  it('replays the recorded histories of every workflow type without non-determinism', async () => {
    const stack = await startSyncStack();
    try {
      const v2 = adminOf(stack.v2);
      const supplier = await v2.create('supplier', { Name: 'Replay AS', EmailAddress: 'replay@example.no' });
      await stack.startWorkers();
      await stack.startSync();
      const contacts = adminOf(stack.v1);
      await eventually(async () => ((await contacts.list('contact')).length === 1 ? true : undefined));
      await v2.edit('supplier', supplier.Id as number, { PhoneNumber: '+47 22 22 22 22' });
      await eventually(async () => {
        const [contact] = await contacts.list('contact');
        return (contact?.Phones as Fields[] | undefined)?.[0]?.Value === '+47 22 22 22 22' || undefined;
      });
      await sweepNow(stack.client);
      const { Worker } = await import('@temporalio/worker');
      const { workflowBundle } = await import('./support/syncStack.js');
      const types = new Set<string>();
      const executions = stack.client.workflow.list({
        query: `ExecutionStatus = 'Running' OR WorkflowType = 'sweepWorkflow'`,
      });
      const histories = (async function* () {
        for await (const execution of executions) {
          types.add(execution.type);
          const history = await stack.client.workflow.getHandle(execution.workflowId).fetchHistory();
          yield { workflowId: execution.workflowId, history };
        }
      })();
      let replayed = 0;
      for await (const result of Worker.runReplayHistories(
        { workflowBundle: await workflowBundle() },
        histories,
      )) {
        assert.equal(result.error, undefined, `${result.workflowId}: ${String(result.error)}`);
        replayed += 1;
      }
      assert.deepEqual([...types].sort(), ['changeFeedWorkflow', 'linkWorkflow', 'sweepWorkflow']);
      assert.ok(replayed >= 10, `replayed ${replayed} histories`);
    } finally {
      await stack.stop();
    }
  });

  it('replays a link established before its plan came with its record and its base with its create', async () => {
    // Recorded by the code before: the link worked both out in local activities of its own, one
    // before the create and one after. A link still running from then must replay those steps.
    const file = new URL('./fixtures/histories/link-established-by-local-activities.json', import.meta.url);
    const { workflowId, history } = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    const recorded = proto.temporal.api.history.v1.History.decode(Buffer.from(history!, 'base64'));
    const kinds = recorded.events.map((event) =>
      event.markerRecordedEventAttributes
        ? 'marker'
        : event.activityTaskScheduledEventAttributes?.activityType?.name,
    );
    const [plan, created] = [kinds.indexOf('marker'), kinds.indexOf('createRecord')];
    assert.ok(
      plan >= 0 && plan < created && kinds.indexOf('marker', created) > created,
      'markers around the create',
    );
    const { Worker } = await import('@temporalio/worker');
    const { workflowBundle } = await import('./support/syncStack.js');
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, recorded, workflowId);
  });
});
