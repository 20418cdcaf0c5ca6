// A configuration's API settings that name no API that answers: for tests of configuration alone.
export const placeholderApis = {
  POWEROFFICEGO_BASE_URL: 'http://127.0.0.1:1',
  POWEROFFICEGO_APPLICATION_KEY: 'a',
  POWEROFFICEGO_CLIENT_KEY: 'c',
  POWEROFFICEGO_SUBSCRIPTION_KEY: 's',
  POWEROFFICEGOV1_BASE_URL: 'http://127.0.0.1:2',
  POWEROFFICEGOV1_APPLICATION_KEY: 'a',
  POWEROFFICEGOV1_CLIENT_KEY: 'c',
};
