import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Sql } from '@sen/db';

/** Wraps and unwraps per-child data keys with the master key (AES-256-GCM, the child id as associated data). */
export function wrapKey(master: Buffer, childId: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(Buffer.from(childId));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unwrapKey(master: Buffer, childId: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(childId));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

/**
 * The master keys a process holds: the current one (wraps new child keys, with its version in child_keys.key_version)
 * and, during a rotation, the one before it (version - 1), which only unwraps (`sen rotate-pii-key`, OPERATIONS.md).
 */
export interface MasterKeyRing {
  current: Buffer;
  version: number;
  previous?: Buffer | null;
}

export class UnknownMasterKeyVersionError extends Error {
  readonly code = 'PII_MASTER_KEY_VERSION_UNKNOWN';
  constructor(
    readonly keyVersion: number,
    readonly held: number[],
  ) {
    super(
      `a child key is wrapped with master key version ${keyVersion}, but this process holds version(s) ${held.join(', ')} (check PII_MASTER_KEY_VERSION and PII_MASTER_KEY_PREVIOUS)`,
    );
    this.name = 'UnknownMasterKeyVersionError';
  }
}

export function masterKeyFor(ring: MasterKeyRing, keyVersion: number): Buffer {
  if (keyVersion === ring.version) return ring.current;
  if (ring.previous && keyVersion === ring.version - 1) return ring.previous;
  throw new UnknownMasterKeyVersionError(keyVersion, ring.previous ? [ring.version, ring.version - 1] : [ring.version]);
}

/** The master key a process was started with does not open the child keys already stored: refusing to start. */
export class StoredKeysMismatchError extends Error {
  readonly code = 'PII_MASTER_KEY_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'StoredKeysMismatchError';
  }
}

/**
 * Before a process serves: each master key it holds must unwrap a child key stored with its version (one is
 * enough: AES-GCM authenticates, so a wrong key fails every unwrap). A process started with another key (a
 * Secret replaced by an upgrade, a typo, the key of another province) would otherwise run and answer every
 * child's personal data as unreadable, and wrap new children's keys with a key nobody escrowed. A database with no
 * child key yet (a new installation, or before the migrations) has nothing to check.
 */
export async function verifyMasterKeyRing(sql: Sql, ring: MasterKeyRing): Promise<void> {
  const [table] = await sql<{ present: boolean }[]>`select to_regclass('child_keys') is not null as present`;
  if (!table?.present) return;
  const held: [number, Buffer, string][] = [[ring.version, ring.current, 'PII_MASTER_KEY']];
  if (ring.previous) held.push([ring.version - 1, ring.previous, 'PII_MASTER_KEY_PREVIOUS']);
  let checked = 0;
  for (const [version, key, variable] of held) {
    const [row] = await sql<{ child_id: string; wrapped_key: Buffer }[]>`
      select child_id, wrapped_key from child_keys where key_version = ${version} and wrapped_key is not null limit 1`;
    if (!row) continue;
    try {
      unwrapKey(key, row.child_id, row.wrapped_key);
    } catch {
      throw new StoredKeysMismatchError(
        `${variable} (version ${version}) cannot unwrap the child keys stored with version ${version}: it is not the key ` +
          `this database's personal data was written with. Start with the right key (from the secret store or the offline ` +
          `escrow, deploy/OPERATIONS.md "Rotating PII_MASTER_KEY"); running with this one would leave every child's ` +
          `personal data unreadable.`,
      );
    }
    checked++;
  }
  if (checked > 0) return;
  const [other] = await sql<{ key_version: number }[]>`
    select key_version from child_keys where wrapped_key is not null limit 1`;
  if (other) {
    throw new StoredKeysMismatchError(
      `child keys are stored with master key version ${other.key_version}, but this process holds version(s) ` +
        `${held.map(([v]) => v).join(', ')}: set PII_MASTER_KEY_VERSION and PII_MASTER_KEY (and PII_MASTER_KEY_PREVIOUS ` +
        `during a rotation) to the keys the data was written with.`,
    );
  }
}

export type ChildKey = { state: 'active'; key: Buffer } | { state: 'erased' } | { state: 'missing' };

/**
 * The child_keys table with a short-lived in-process cache (one second: a projection batch prefetches its
 * keys in one query, so the cache needs to outlive a batch, not more). Its TTL bounds how long another process
 * can still decrypt after an erasure; the erasing process drops the key at once and waits that long.
 */
export class ChildKeyStore {
  private readonly cache = new Map<string, { key: ChildKey; until: number }>();
  private readonly ring: MasterKeyRing;

  constructor(
    private readonly sql: Sql,
    master: Buffer | MasterKeyRing,
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 20_000,
  ) {
    this.ring = Buffer.isBuffer(master) ? { current: master, version: 1 } : master;
  }

  private unwrap(childId: string, wrapped: Buffer, keyVersion: number): Buffer {
    return unwrapKey(masterKeyFor(this.ring, keyVersion), childId, wrapped);
  }

  async keyFor(childId: string): Promise<ChildKey> {
    const hit = this.cache.get(childId);
    if (hit && hit.until > Date.now()) return hit.key;
    const [row] = await this.sql<{ wrapped_key: Buffer | null; key_version: number }[]>`
      select wrapped_key, key_version from child_keys where child_id = ${childId}::uuid`;
    const key: ChildKey = !row
      ? { state: 'missing' }
      : row.wrapped_key === null
        ? { state: 'erased' }
        : { state: 'active', key: this.unwrap(childId, row.wrapped_key, row.key_version) };
    if (key.state !== 'missing') this.remember(childId, key);
    return key;
  }

  /** Loads the keys of many children in one query (a projection batch, a rebuild). */
  async prefetch(childIds: string[]): Promise<void> {
    const now = Date.now();
    const missing = [...new Set(childIds)].filter((id) => !((this.cache.get(id)?.until ?? 0) > now));
    if (missing.length === 0) return;
    const rows = await this.sql<{ child_id: string; wrapped_key: Buffer | null; key_version: number }[]>`
      select child_id, wrapped_key, key_version from child_keys where child_id = any(${missing}::uuid[])`;
    for (const row of rows) {
      this.remember(
        row.child_id,
        row.wrapped_key === null
          ? { state: 'erased' }
          : { state: 'active', key: this.unwrap(row.child_id, row.wrapped_key, row.key_version) },
      );
    }
  }

  /** The child's key, created on first use. Refuses a child whose data was erased. */
  async keyForWriting(childId: string): Promise<ChildKey> {
    const existing = await this.keyFor(childId);
    if (existing.state !== 'missing') return existing;
    const wrapped = wrapKey(this.ring.current, childId, randomBytes(32));
    await this.sql`
      insert into child_keys (child_id, wrapped_key, key_version) values (${childId}::uuid, ${wrapped}, ${this.ring.version})
      on conflict (child_id) do nothing`;
    this.cache.delete(childId);
    return this.keyFor(childId);
  }

  /**
   * Makes sure many children have a key, in one insert, and caches them (bulk loads). Equivalent to calling
   * keyForWriting for each, without three round trips per child.
   */
  async ensureKeys(childIds: string[]): Promise<void> {
    await this.prefetch(childIds);
    const now = Date.now();
    const missing = [...new Set(childIds)].filter((id) => !((this.cache.get(id)?.until ?? 0) > now));
    if (missing.length === 0) return;
    const rows = missing.map((id) => ({
      child_id: id,
      wrapped_key: wrapKey(this.ring.current, id, randomBytes(32)),
      key_version: this.ring.version,
    }));
    await this
      .sql`insert into child_keys ${this.sql(rows, 'child_id', 'wrapped_key', 'key_version')} on conflict (child_id) do nothing`;
    await this.prefetch(missing);
  }

  /** Whether a key was ever made for the child (null: no personal data is held), and when it was destroyed. Uncached. */
  async record(childId: string): Promise<{ erasedAt: Date | null } | null> {
    const [row] = await this.sql<
      { erased_at: Date | null }[]
    >`select erased_at from child_keys where child_id = ${childId}::uuid`;
    return row ? { erasedAt: row.erased_at } : null;
  }

  /** Destroys the key: from now on the child's personal data reads as erased everywhere. */
  async destroy(childId: string, reason: string): Promise<void> {
    await this.sql`
      insert into child_keys (child_id, wrapped_key, erased_at, erase_reason)
      values (${childId}::uuid, null, now(), ${reason})
      on conflict (child_id) do update
        set wrapped_key = null, erased_at = coalesce(child_keys.erased_at, now()), erase_reason = excluded.erase_reason`;
    this.remember(childId, { state: 'erased' });
  }

  forget(childId: string): void {
    this.cache.delete(childId);
  }

  private remember(childId: string, key: ChildKey) {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(childId, { key, until: Date.now() + this.ttlMs });
  }
}

/** The key ring a process's configuration describes. */
export function masterKeyRing(config: {
  piiMasterKey: Buffer;
  piiMasterKeyVersion?: number;
  piiPreviousMasterKey?: Buffer | null;
}): MasterKeyRing {
  return {
    current: config.piiMasterKey,
    version: config.piiMasterKeyVersion ?? 1,
    previous: config.piiPreviousMasterKey ?? null,
  };
}
