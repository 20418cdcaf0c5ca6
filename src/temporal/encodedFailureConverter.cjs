// Failures with their message and stack trace moved into a payload, so the payload codec encrypts
// them: an API's refusal can quote the value it refused. The SDK loads a failure converter by path
// with require(), hence CommonJS.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
