// The flow definitions as the seed's RST dataflow document: title, introduction, then per flow its
// policy, its property table and, where it has one, its match table. Pure: flows and a date in, text out.
import type { Datatype, FlowDefinition, MatchRule } from '../mappings/flow.js';
import type { SystemName } from '../systems/system.js';

/** How the document spells each system. */
const systemLabels: Record<SystemName, string> = {
  powerofficego: 'Powerofficego',
  powerofficegov1: 'PowerOfficeGov1',
};

const INTRODUCTION =
  'This technical document provides a detailed overview of the Sesam Talk data flow from Powerofficego to ' +
  'PowerOfficeGov1. It serves as a QA checklist for testing purposes and is the intellectual property of ' +
  'Sesam.io AS. The content contains confidential information regulated under an NDA agreement, and sharing ' +
  'or distributing it without written permission is prohibited.';

/** A match compares text (trimmed, case-insensitive), so a match-only property is shown as a string. */
const MATCH_ONLY_TYPE = '"string"';

interface PropertyRow {
  a: string;
  b: string;
  bType: string;
}

const named = (side: Datatype) => `${systemLabels[side.system]} ${side.label}`;

function heading(text: string, underline: string): string[] {
  return [text, underline.repeat(text.length)];
}

/** `.. list-table::` with a header row; every row has as many cells as the header. */
function listTable(header: string[], rows: string[][]): string[] {
  const row = (cells: string[]) => cells.map((cell, index) => `   ${index === 0 ? '*' : ' '} - ${cell}`);
  return ['.. list-table::', '   :header-rows: 1', '', ...row(header), ...rows.flatMap(row)];
}

/** Match rules whose two properties no field mapping carries: they only find the link. */
function matchOnlyRules(flow: FlowDefinition): MatchRule[] {
  return flow.match.filter(
    (rule) => !flow.fields.some((field) => field.a.label === rule.label.a && field.b.label === rule.label.b),
  );
}

/** The seed's rows: every field mapping and every match-only rule, by A property, then B property. */
function propertyRows(flow: FlowDefinition): PropertyRow[] {
  const rows = [
    ...flow.fields.map((field) => ({ a: field.a.label, b: field.b.label, bType: field.bType })),
    ...matchOnlyRules(flow).map((rule) => ({ ...rule.label, bType: MATCH_ONLY_TYPE })),
  ];
  const ordinal = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  return rows.sort((left, right) => ordinal(left.a, right.a) || ordinal(left.b, right.b));
}

/** Only flows that also match on synchronized properties get a match table; the seed shows none. */
function hasMatchTable(flow: FlowDefinition): boolean {
  return flow.match.length > matchOnlyRules(flow).length;
}

function flowSection(flow: FlowDefinition): string[] {
  const [a, b] = [named(flow.a), named(flow.b)];
  const between = `a ${a} and a ${b}`;
  const lines = heading(`${a} to ${b}`, '-');
  if (flow.policy === 'on-dependency') {
    lines.push(
      `Before any synchronization can take place, a link between ${between} must be established.`,
      '',
    );
  }
  lines.push(
    flow.policySentence,
    '',
    `Once a link between ${between} is established, it will keep in sync between the two systems, regardless of where it is edited.`,
    '',
    `The following properties are synchronized between ${between}:`,
    '',
    ...listTable(
      [`${a} Property`, `${b} Property`, `${systemLabels[flow.b.system]} Data Type`],
      propertyRows(flow).map((row) => [row.a, row.b, row.bType]),
    ),
  );
  if (hasMatchTable(flow)) {
    lines.push(
      '',
      `A link between ${between} is found by matching these properties, tried in this order:`,
      '',
      ...listTable(
        [`${a} Property`, `${b} Property`],
        flow.match.map((rule) => [rule.label.a, rule.label.b]),
      ),
    );
  }
  return [...lines, ''];
}

/** `2023-08-14 09:09:56`, in UTC so the same flows render the same text on every machine. */
function generatedAt(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function renderDataflowDocument(flows: readonly FlowDefinition[], date: Date): string {
  const title = `${systemLabels.powerofficego} to ${systemLabels.powerofficegov1} Dataflow`;
  const overline = '='.repeat(title.length);
  const blocks = [
    [overline, title, overline],
    [`Generated: ${generatedAt(date)}`],
    // The seed underlines its introduction one character short; kept, so the documents compare.
    ['Introduction.', '------------', '', INTRODUCTION],
    ...flows.map(flowSection),
  ];
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}
