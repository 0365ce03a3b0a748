/**
 * The hashes and encryption behind Idempotency-Key replays (src/http/idempotency.ts). The
 * server keeps only a hash of the key, and the first response sealed under a key derived
 * from the Idempotency-Key itself: a database reader can neither replay a request nor read
 * a secret it returned (a new access token), only a client holding the key can.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = 'waymark idempotency response v1';

export const sha256Hex = (data: string): string =>
  createHash('sha256').update(data, 'utf8').digest('hex');

/**
 * JSON with object keys sorted at every level, so that `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }`
 * are the same request. Array order is kept: it means something.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** What identifies a request's content: its parsed query and body, canonically. */
export const requestHash = (query: unknown, body: unknown): string =>
  sha256Hex(canonicalJson({ query: query ?? {}, body: body ?? null }));

function derivedKey(idempotencyKey: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(idempotencyKey, 'utf8'), salt, INFO, 32));
}

/**
 * AES-256-GCM under a key derived (HKDF-SHA256, a random salt per response) from the
 * Idempotency-Key. `context` is authenticated, not encrypted: it binds the sealed response to
 * its row (who, which request, which status), so it cannot be moved to another one.
 * Base64 of salt | iv | ciphertext | tag.
 */
export function seal(idempotencyKey: string, context: string, plaintext: Buffer): string {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(idempotencyKey, salt), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([salt, iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}

/** The plaintext of `seal`; throws when the key, the context or the data do not match. */
export function open(idempotencyKey: string, context: string, sealed: string): Buffer {
  const data = Buffer.from(sealed, 'base64');
  if (data.length < SALT_BYTES + IV_BYTES + TAG_BYTES) throw new Error('sealed data too short');
  const salt = data.subarray(0, SALT_BYTES);
  const iv = data.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
  const tag = data.subarray(data.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(idempotencyKey, salt), iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(data.subarray(SALT_BYTES + IV_BYTES, data.length - TAG_BYTES)),
    decipher.final(),
  ]);
}
