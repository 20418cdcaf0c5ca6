// The one data converter the worker and every Temporal client of this project use: payloads
// encrypted when SYNC_ENCRYPTION_KEYS is set, the SDK's default (plaintext JSON) otherwise. With
// encryption on, the failures activities report (an API's refusal can quote a value) are encrypted
// too; failures raised in workflow code hold no record data and stay readable.
import type { DataConverter } from '@temporalio/common';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../config.js';
import { EncryptionCodec } from './encryptionCodec.js';

export function dataConverterFrom(
  config: Pick<Environment, 'SYNC_ENCRYPTION_KEYS'>,
): DataConverter | undefined {
  const keys = config.SYNC_ENCRYPTION_KEYS;
  if (!keys) return undefined;
  return {
    payloadCodecs: [new EncryptionCodec(keys)],
    failureConverterPath: fileURLToPath(new URL('./encodedFailureConverter.cjs', import.meta.url)),
  };
}
