export const TEMPORAL_CLI_VERSION: string;
/** The path of a working Temporal CLI, installing one into .temporal/ when none is found. */
export function ensureTemporalCli(): Promise<string>;
