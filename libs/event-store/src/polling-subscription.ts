import type { Checkpoint, RecordedEvent, SubscribeOptions, Subscription } from './event-store.port';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Follows the global order by polling `readAll`: a full batch is followed at once by the next read, an empty
 * one by a pause that starts short and grows to `idleMs`. A read that fails is retried after a pause (the
 * database may be restarting); a handler that fails ends the subscription, so no event is skipped.
 */
export function pollingSubscription(
  readAll: (from: Checkpoint, limit: number) => Promise<RecordedEvent[]>,
  from: Checkpoint,
  handler: (batch: RecordedEvent[]) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const idleMs = options.idleMs ?? 100;
  const controller = new AbortController();
  let position = from;

  const run = async () => {
    let pause = 5;
    while (!controller.signal.aborted) {
      let batch: RecordedEvent[];
      try {
        batch = await readAll(position, batchSize);
      } catch (error) {
        options.onError?.(error);
        await sleep(1000, controller.signal);
        continue;
      }
      if (batch.length > 0) {
        await handler(batch);
        position = batch[batch.length - 1]!.checkpoint;
        pause = 5;
        if (batch.length === batchSize) continue;
      }
      await sleep(pause, controller.signal);
      pause = Math.min(idleMs, pause * 2);
    }
  };
  const done = run();
  return {
    done,
    async stop() {
      controller.abort();
      await done.catch(() => undefined);
    },
  };
}
