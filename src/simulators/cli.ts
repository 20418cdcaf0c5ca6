// `npm run simulator -- <command>`: run the simulators and act on running ones through their
// admin API, as a person would in the product (edits move the record's last-changed time).
import { Command, InvalidArgumentError, Option } from 'commander';
import { join, resolve } from 'node:path';
import { AdminClient } from './common/adminClient.js';
import { parseAssignments } from './common/fieldAssignments.js';
import { startPowerofficegoSimulator } from './powerofficego/server.js';
import { type V2DemoRecords, matchingV1Records } from './powerofficegov1/matchingRecords.js';
import { startPowerofficegov1Simulator } from './powerofficegov1/server.js';
import type { RunningSimulator, SimulatorOptions } from './simulator.js';

type SystemName = 'powerofficego' | 'powerofficegov1';

const systems: Record<string, SystemName> = {
  powerofficego: 'powerofficego',
  v2: 'powerofficego',
  powerofficegov1: 'powerofficegov1',
  v1: 'powerofficegov1',
};
const defaultUrls: Record<SystemName, string> = {
  powerofficego: process.env.POWEROFFICEGO_SIMULATOR_URL ?? 'http://127.0.0.1:4010',
  powerofficegov1: process.env.POWEROFFICEGOV1_SIMULATOR_URL ?? 'http://127.0.0.1:4011',
};

const program = new Command('simulator').description(
  'Run the PowerOffice Go API simulators and change their data.',
);

program
  .command('serve')
  .description('Start the simulators (both unless --only) and keep them running until Ctrl-C.')
  .addOption(
    new Option('--only <system>', 'start one: powerofficego (v2) or powerofficegov1 (v1)').argParser(
      systemName,
    ),
  )
  .option('--v2-port <port>', 'port of the v2 simulator', integer, 4010)
  .option('--v1-port <port>', 'port of the v1 simulator', integer, 4011)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option(
    '--data-dir <dir>',
    'keep data in <dir>/powerofficego.sqlite and <dir>/powerofficegov1.sqlite (default: in memory)',
  )
  .option('--no-rate-limit', 'turn the published rate limits off')
  .option('--replica-lag-ms <ms>', 'v1: how far reads lag writes', integer, 0)
  .option('--token-ttl-seconds <seconds>', 'token lifetime (default: the published one)', integer)
  .option('--contact-route <path>', 'v1: path of the Contact record', '/Contact')
  .option('--error-rate <share>', 'share of API requests answered 503', share, 0)
  .option('--timeout-rate <share>', 'share of API requests never answered', share, 0)
  .option('--latency-ms <ms>', 'milliseconds added to every API request', integer, 0)
  .option('--seed', 'seed v2 with demo data when it is empty')
  .action(async (options) => {
    const common: SimulatorOptions = {
      host: options.host,
      rateLimit: options.rateLimit === false ? false : undefined,
      tokenTtlSeconds: options.tokenTtlSeconds,
      faults: {
        errorRate: options.errorRate,
        timeoutRate: options.timeoutRate,
        latencyMs: options.latencyMs,
      },
    };
    const dataFile = (name: string) =>
      options.dataDir ? join(resolve(options.dataDir), `${name}.sqlite`) : undefined;
    const running: RunningSimulator[] = [];
    if (options.only !== 'powerofficegov1') {
      const v2 = await startPowerofficegoSimulator({
        ...common,
        port: options.v2Port,
        dataFile: dataFile('powerofficego'),
      });
      if (options.seed && v2.admin.list('supplier').length === 0) v2.admin.seed({});
      console.log(`Powerofficego (API v2) simulator    ${v2.apiBaseUrl}   admin ${v2.url}/_admin`);
      running.push(v2);
    }
    if (options.only !== 'powerofficego') {
      const v1 = await startPowerofficegov1Simulator({
        ...common,
        port: options.v1Port,
        dataFile: dataFile('powerofficegov1'),
        replicaLagMs: options.replicaLagMs,
        contactRoute: options.contactRoute,
      });
      console.log(`PowerOfficeGov1 (API v1) simulator  ${v1.apiBaseUrl}   admin ${v1.url}/_admin`);
      running.push(v1);
    }
    const stop = async () => {
      for (const simulator of running) await simulator.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('reset')
  .description('Empty a simulator (both when no system is given).')
  .argument('[system]', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .option('--url <url>', 'root URL of the simulator (only with a system)')
  .action(async (system: SystemName | undefined, options: { url?: string }) => {
    for (const name of system ? [system] : (['powerofficego', 'powerofficegov1'] as const)) {
      await admin(name, options.url).reset();
      console.log(`${name}: reset`);
    }
  });

program
  .command('seed')
  .description('Fill v2 with realistic Norwegian demo data (optionally with matching records already in v1).')
  .option('--suppliers <n>', 'suppliers', integer, 25)
  .option('--customers <n>', 'customers', integer, 15)
  .option('--employees <n>', 'employees', integer, 5)
  .option('--departments <n>', 'departments', integer, 3)
  .option(
    '--contact-persons-per-customer <n>',
    'exactly this many per customer (default 0 to 3 each)',
    integer,
  )
  .option('--seed <n>', 'random seed: the same seed gives the same data', integer, 1)
  .option(
    '--matching-in-v1 <n>',
    'also put up to n suppliers, customers and employees into v1 as if keyed in there already',
    integer,
    0,
  )
  .option('--url <url>', 'root URL of the v2 simulator')
  .option('--v1-url <url>', 'root URL of the v1 simulator')
  .action(async (options) => {
    const v2 = admin('powerofficego', options.url);
    const { created } = await v2.seed({
      suppliers: options.suppliers,
      customers: options.customers,
      employees: options.employees,
      departments: options.departments,
      contactPersonsPerCustomer: options.contactPersonsPerCustomer,
      seed: options.seed,
    });
    console.log(`powerofficego: created ${describeCounts(created)}`);
    if (options.matchingInV1 > 0) {
      const v1 = admin('powerofficegov1', options.v1Url);
      const v2Records = Object.fromEntries(
        await Promise.all(
          (['supplier', 'customer', 'employee'] as const).map(async (datatype) => [
            datatype,
            await v2.list(datatype),
          ]),
        ),
      ) as unknown as V2DemoRecords;
      const bodies = matchingV1Records(v2Records, options.matchingInV1);
      for (const [datatype, records] of Object.entries(bodies)) {
        for (const body of records) await v1.create(datatype, body);
      }
      console.log(
        `powerofficegov1: created ${describeCounts(Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, v.length])))}`,
      );
    }
  });

program
  .command('list')
  .description('List the records of a datatype.')
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .argument(
    '<datatype>',
    'v2: customer supplier employee contactperson department; v1: customer employee department contact contactperson',
  )
  .option('--json', 'print the records as JSON')
  .option('--url <url>', 'root URL of the simulator')
  .action(async (system: SystemName, datatype: string, options: { json?: boolean; url?: string }) => {
    const records = await admin(system, options.url).list(datatype);
    console.log(options.json ? JSON.stringify(records, null, 2) : table(records));
  });

program
  .command('show')
  .description('Show one record.')
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .argument('<datatype>')
  .argument('<id>', 'record id', integer)
  .option('--url <url>', 'root URL of the simulator')
  .action(async (system: SystemName, datatype: string, id: number, options: { url?: string }) => {
    console.log(JSON.stringify(await admin(system, options.url).get(datatype, id), null, 2));
  });

program
  .command('edit')
  .description(
    'Change fields of a record as a person would in the product: Field=text, Field:=json, Parent.Field=text.',
  )
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .argument('<datatype>')
  .argument('<id>', 'record id', integer)
  .argument('<assignments...>', 'e.g. PhoneNumber="+47 900 00 000" IsArchived:=true MailAddress.City=Oslo')
  .option('--url <url>', 'root URL of the simulator')
  .action(
    async (
      system: SystemName,
      datatype: string,
      id: number,
      assignments: string[],
      options: { url?: string },
    ) => {
      console.log(
        JSON.stringify(
          await admin(system, options.url).edit(datatype, id, parseAssignments(assignments)),
          null,
          2,
        ),
      );
    },
  );

program
  .command('delete')
  .description('Delete a record.')
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .argument('<datatype>')
  .argument('<id>', 'record id', integer)
  .option('--url <url>', 'root URL of the simulator')
  .action(async (system: SystemName, datatype: string, id: number, options: { url?: string }) => {
    await admin(system, options.url).delete(datatype, id);
    console.log(`${system}: deleted ${datatype} ${id}`);
  });

program
  .command('faults')
  .description('Set fault injection on a running simulator (unset options become 0).')
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .option('--error-rate <share>', 'share of API requests answered 503', share, 0)
  .option('--timeout-rate <share>', 'share of API requests never answered', share, 0)
  .option('--latency-ms <ms>', 'milliseconds added to every API request', integer, 0)
  .option('--url <url>', 'root URL of the simulator')
  .action(
    async (
      system: SystemName,
      options: { errorRate: number; timeoutRate: number; latencyMs: number; url?: string },
    ) => {
      const { url, ...faults } = options;
      console.log(JSON.stringify(await admin(system, url).setFaults(faults)));
    },
  );

program
  .command('rate-limit')
  .description('Set the rate limit of a running simulator: requests per second, or "off".')
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .argument('<limit>', 'requests per second, or off', (text: string) =>
    text === 'off' ? false : integer(text),
  )
  .option('--url <url>', 'root URL of the simulator')
  .action(async (system: SystemName, limit: number | false, options: { url?: string }) => {
    console.log(JSON.stringify(await admin(system, options.url).setRateLimit(limit)));
  });

program
  .command('stats')
  .description('Show request and write counters of a running simulator.')
  .argument('<system>', 'powerofficego (v2) or powerofficegov1 (v1)', systemName)
  .option('--reset', 'reset the counters after showing them')
  .option('--url <url>', 'root URL of the simulator')
  .action(async (system: SystemName, options: { reset?: boolean; url?: string }) => {
    const client = admin(system, options.url);
    console.log(JSON.stringify(await client.stats(), null, 2));
    if (options.reset) await client.resetStats();
  });

function admin(system: SystemName, url?: string): AdminClient {
  return new AdminClient((url ?? defaultUrls[system]).replace(/\/+$/, ''));
}

function systemName(text: string): SystemName {
  const system = systems[text.toLowerCase()];
  if (!system) throw new InvalidArgumentError('Use powerofficego (or v2) or powerofficegov1 (or v1).');
  return system;
}

function integer(text: string): number {
  if (!/^-?\d+$/.test(text)) throw new InvalidArgumentError('Not a whole number.');
  return Number(text);
}

function share(text: string): number {
  const value = Number(text);
  if (Number.isNaN(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError('Give a share between 0 and 1.');
  }
  return value;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([datatype, count]) => `${count} ${datatype}`)
    .join(', ');
}

// One line per record: id, name, e-mail, last changed, whatever the datatype calls them.
function table(records: Record<string, unknown>[]): string {
  const pick = (record: Record<string, unknown>, ...keys: string[]) => {
    for (const key of keys) {
      const value =
        key === 'Emails' ? (record.Emails as { Value: string }[] | undefined)?.[0]?.Value : record[key];
      if (value !== undefined && value !== null && value !== '') return String(value);
    }
    return '';
  };
  const rows = records.map((record) => [
    pick(record, 'Id', 'id', 'ContactId'),
    pick(record, 'Name', 'name') ||
      `${pick(record, 'FirstName', 'firstName')} ${pick(record, 'LastName', 'lastName')}`.trim(),
    pick(record, 'EmailAddress', 'emailAddress', 'Emails'),
    pick(record, 'LastChangedDateTimeOffset', 'lastChanged'),
  ]);
  const all = [['ID', 'NAME', 'E-MAIL', 'LAST CHANGED'], ...rows];
  const widths = all[0]!.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return [
    ...all.map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    ),
    `${records.length} record(s)`,
  ].join('\n');
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
