// Both systems' adapters, built from the configuration: the only place that knows which class
// serves which system.
import type { Environment } from '../config.js';
import { createPowerofficegoAdapter } from './powerofficego/adapter.js';
import { createPowerofficegoV1Adapter } from './powerofficegov1/adapter.js';
import type { SystemAdapter, SystemName } from './system.js';

export function createAdapters(config: Environment): Record<SystemName, SystemAdapter> {
  return {
    powerofficego: createPowerofficegoAdapter({
      baseUrl: config.POWEROFFICEGO_BASE_URL,
      tokenUrl: config.POWEROFFICEGO_TOKEN_URL,
      applicationKey: config.POWEROFFICEGO_APPLICATION_KEY,
      clientKey: config.POWEROFFICEGO_CLIENT_KEY,
      subscriptionKey: config.POWEROFFICEGO_SUBSCRIPTION_KEY,
      timeoutMs: config.SYNC_HTTP_TIMEOUT_MS,
      callsPerSecond: config.POWEROFFICEGO_RATE_LIMIT,
    }),
    powerofficegov1: createPowerofficegoV1Adapter(
      {
        baseUrl: config.POWEROFFICEGOV1_BASE_URL,
        tokenUrl: config.POWEROFFICEGOV1_TOKEN_URL,
        applicationKey: config.POWEROFFICEGOV1_APPLICATION_KEY,
        clientKey: config.POWEROFFICEGOV1_CLIENT_KEY,
        contactRoute: config.POWEROFFICEGOV1_CONTACT_ROUTE,
        timeoutMs: config.SYNC_HTTP_TIMEOUT_MS,
        callsPerSecond: config.POWEROFFICEGOV1_RATE_LIMIT,
      },
      config.SYNC_PER_PARENT_CALLS_PER_SECOND,
    ),
  };
}
