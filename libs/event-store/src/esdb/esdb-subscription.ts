import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import { type Checkpoint, type RecordedEvent, type SubscribeOptions, type Subscription, compareCheckpoints } from '../event-store.port';
import { keepEvent, toReadPosition, toRecordedEvent } from './esdb-mapping';

/** Pause before resubscribing after the n-th drop in a row: 100 ms doubling to 5 s. */
export function resubscribeDelay(attempt: number): number {
  return Math.min(5_000, 100 * 2 ** Math.max(0, attempt));
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A catch-up subscription to `$all`, filtered on the server (stream prefix, or every non-system event), that hands
 * the handler batches of what is buffered. When the subscription drops (server restart, leader change, a slow
 * consumer dropped by the server) it resubscribes from the last checkpoint the handler finished, with backoff.
 * Events at or before that checkpoint are skipped, so a resubscription never delivers an event twice. A handler
 * that throws ends the subscription (`done` rejects), as with the PostgreSQL adapter, so no event is skipped.
 */
export function esdbCatchUpSubscription(
  client: EventStoreDBClient,
  from: Checkpoint,
  handler: (batch: RecordedEvent[]) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const controller = new AbortController();
  let last = from;
  let current: AllStreamSubscription | null = null;

  const filter = options.streamPrefix ? streamNameFilter({ prefixes: [options.streamPrefix] }) : excludeSystemEvents();

  /** Delivers from one server subscription until it ends; resolves on a drop, rejects if the handler fails. */
  const follow = async (sub: AllStreamSubscription): Promise<'dropped'> => {
    let dropped: unknown = null;
    let ended = false;
    let wake: (() => void) | null = null;
    const signal = () => (wake?.(), (wake = null));
    sub.on('readable', signal);
    sub.on('end', () => ((ended = true), signal()));
    sub.on('close', () => ((ended = true), signal()));
    sub.on('error', (error) => ((dropped = error), (ended = true), signal()));
    const onAbort = () => signal();
    controller.signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!controller.signal.aborted) {
        const batch: RecordedEvent[] = [];
        let item: AllStreamResolvedEvent | null;
        while (batch.length < batchSize && (item = sub.read() as AllStreamResolvedEvent | null) !== null) {
          const e = item.event;
          if (!e || !keepEvent(e.streamId, e.type, options.streamPrefix)) continue;
          const recorded = toRecordedEvent(e);
          if (compareCheckpoints(recorded.checkpoint, last) <= 0) continue; // already handled before a drop
          batch.push(recorded);
        }
        if (batch.length > 0) {
          await handler(batch);
          last = batch[batch.length - 1]!.checkpoint;
          continue;
        }
        if (ended) {
          if (dropped) options.onError?.(dropped);
          return 'dropped';
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return 'dropped';
    } finally {
      controller.signal.removeEventListener('abort', onAbort);
    }
  };

  const run = async () => {
    let attempt = 0;
    while (!controller.signal.aborted) {
      const before = last;
      current = client.subscribeToAll({ fromPosition: toReadPosition(last), filter }, { highWaterMark: batchSize });
      try {
        await follow(current);
      } finally {
        await current.unsubscribe().catch(() => undefined);
        current = null;
      }
      if (controller.signal.aborted) return;
      // A drop after progress retries at once; drops in a row back off.
      attempt = compareCheckpoints(last, before) > 0 ? 0 : attempt + 1;
      await sleep(resubscribeDelay(attempt), controller.signal);
    }
  };

  const done = run();
  return {
    done,
    async stop() {
      controller.abort();
      await current?.unsubscribe().catch(() => undefined);
      await done.catch(() => undefined);
    },
  };
}
