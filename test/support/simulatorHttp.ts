// HTTP helpers for the simulator tests: plain fetch with the JSON body parsed, and a session per
// API that fetches a token once and sends what every call needs.
import { simulatorCredentials } from '../../src/simulators/credentials.js';
import type { RunningSimulator } from '../../src/simulators/simulator.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

export interface Call {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export async function call(
  url: string,
  { method = 'GET', headers = {}, body, contentType, signal }: Call = {},
): Promise<Reply> {
  const text = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const type = contentType ?? (text === undefined ? undefined : 'application/json');
  const response = await fetch(url, {
    method,
    signal,
    headers: { ...(type ? { 'content-type': type } : {}), ...headers },
    body: text,
  });
  const replyText = await response.text();
  let parsed: unknown;
  try {
    parsed = replyText ? JSON.parse(replyText) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text: replyText, body: parsed };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

const v2Keys = simulatorCredentials.powerofficego;
const v1Keys = simulatorCredentials.powerofficegov1;

export function v2TokenRequest(
  simulator: RunningSimulator,
  keys: { applicationKey: string; clientKey: string; subscriptionKey?: string } = v2Keys,
): Promise<Reply> {
  return call(`${simulator.url}/OAuth/Token`, {
    method: 'POST',
    headers: {
      authorization: basic(keys.applicationKey, keys.clientKey),
      ...(keys.subscriptionKey ? { 'Ocp-Apim-Subscription-Key': keys.subscriptionKey } : {}),
    },
    body: 'grant_type=client_credentials',
    contentType: 'application/x-www-form-urlencoded',
  });
}

export function v1TokenRequest(
  simulator: RunningSimulator,
  form: string,
  keys: { applicationKey: string; clientKey: string } = v1Keys,
): Promise<Reply> {
  return call(`${simulator.url}/OAuth/Token`, {
    method: 'POST',
    headers: { authorization: basic(keys.applicationKey, keys.clientKey) },
    body: form,
    contentType: 'application/x-www-form-urlencoded',
  });
}

/** Calls to `${apiBaseUrl}${path}` with a bearer token (and v2's subscription key). */
export class ApiSession {
  #token?: string;

  constructor(
    private readonly simulator: RunningSimulator,
    private readonly system: 'powerofficego' | 'powerofficegov1',
  ) {}

  async token(): Promise<string> {
    if (!this.#token) {
      const reply =
        this.system === 'powerofficego'
          ? await v2TokenRequest(this.simulator)
          : await v1TokenRequest(this.simulator, 'grant_type=client_credentials');
      if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${reply.text}`);
      this.#token = reply.body.access_token as string;
    }
    return this.#token;
  }

  async call(path: string, options: Call = {}): Promise<Reply> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.token()}`,
      ...options.headers,
    };
    if (this.system === 'powerofficego') headers['Ocp-Apim-Subscription-Key'] ??= v2Keys.subscriptionKey;
    return call(`${this.simulator.apiBaseUrl}${path}`, { ...options, headers });
  }

  get = (path: string) => this.call(path);
  post = (path: string, body: unknown) => this.call(path, { method: 'POST', body });
  delete = (path: string) => this.call(path, { method: 'DELETE' });
  patch = (path: string, operations: unknown) =>
    this.call(path, { method: 'PATCH', body: operations, contentType: 'application/json-patch+json' });
}
