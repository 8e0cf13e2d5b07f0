import { Presets, SingleBar } from 'cli-progress';
import { type RewrapResult, masterKeyRing, rewrapChildKeys } from '@sen/case-app';
import type { SenConfig } from '@sen/config';
import type { Sql } from '@sen/db';

export interface RotatePiiKeyOptions {
  dryRun?: boolean;
  batchSize?: number;
  progressBar?: boolean;
  signal?: AbortSignal;
}

/**
 * `sen rotate-pii-key`: re-wraps every child key from PII_MASTER_KEY_PREVIOUS (version N - 1) to PII_MASTER_KEY
 * (version N = PII_MASTER_KEY_VERSION). The procedure around it is in deploy/OPERATIONS.md.
 */
export async function rotatePiiKey(
  sql: Sql,
  config: SenConfig,
  options: RotatePiiKeyOptions = {},
): Promise<RewrapResult> {
  if (!config.piiPreviousMasterKey) {
    throw new Error(
      'rotate-pii-key: PII_MASTER_KEY_PREVIOUS is not set. Set PII_MASTER_KEY to the new key, PII_MASTER_KEY_VERSION to the old version + 1 and PII_MASTER_KEY_PREVIOUS to the old key (deploy/OPERATIONS.md, "Rotating PII_MASTER_KEY")',
    );
  }
  const bar = options.progressBar
    ? new SingleBar(
        {
          format: `${options.dryRun ? 'check' : 'rewrap'} child keys [{bar}] {percentage}% | {value}/{total}`,
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : null;
  let started = false;
  try {
    return await rewrapChildKeys(sql, masterKeyRing(config), {
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onBatch: (done, total) => {
        if (!started) bar?.start(total, done);
        else bar?.update(done);
        started = true;
      },
    });
  } finally {
    bar?.stop();
  }
}
