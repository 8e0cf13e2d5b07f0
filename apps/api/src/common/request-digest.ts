import { createHmac } from 'node:crypto';

/** JSON with object keys sorted, so that two bodies equal as values digest alike whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The digest an Idempotency-Key is bound to: an HMAC of the canonical body under the PII master key, so the
 * stored digest cannot be used to guess a child's name by hashing candidates.
 */
export function requestDigest(secret: Buffer, body: unknown): string {
  return createHmac('sha256', secret).update(canonical(body)).digest('base64url');
}
