import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type CaseEvent, ERASED, PII_FIELDS } from '@sen/case-domain';
import type { ChildKeyStore } from './child-keys';

const PREFIX = 'pii:v1:';

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (!next || typeof next !== 'object') return;
    o = next as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

function encryptField(key: Buffer, aad: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decryptField(key: Buffer, aad: string, value: string): string {
  const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export class PersonalDataErasedError extends Error {
  readonly code = 'PERSONAL_DATA_ERASED';
  constructor(readonly childId: string) {
    super('the personal data of this child was erased; no new personal data can be recorded for them');
  }
}

/**
 * Encrypts the personal data fields of case events (PII_FIELDS) with the child's data key before they are
 * stored, and decrypts them when read. Once a child's key is destroyed, every such field reads as ERASED, whether
 * it was encrypted or, in events written before the field was personal data, stored in clear.
 * The associated data binds each ciphertext to its child, event type and field, so a value cannot be moved.
 */
export class PiiCodec {
  constructor(private readonly keys: ChildKeyStore) {}

  async encrypt<E extends CaseEvent>(event: E): Promise<E> {
    const fields = PII_FIELDS[event.type];
    if (fields.length === 0) return event;
    const childId = event.metadata.childId;
    if (!childId) throw new Error(`event ${event.type} has no childId in its metadata`);
    const key = await this.keys.keyForWriting(childId);
    if (key.state !== 'active') throw new PersonalDataErasedError(childId);
    const data = structuredClone(event.data) as Record<string, unknown>;
    for (const path of fields) {
      const value = getPath(data, path);
      if (typeof value === 'string')
        setPath(data, path, encryptField(key.key, `${childId}:${event.type}:${path}`, value));
    }
    return { ...event, data } as E;
  }

  async decrypt<E extends CaseEvent>(event: E): Promise<E> {
    const fields = PII_FIELDS[event.type];
    if (fields.length === 0) return event;
    const childId = event.metadata.childId;
    const key = childId ? await this.keys.keyFor(childId) : ({ state: 'missing' } as const);
    const data = structuredClone(event.data) as Record<string, unknown>;
    for (const path of fields) {
      const value = getPath(data, path);
      if (typeof value !== 'string') continue;
      if (value.startsWith(PREFIX)) {
        setPath(
          data,
          path,
          key.state === 'active' ? decryptField(key.key, `${childId}:${event.type}:${path}`, value) : ERASED,
        );
      } else if (key.state === 'erased' && value !== '') {
        // A value stored in clear (ethnicity and disability before issue 15): the destroyed key cannot blank it
        // inside the immutable event, so every reader, which all decode here, reads it as erased from now on.
        setPath(data, path, ERASED);
      }
    }
    return { ...event, data } as E;
  }
}
