// The backfill's window (SYNC_BACKFILL_WINDOW): a first listing starts new links only as fast as
// the links already started are looked at, and still links every record.
import { strict as assert } from 'node:assert';
import { countLinks } from '../src/temporal/linksQuery.js';
import type { LinkStatus } from '../src/workflows/linkState.js';
import { adminOf } from './support/admin.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';

const SUPPLIERS = 60;
const WINDOW = 5;

describe('backfill window', function () {
  this.timeout(180_000);
  let stack: SyncStack;

  before(async () => {
    stack = await startSyncStack({ env: { SYNC_BACKFILL_WINDOW: String(WINDOW) } });
    // Suppliers only (the seed gives some contact persons too): one feed lists, one window to watch.
    const v2 = adminOf(stack.v2);
    for (let i = 1; i <= SUPPLIERS; i++) {
      await v2.create('supplier', { Name: `Leverandør ${i} AS`, EmailAddress: `post@leverandor${i}.no` });
    }
    await stack.startWorkers();
  });

  after(async () => stack?.stop());

  it(`keeps at most ${WINDOW} links new at once and links all ${SUPPLIERS} suppliers`, async () => {
    const count = (state: LinkStatus) => countLinks(stack.client, { states: [state] });
    let mostNew = 0;
    await stack.startSync();
    await eventually(
      async () => {
        mostNew = Math.max(mostNew, await count('new'));
        return (await count('linked')) === SUPPLIERS ? true : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 100, what: `${SUPPLIERS} linked suppliers` },
    );
    // Unpaced, the feed starts all 60 within a second. The slack is for the search index, which
    // shows a link just started a moment later.
    assert.ok(mostNew <= 2 * WINDOW, `at most ${2 * WINDOW} new links seen at once, saw ${mostNew}`);
    assert.ok(mostNew > 0, 'the sampling saw the links while they were new');
    assert.equal((await adminOf(stack.v1).list('contact')).length, SUPPLIERS);
  });
});

describe('backfill window: parents first', function () {
  this.timeout(180_000);
  const CUSTOMERS = 50;
  /** The last customers listed have a contact person each: their feed lists them first. */
  const WITH_PERSON = 10;
  let stack: SyncStack;

  before(async () => {
    stack = await startSyncStack({ env: { SYNC_BACKFILL_WINDOW: String(WINDOW) } });
    const v2 = adminOf(stack.v2);
    for (let i = 1; i <= CUSTOMERS; i++) {
      const customer = await v2.create('customer', {
        Name: `Kunde ${i} AS`,
        EmailAddress: `post@kunde${i}.no`,
      });
      if (i <= CUSTOMERS - WITH_PERSON) continue;
      await v2.create('contactperson', {
        ContactId: customer.Id,
        FirstName: `Person${i}`,
        LastName: 'Kontakt',
        EmailAddress: `person${i}@kunde${i}.no`,
      });
    }
    await stack.startWorkers();
  });

  after(async () => stack?.stop());

  it('starts a contact person once its customer’s feed has started the customer’s link', async () => {
    await stack.startSync();
    const v1 = adminOf(stack.v1);
    await eventually(
      async () => ((await v1.list('contactperson')).length === WITH_PERSON ? true : undefined),
      { timeoutMs: 150_000, what: `${WITH_PERSON} contact persons in v1` },
    );
    // A parent link started by its child before its own feed reached it reads its record from A.
    const { requests } = await adminOf(stack.v2).stats();
    const customerReads = Object.entries(requests)
      .filter(([route]) => route.startsWith('GET /v2/Customers/'))
      .reduce((sum, [, count]) => sum + count, 0);
    assert.equal(customerReads, 0, 'every customer link had its record from the feed');
    assert.equal((await v1.list('customer')).length, WITH_PERSON);
  });
});
