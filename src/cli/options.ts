// Parsers for the options and arguments the commands take. A bad value stops commander with one
// line naming the option and the values it accepts.
import { InvalidArgumentError } from 'commander';
import type { FlowDefinition } from '../mappings/flow.js';
import { flows } from '../mappings/index.js';
import type { LinkStatus } from '../workflows/linkState.js';
import { LINK_STATES } from './linkStates.js';

export const FLOW_NAMES = flows.map((flow) => flow.name).join(', ');

export function parseFlow(name: string): FlowDefinition {
  const flow = flows.find((candidate) => candidate.name === name);
  if (!flow) throw new InvalidArgumentError(`Unknown flow. Flows: ${FLOW_NAMES}.`);
  return flow;
}

export function parseState(name: string): LinkStatus {
  const state = LINK_STATES.find((candidate) => candidate === name);
  if (!state) throw new InvalidArgumentError(`Unknown state. States: ${LINK_STATES.join(', ')}.`);
  return state;
}

export function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('Not a positive whole number.');
  return value;
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `10m`, `1h`: the one spelling of durations in this project, in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text);
  if (!match) throw new InvalidArgumentError('Not a duration such as 30s, 10m or 1h.');
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
