// The keys the simulators accept by default, and the ones `npm start` gives the worker when no
// real PowerOffice credentials are configured. They open nothing outside this machine.
export const simulatorCredentials = {
  powerofficego: {
    applicationKey: 'sim-v2-application-key',
    clientKey: 'sim-v2-client-key',
    subscriptionKey: 'sim-v2-subscription-key',
  },
  powerofficegov1: {
    applicationKey: 'sim-v1-application-key',
    clientKey: 'sim-v1-client-key',
  },
} as const;

/** The settings that point the worker at running simulators: their API bases and these keys. */
export function simulatorEnvironment(v2: { apiBaseUrl: string }, v1: { apiBaseUrl: string }) {
  return {
    POWEROFFICEGO_BASE_URL: v2.apiBaseUrl,
    POWEROFFICEGO_APPLICATION_KEY: simulatorCredentials.powerofficego.applicationKey,
    POWEROFFICEGO_CLIENT_KEY: simulatorCredentials.powerofficego.clientKey,
    POWEROFFICEGO_SUBSCRIPTION_KEY: simulatorCredentials.powerofficego.subscriptionKey,
    POWEROFFICEGOV1_BASE_URL: v1.apiBaseUrl,
    POWEROFFICEGOV1_APPLICATION_KEY: simulatorCredentials.powerofficegov1.applicationKey,
    POWEROFFICEGOV1_CLIENT_KEY: simulatorCredentials.powerofficegov1.clientKey,
  };
}
