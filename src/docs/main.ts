// `npm run docs`: the dataflow document, rendered from the flow definitions, to stdout or a file.
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { flows } from '../mappings/index.js';
import { renderDataflowDocument } from './renderDataflowDocument.js';

const program = new Command('docs')
  .description('Render the flow definitions as the RST dataflow document.')
  .option('--out <file>', 'write the document to this file instead of stdout')
  .action((options: { out?: string }) => {
    const document = renderDataflowDocument(flows, new Date());
    if (!options.out) return void process.stdout.write(document);
    writeFileSync(options.out, document);
    console.error(`Wrote the dataflow document (${flows.length} flows) to ${options.out}.`);
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
