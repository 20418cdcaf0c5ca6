// An error the operator can act on: printed as its one line, naming what went wrong and what to do,
// without a stack trace.
export class CliError extends Error {
  override readonly name = 'CliError';
}

export function noSuchLinkError(workflowId: string, flow: string): CliError {
  return new CliError(
    `No link ${workflowId}: no workflow has that id. List the flow's links with: poweroffice-sync links --flow ${flow}`,
  );
}
