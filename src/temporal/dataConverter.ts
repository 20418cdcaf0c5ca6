// The one data converter the worker and every Temporal client of this project use: payloads
// encrypted when SYNC_ENCRYPTION_KEYS is set, the SDK's default (plaintext JSON) otherwise.
import type { DataConverter } from '@temporalio/common';
import type { Environment } from '../config.js';
import { EncryptionCodec } from './encryptionCodec.js';

export function dataConverterFrom(
  config: Pick<Environment, 'SYNC_ENCRYPTION_KEYS'>,
): DataConverter | undefined {
  const keys = config.SYNC_ENCRYPTION_KEYS;
  return keys ? { payloadCodecs: [new EncryptionCodec(keys)] } : undefined;
}
