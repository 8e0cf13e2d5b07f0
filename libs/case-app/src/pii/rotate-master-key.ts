import type { Sql } from '@sen/db';
import { type MasterKeyRing, unwrapKey, wrapKey } from './child-keys';

export interface RewrapOptions {
  /** Child keys per transaction. */
  batchSize?: number;
  /** Only check that the previous key unwraps every child key of its version; change nothing. */
  dryRun?: boolean;
  /** After each batch: how many of the previous version's keys are done, of how many. */
  onBatch?: (done: number, total: number) => void;
  /** Stops after the batch in hand; a later run carries on. */
  signal?: AbortSignal;
}

export interface RewrapResult {
  /** Child keys now wrapped by the current master key (or that would be, in a dry run). */
  rewrapped: number;
  /** Rows of erased children (no key left) moved to the current version. */
  erased: number;
  /** Keys still at the previous version (0 when the rotation is complete). */
  remaining: number;
  /** Keys at versions this process cannot unwrap at all: neither current nor previous. */
  unknownVersions: { version: number; count: number }[];
}

export class MasterKeyMismatchError extends Error {
  readonly code = 'PII_MASTER_KEY_PREVIOUS_MISMATCH';
  constructor(readonly keyVersion: number) {
    // No child id in the message: which children exist is itself sensitive.
    super(
      `PII_MASTER_KEY_PREVIOUS does not unwrap the child keys of version ${keyVersion}: it is not the key they were wrapped with. Nothing in this batch was changed.`,
    );
    this.name = 'MasterKeyMismatchError';
  }
}

/**
 * Re-wraps every child key of the previous master key version with the current master key, batch by batch, each
 * batch in one transaction (rows locked, so two runs never rewrap one key twice). The child data keys themselves do
 * not change, so no event is re-encrypted. Resumable: a key done has the current version and is not looked at again.
 */
export async function rewrapChildKeys(
  sql: Sql,
  ring: MasterKeyRing,
  options: RewrapOptions = {},
): Promise<RewrapResult> {
  if (!ring.previous)
    throw new Error(
      'rotate-pii-key needs PII_MASTER_KEY_PREVIOUS (the key being retired) next to the new PII_MASTER_KEY',
    );
  const previous = ring.previous;
  const from = ring.version - 1;
  const batchSize = options.batchSize ?? 500;
  const unknownVersions = (
    await sql<{ version: number; count: number }[]>`
      select key_version as version, count(*)::int as count from child_keys
       where key_version not in (${ring.version}, ${from}) group by key_version order by key_version`
  ).map((r) => ({ version: r.version, count: r.count }));
  const [{ total } = { total: 0 }] = await sql<
    { total: number }[]
  >`select count(*)::int as total from child_keys where key_version = ${from}`;
  const result: RewrapResult = { rewrapped: 0, erased: 0, remaining: total, unknownVersions };
  options.onBatch?.(0, total);

  if (options.dryRun) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await sql<{ child_id: string; wrapped_key: Buffer | null }[]>`
        select child_id, wrapped_key from child_keys where key_version = ${from} and child_id > ${after}::uuid
         order by child_id limit ${batchSize}`;
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.wrapped_key === null) {
          result.erased++;
        } else {
          unwrapOrThrow(previous, row.child_id, row.wrapped_key, from);
          result.rewrapped++;
        }
      }
      after = rows[rows.length - 1]!.child_id;
      options.onBatch?.(result.rewrapped + result.erased, total);
    }
    return result;
  }

  while (!options.signal?.aborted) {
    const done = await sql.begin(async (tx) => {
      const rows = await tx<{ child_id: string; wrapped_key: Buffer | null }[]>`
        select child_id, wrapped_key from child_keys where key_version = ${from}
         order by child_id limit ${batchSize} for update skip locked`;
      const ids: string[] = [];
      const keys: (Buffer | null)[] = [];
      let erased = 0;
      for (const row of rows) {
        ids.push(row.child_id);
        if (row.wrapped_key === null) {
          keys.push(null);
          erased++;
          continue;
        }
        const dataKey = unwrapOrThrow(previous, row.child_id, row.wrapped_key, from);
        const rewrapped = wrapKey(ring.current, row.child_id, dataKey);
        // Belt and braces: the new wrapping must give the same data key back before the old one is replaced.
        if (!unwrapKey(ring.current, row.child_id, rewrapped).equals(dataKey))
          throw new Error('re-wrapped child key does not round-trip');
        keys.push(rewrapped);
      }
      for (let i = 0; i < ids.length; i++) {
        await tx`update child_keys set wrapped_key = ${keys[i]!}, key_version = ${ring.version}
                  where child_id = ${ids[i]!}::uuid and key_version = ${from}`;
      }
      return { count: rows.length, erased };
    });
    if (done.count === 0) break;
    result.rewrapped += done.count - done.erased;
    result.erased += done.erased;
    options.onBatch?.(result.rewrapped + result.erased, total);
  }
  const [{ remaining } = { remaining: 0 }] = await sql<
    { remaining: number }[]
  >`select count(*)::int as remaining from child_keys where key_version = ${from}`;
  result.remaining = remaining;
  return result;
}

function unwrapOrThrow(previous: Buffer, childId: string, wrapped: Buffer, version: number): Buffer {
  try {
    return unwrapKey(previous, childId, wrapped);
  } catch {
    throw new MasterKeyMismatchError(version);
  }
}
