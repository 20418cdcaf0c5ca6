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
