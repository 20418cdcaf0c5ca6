// Credentials stay in the worker's memory: a worker process that syncs with distinctive keys, and
// then one whose key the API refuses, leaves none of them — nor an access token the APIs issued —
// in its log output (at debug), in any workflow history or in any search attribute.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { linkWorkflowId } from '../src/ids.js';
import { forceResyncSignal } from '../src/workflows/linkMessages.js';
import { adminOf, type Fields } from './support/admin.js';
import { historyText } from './support/historyText.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';
import { startWorkerProcess, type WorkerProcess } from './support/workerProcess.js';

const unique = randomBytes(6).toString('hex');
const v2Keys = {
  applicationKey: `v2-application-${unique}`,
  clientKey: `v2-client-${unique}`,
  subscriptionKey: `v2-subscription-${unique}`,
};
const v1Keys = { applicationKey: `v1-application-${unique}`, clientKey: `v1-client-${unique}` };
const wrongClientKey = `v2-wrong-client-${unique}`;
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
/** Every secret, as given and as the Authorization: Basic header carries it. */
const secrets = [
  ...Object.values(v2Keys),
  ...Object.values(v1Keys),
  wrongClientKey,
  basic(v2Keys.applicationKey, v2Keys.clientKey),
  basic(v2Keys.applicationKey, wrongClientKey),
  basic(v1Keys.applicationKey, v1Keys.clientKey),
];
/** The simulators' access tokens: base64url of `{"sub":…}`, a dot, an HMAC-SHA256 in base64url. */
const ACCESS_TOKEN = /eyJzdWIiOi[\w-]+\.[\w-]{43}/;

/** The log line of the API refusing the wrong key. */
const refusal = (log: string) =>
  log.split('\n').find((line) => line.includes('"level":"warn"') && line.includes('invalid_client'));

function assertNoSecret(text: string, where: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} holds a credential`);
  assert.doesNotMatch(text, ACCESS_TOKEN, `${where} holds an access token`);
}

describe('credentials stay secret', function () {
  this.timeout(180_000);
  let stack: SyncStack;
  const workers: WorkerProcess[] = [];
  const suppliers: Fields[] = [];

  before(async () => {
    stack = await startSyncStack({
      v2: { credentials: v2Keys },
      v1: { credentials: v1Keys },
      env: {
        POWEROFFICEGO_APPLICATION_KEY: v2Keys.applicationKey,
        POWEROFFICEGO_CLIENT_KEY: v2Keys.clientKey,
        POWEROFFICEGO_SUBSCRIPTION_KEY: v2Keys.subscriptionKey,
        POWEROFFICEGOV1_APPLICATION_KEY: v1Keys.applicationKey,
        POWEROFFICEGOV1_CLIENT_KEY: v1Keys.clientKey,
        // The SDK logs the most at debug, the worker's options among it.
        LOG_LEVEL: 'debug',
      },
    });
  });

  after(async () => {
    for (const worker of workers) await worker.stop();
    await stack?.stop();
  });

  it('recognizes the access tokens the simulators issue', async () => {
    const reply = await fetch(`${stack.v1.url}/OAuth/Token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic(v1Keys.applicationKey, v1Keys.clientKey)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await reply.json()) as { access_token: string };
    assert.match(token, ACCESS_TOKEN);
  });

  it('syncs with the configured keys', async () => {
    const v2 = adminOf(stack.v2);
    for (const name of ['Hemmelig Handel AS', 'Nøkkel Import AS']) {
      suppliers.push(
        await v2.create('supplier', { Name: name, EmailAddress: `post@${unique}.${suppliers.length}.no` }),
      );
    }
    workers.push(startWorkerProcess(stack.env));
    await stack.startSync();
    await eventually(
      async () => ((await adminOf(stack.v1).list('contact')).length === 2 ? true : undefined),
      {
        what: 'both suppliers as contacts in v1',
        timeoutMs: 60_000,
      },
    );
    await workers[0]!.stop();
  });

  it('is refused with a wrong key, and says so', async () => {
    const worker = startWorkerProcess({ ...stack.env, POWEROFFICEGO_CLIENT_KEY: wrongClientKey });
    workers.push(worker);
    // The feeds poll on their own; a resync makes a link read its Powerofficego record too.
    await stack.client.workflow
      .getHandle(linkWorkflowId('supplier-contact', String(suppliers[0]!.Id)))
      .signal(forceResyncSignal);
    await eventually(async () => (refusal(worker.stdout()) ? true : undefined), {
      what: 'the refusal in the log',
      timeoutMs: 60_000,
    });
    await worker.stop();
  });

  it('leaves no credential or token in the worker processes’ output', () => {
    const output = workers.map((worker) => worker.stdout() + worker.stderr()).join('\n');
    assert.match(output, /"msg":"Created a record"/, 'the output is the worker’s log');
    assert.ok(refusal(output), 'the refusal is in it');
    assertNoSecret(output, 'the log');
  });

  it('leaves no credential or token in any workflow history or search attribute', async () => {
    let executions = 0;
    for await (const execution of stack.client.workflow.list()) {
      executions += 1;
      const where = `${execution.workflowId} (${execution.runId})`;
      const history = await stack.client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .fetchHistory();
      assertNoSecret(historyText(history), `the history of ${where}`);
      const attributes = JSON.stringify([
        execution.searchAttributes,
        execution.typedSearchAttributes,
        execution.memo,
      ]);
      assertNoSecret(attributes, `the search attributes of ${where}`);
    }
    assert.ok(executions >= 3, 'the feeds and the links');
  });
});
