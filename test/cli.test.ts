// The `poweroffice-sync` command line as an operator runs it: a separate process per command, against
// a real stack (Temporal dev server, both simulators, workers), asserting on what it prints. Commands
// that do not depend on each other run at the same time, so their start-ups overlap.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { flows } from '../src/mappings/index.js';
import { adminOf, type Fields } from './support/admin.js';
import { freePort } from './support/freePort.js';
import { startSyncStack, type SyncStack } from './support/syncStack.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs `poweroffice-sync <args>` in its own process, as `npm run poweroffice-sync --` does. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: projectRoot, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** An expected error: exit code 1 and one line on stderr, without a stack trace. */
function errorLine(run: Run): string {
  assert.equal(run.code, 1, `exit code 1; stderr: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
  return run.stderr.trim();
}

describe('the poweroffice-sync command line', function () {
  this.timeout(120_000);
  let stack: SyncStack;
  const seeded: Record<string, Fields> = {};
  // Commands that need no stack, started while it starts.
  let help: Promise<Run>;
  let unknownFlow: Promise<Run>;
  let missingOption: Promise<Run>;
  let unreachable: { address: string; run: Promise<Run> };

  before(async () => {
    help = cli(['--help'], {});
    unknownFlow = cli(['links', '--flow', 'supplier-kontakt'], {});
    missingOption = cli(['resync'], {});
    const address = `127.0.0.1:${await freePort()}`;
    unreachable = { address, run: cli(['status'], { TEMPORAL_ADDRESS: address }) };

    stack = await startSyncStack();
    const v2 = adminOf(stack.v2);
    seeded.fjord = await v2.create('supplier', {
      Name: 'Fjord Leverandør AS',
      EmailAddress: 'post@fjord.no',
    });
    seeded.nordlys = await v2.create('supplier', {
      Name: 'Nordlys Handel AS',
      WebsiteUrl: 'https://nordlys.no',
    });
    // v1 refuses a web address without a scheme: this supplier's link parks as needs-attention.
    seeded.badUrl = await v2.create('supplier', { Name: 'Feil Adresse AS', WebsiteUrl: 'ftp//x' });
    seeded.customer = await v2.create('customer', { Name: 'Kunde Med Kontakt AS' });
    await v2.create('contactperson', { ContactId: seeded.customer.Id, FirstName: 'Kari', LastName: 'Kunde' });
    await stack.startWorkers();
  });

  after(async () => stack?.stop());

  it('lists its commands with --help', async () => {
    const run = await help;
    assert.equal(run.code, 0);
    for (const command of ['start', 'status', 'links', 'explain', 'resync', 'backfill']) {
      assert.match(run.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    }
  });

  it('an unknown flow is an error that lists the flows', async () => {
    const line = errorLine(await unknownFlow);
    assert.match(line, /'supplier-kontakt' is invalid\. Unknown flow\. Flows: (.+)\.$/);
    assert.equal(/Flows: (.+)\.$/.exec(line)![1], flows.map((flow) => flow.name).join(', '));
  });

  it('a missing option says what to pass', async () => {
    assert.equal(errorLine(await missingOption), 'Say which links: --flow <flow> [--id <aId>], or --all.');
  });

  it('a Temporal server that does not answer is named, with what to do', async () => {
    assert.equal(
      errorLine(await unreachable.run),
      `Cannot reach Temporal at ${unreachable.address}: is it running? (npm start starts one)`,
    );
  });

  it('backfill starts the feeds, reports progress as plain lines without a terminal, and ends with its summary', async () => {
    const run = await cli(['backfill', '--timeout', '60s'], stack.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /^backfill \d+\.\d s {2}\d+ links: \d+ linked, \d+ waiting, \d+ parked, \d+ not applicable, \d+ new/m,
    );
    assert.match(
      run.stdout,
      /Backfill done after [\d.]+ s: 6 links: 4 linked, 1 waiting, 1 parked, 0 not applicable, 0 new\.\n$/,
    );
    // Columns: new, waiting-for-dependency, waiting-for-parent, linked, needs-attention, source-missing,
    // target-missing, not-applicable, parked, total.
    assert.match(run.stdout, /^supplier-contact\s+0\s+0\s+0\s+2\s+1\s+0\s+0\s+0\s+1\s+3$/m);
  });

  describe('once synchronized', () => {
    let runs: Record<'statusJson' | 'status' | 'parked' | 'explain' | 'noSuchLink', Promise<Run>>;

    before(() => {
      const env = stack.env;
      runs = {
        statusJson: cli(['status', '--json'], env),
        status: cli(['status'], env),
        parked: cli(['links', '--flow', 'supplier-contact', '--state', 'needs-attention', '--json'], env),
        explain: cli(['explain', 'supplier-contact', String(seeded.fjord!.Id)], {
          ...env,
          TEMPORAL_UI_URL: 'http://ui.example:8080/',
        }),
        noSuchLink: cli(['explain', 'supplier-contact', '999999'], env),
      };
    });

    it('status --json counts each flow’s links by state, and shows each feed’s last poll', async () => {
      const run = await runs.statusJson;
      assert.equal(run.code, 0, run.stderr);
      const status = JSON.parse(run.stdout) as {
        flows: Array<{ flow: string; states: Record<string, number>; parked: number; total: number }>;
        feeds: Array<{ workflowId: string; status: string; lastPollAt?: string; lastResult?: object }>;
      };
      const counts = Object.fromEntries(
        status.flows.map(({ flow, states }) => [
          flow,
          Object.fromEntries(Object.entries(states).filter(([, count]) => count > 0)),
        ]),
      );
      assert.deepEqual(counts, {
        'customer-customer': { linked: 1 },
        'customer-department': { 'waiting-for-dependency': 1 },
        'supplier-contact': { linked: 2, 'needs-attention': 1 },
        'employee-employee': {},
        'contactperson-contactperson': { linked: 1 },
      });
      assert.equal(status.flows.find((flow) => flow.flow === 'supplier-contact')!.parked, 1);
      const supplierFeed = status.feeds.find((feed) => feed.workflowId === 'feed:powerofficego:supplier');
      assert.equal(supplierFeed?.status, 'running');
      assert.ok(supplierFeed.lastPollAt && supplierFeed.lastResult, 'a last poll and its result');
    });

    it('status prints the counts and the feeds as tables', async () => {
      const run = await runs.status;
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^contactperson-contactperson\s+0\s+0\s+0\s+1\s/m);
      assert.match(
        run.stdout,
        /^feed:powerofficegov1:contact\s+running\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+ s ago\)/m,
      );
    });

    it('links lists the parked supplier with the API’s reason', async () => {
      const run = await runs.parked;
      assert.equal(run.code, 0, run.stderr);
      const links = JSON.parse(run.stdout) as Array<Record<string, string | null>>;
      assert.equal(links.length, 1);
      assert.equal(links[0]!.aId, String(seeded.badUrl!.Id));
      assert.equal(links[0]!.bId, null);
      assert.equal(links[0]!.name, 'Feil Adresse AS');
      assert.equal(links[0]!.state, 'needs-attention');
      assert.match(links[0]!.reason ?? '', /Urls.*is not a valid web address/);
    });

    it('explain tells one link’s story: ids, base values, decisions and where its history is', async () => {
      const run = await runs.explain;
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Name {8}Fjord Leverandør AS$/m);
      assert.match(run.stdout, /^State {7}linked$/m);
      assert.match(run.stdout, /^B id {8}\d+ \(powerofficegov1 contact\)$/m);
      assert.match(run.stdout, /^EmailAddress\s+post@fjord\.no\s+Emails\.Value\s+post@fjord\.no$/m);
      assert.match(run.stdout, /Last decisions\n\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}\S/);
      const url = `http://ui.example:8080/namespaces/default/workflows/link:supplier-contact:${seeded.fjord!.Id}`;
      assert.ok(run.stdout.endsWith(`\nHistory     ${url}\n`), run.stdout);
    });

    it('explain of a link that does not exist names its workflow id and how to find links', async () => {
      assert.equal(
        errorLine(await runs.noSuchLink),
        'No link link:supplier-contact:999999: no workflow has that id. ' +
          "List the flow's links with: poweroffice-sync links --flow supplier-contact",
      );
    });

    it('resync signals every link of a flow and says how many', async () => {
      const run = await cli(['resync', '--flow', 'supplier-contact'], stack.env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'Signalled 3 link(s) to resync.\n');
    });

    it('start again starts nothing twice', async () => {
      const run = await cli(['start'], stack.env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Started: none\.\nAlready running: .*feed:powerofficego:supplier/);
    });
  });
});
