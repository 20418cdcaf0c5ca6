// Encrypts every payload (workflow inputs, activity results, signals, state) with AES-256-GCM
// before it reaches Temporal, so histories hold no customer or supplier data in clear. It runs in
// the worker's and the clients' processes, never in the workflow sandbox.
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from './encryptionKeys.js';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class UnknownEncryptionKeyError extends Error {
  override readonly name = 'UnknownEncryptionKeyError';
  readonly code = 'ERR_UNKNOWN_ENCRYPTION_KEY';

  constructor(readonly keyId: string) {
    super(
      `The payload was encrypted with key "${keyId}", which SYNC_ENCRYPTION_KEYS does not hold: add it back (after the current key) to read it`,
    );
  }
}

export class TamperedPayloadError extends Error {
  override readonly name = 'TamperedPayloadError';
  readonly code = 'ERR_TAMPERED_PAYLOAD';

  constructor(
    readonly keyId: string,
    options: ErrorOptions,
  ) {
    super(
      `A payload encrypted with key "${keyId}" failed authentication: it was altered, or "${keyId}" here is not the key it was encrypted with`,
      options,
    );
  }
}

export class EncryptionCodec implements PayloadCodec {
  // Private fields: neither JSON nor util.inspect (the SDK logs its options at debug) shows them.
  readonly #keys: Map<string, Buffer>;
  readonly #current: EncryptionKey;

  /** The first key encrypts; every key decrypts what names it. */
  constructor(keys: EncryptionKey[]) {
    if (!keys[0]) throw new Error('An EncryptionCodec needs at least one key');
    this.#current = keys[0];
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.#decrypt(payload) : payload));
  }

  #encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.#current.key, iv);
    const plain = PayloadMessage.encode(payload).finish();
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    return {
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: Buffer.from(this.#current.id),
      },
      data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]),
    };
  }

  #decrypt(payload: Payload): Payload {
    const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
    const key = this.#keys.get(keyId);
    if (!key) throw new UnknownEncryptionKeyError(keyId);
    const data = Buffer.from(payload.data ?? []);
    try {
      const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      // final() throws when the ciphertext, IV or tag was altered: GCM authenticates all three.
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return PayloadMessage.decode(plain);
    } catch (error) {
      throw new TamperedPayloadError(keyId, { cause: error });
    }
  }
}

function isEncrypted(payload: Payload): boolean {
  return Buffer.from(payload.metadata?.encoding ?? []).toString() === ENCRYPTED_ENCODING;
}
