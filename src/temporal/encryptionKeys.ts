// `SYNC_ENCRYPTION_KEYS`: the AES-256 keys of the payload codec, by id, so keys can rotate — the
// first one encrypts, every one decrypts. Messages name a key by its id, never by its bytes.
import { z } from 'zod';

export interface EncryptionKey {
  /** Written into every payload it encrypts (`encryption-key-id`). */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HOW = 'each key is <id>:<base64 of 32 bytes>, e.g. k1:$(openssl rand -base64 32)';

/** `k2:<base64>,k1:<base64>`; empty means no encryption. */
export const EncryptionKeys = z.string().transform((value, context): EncryptionKey[] | undefined => {
  const keys: EncryptionKey[] = [];
  const entries = value.split(',').map((item) => item.trim());
  for (const entry of entries.filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, Math.max(colon, 0));
    const material = entry.slice(colon + 1);
    const problem = !KEY_ID.test(id)
      ? `a key without an id: ${HOW}`
      : !BASE64.test(material) || Buffer.from(material, 'base64').length !== 32
        ? `key "${id}" is not 32 bytes of base64: ${HOW}`
        : keys.some((key) => key.id === id)
          ? `key id "${id}" appears twice`
          : undefined;
    if (problem) {
      context.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    keys.push({ id, key: Buffer.from(material, 'base64') });
  }
  return keys.length > 0 ? keys : undefined;
});
