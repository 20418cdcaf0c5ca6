// The dataflow document rendered from the flow definitions: the seed's Supplier → Contact section
// row for row, and the seed's structure for every flow.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderDataflowDocument } from '../src/docs/renderDataflowDocument.js';
import { flows } from '../src/mappings/index.js';

const GENERATED = new Date('2023-08-14T09:09:56Z');
const documentLines = renderDataflowDocument(flows, GENERATED).split('\n');
const seedSection = readFileSync(new URL('./fixtures/seed-supplier-contact.rst', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n');

/** A flow's section: from its heading to the line before the next section's heading. */
function sectionOf(heading: string): string[] {
  const start = documentLines.indexOf(heading);
  assert.ok(start >= 0, `a section "${heading}"`);
  const next = documentLines.findIndex(
    (line, index) => index > start + 1 && /^-+$/.test(documentLines[index + 1] ?? '') && line !== '',
  );
  return documentLines.slice(start, next < 0 ? undefined : next);
}

/** The rows of each `.. list-table::` in some lines, header row first, as arrays of cells. */
function listTables(lines: string[]): string[][][] {
  const tables: string[][][] = [];
  let rows: string[][] | undefined;
  for (const line of lines) {
    if (line === '.. list-table::') tables.push((rows = []));
    else if (rows && line.startsWith('   * - ')) rows.push([line.slice(7)]);
    else if (rows && line.startsWith('     - ')) rows.at(-1)!.push(line.slice(7));
    else if (line !== '' && !line.startsWith('   :')) rows = undefined;
  }
  return tables;
}

const headingOf = (flow: (typeof flows)[number]) =>
  `Powerofficego ${flow.a.label} to PowerOfficeGov1 ${flow.b.label}`;

describe('the dataflow document', () => {
  it('opens with the seed’s title block, generated date and introduction', () => {
    assert.deepEqual(documentLines.slice(0, 9), [
      '=========================================',
      'Powerofficego to PowerOfficeGov1 Dataflow',
      '=========================================',
      '',
      'Generated: 2023-08-14 09:09:56',
      '',
      'Introduction.',
      '------------',
      '',
    ]);
    assert.match(
      documentLines[9]!,
      /^This technical document provides a detailed overview of the Sesam Talk/,
    );
  });

  it('renders the Supplier → Contact property table row for row as the seed has it', () => {
    const section = sectionOf('Powerofficego Supplier to PowerOfficeGov1 Contact');
    assert.deepEqual(listTables(section)[0], listTables(seedSection)[0]);
    assert.deepEqual(
      section.slice(0, seedSection.length),
      seedSection,
      'the seed’s section text, line for line',
    );
    assert.equal(section[seedSection.length], '', 'and no row after the seed’s last');
  });

  it('adds a match table after the Supplier → Contact property table, rules in the order they are tried', () => {
    const [, matchTable] = listTables(sectionOf('Powerofficego Supplier to PowerOfficeGov1 Contact'));
    assert.deepEqual(matchTable, [
      ['Powerofficego Supplier Property', 'PowerOfficeGov1 Contact Property'],
      [
        'InternationalIdNumber (Dependant on having superoffice-contactid in poweroffice-customer:InternationalIdType)',
        'ContactId',
      ],
      ['EmailAddress', 'Emails.Value'],
    ]);
  });

  for (const flow of flows) {
    it(`has a section for ${flow.name} in the seed’s structure`, () => {
      const heading = headingOf(flow);
      const section = sectionOf(heading);
      const between = `a Powerofficego ${flow.a.label} and a PowerOfficeGov1 ${flow.b.label}`;
      assert.equal(section[1], '-'.repeat(heading.length), 'underlined as long as the heading');
      const linkFirst = `Before any synchronization can take place, a link between ${between} must be established.`;
      assert.equal(section.includes(linkFirst), flow.policy === 'on-dependency', 'the link-first sentence');
      assert.equal(section[flow.policy === 'on-dependency' ? 4 : 2], flow.policySentence);
      assert.ok(
        section.includes(
          `Once a link between ${between} is established, it will keep in sync between the two systems, regardless of where it is edited.`,
        ),
      );
      assert.ok(section.includes(`The following properties are synchronized between ${between}:`));

      const [properties, matches] = listTables(section);
      assert.deepEqual(properties![0], [
        `Powerofficego ${flow.a.label} Property`,
        `PowerOfficeGov1 ${flow.b.label} Property`,
        'PowerOfficeGov1 Data Type',
      ]);
      const rows = properties!.slice(1);
      for (const field of flow.fields) {
        assert.ok(
          rows.some(([a, b, type]) => a === field.a.label && b === field.b.label && type === field.bType),
          `a row for ${field.a.label} → ${field.b.label}`,
        );
      }
      const byAProperty = rows.map(([a, b]) => `${a}\u0000${b}`);
      assert.deepEqual(byAProperty, [...byAProperty].sort(), 'rows sorted by A property, then B property');
      const rules = flow.match.map((rule) => [rule.label.a, rule.label.b]);
      if (matches) assert.deepEqual(matches.slice(1), rules, 'the match table, in the order rules are tried');
      else assert.ok(rules.every(([a, b]) => rows.some((row) => row[0] === a && row[1] === b)));
    });
  }

  it('`npm run docs -- --out` writes the document to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'docs-')), 'dataflow.rst');
    const { stderr } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'src/docs/main.ts',
      '--out',
      out,
    ]);
    assert.match(stderr, /Wrote the dataflow document \(5 flows\)/);
    const written = readFileSync(out, 'utf8').split('\n');
    assert.deepEqual(written.slice(0, 3), documentLines.slice(0, 3));
    assert.ok(written.includes('Powerofficego Supplier to PowerOfficeGov1 Contact'));
  });
});
