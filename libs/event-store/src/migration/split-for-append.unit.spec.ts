// The store-to-store copy splits a stream's missing events into appends the target accepts: EventStoreDB refuses a
// whole append over its MaxAppendSize (1 MiB by default), so a stream of large events copied in batches of 500
// would stop the copy.
import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { MAX_APPEND_BYTES, appendSize, copyEventStore, splitForAppend } from './copy-event-store';

const event = (bytes: number, text = 'x'): EventToAppend & { eventId: string } => ({
  eventId: randomUUID(),
  type: 'CaseOpened',
  data: { summary: text.repeat(Math.ceil(bytes / Buffer.byteLength(text))) },
  metadata: { actorId: 'u1' },
});

describe('splitForAppend', () => {
  it('keeps batches of small events to the event count', () => {
    const events = Array.from({ length: 1_200 }, () => event(100));
    const batches = splitForAppend(events, 500);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 200]);
    expect(batches.flat()).toEqual(events);
  });

  it('keeps every batch of large events under 1 MiB, in order, losing none', () => {
    const events = Array.from({ length: 100 }, () => event(100 * 1024));
    const batches = splitForAppend(events, 500);
    expect(batches.length).toBeGreaterThanOrEqual(10);
    for (const batch of batches)
      expect(batch.reduce((n, e) => n + appendSize(e), 0)).toBeLessThanOrEqual(MAX_APPEND_BYTES);
    expect(batches.flat().map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('counts bytes, not characters (Vietnamese text is 2 to 3 bytes a letter)', () => {
    const vietnamese = event(400 * 1024, 'ệ');
    expect(appendSize(vietnamese)).toBeGreaterThan(400 * 1024);
    expect(splitForAppend([vietnamese, vietnamese, vietnamese], 500).map((b) => b.length)).toEqual([2, 1]);
  });

  it('refuses an event that no append can hold, naming it', () => {
    const huge = event(MAX_APPEND_BYTES);
    expect(() => splitForAppend([event(10), huge], 500)).toThrow(
      new RegExp(`event ${huge.eventId} .* over the 1048576-byte append limit`),
    );
  });
});

describe('copyEventStore appends under the size limit', () => {
  it('copies a stream of large events in appends that each fit, with consecutive expected revisions', async () => {
    const source = Array.from({ length: 30 }, (_, revision) => ({ ...event(200 * 1024), revision }));
    const appends: { expected: unknown; bytes: number; count: number }[] = [];
    const recorded = (e: (typeof source)[number]): RecordedEvent => ({
      eventId: e.eventId,
      streamId: 'case-big',
      revision: e.revision,
      position: e.revision,
      checkpoint: { commit: e.revision, prepare: e.revision },
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: new Date(0),
    });
    const from = {
      listStreams: async (after: string | null) => (after === null ? [{ streamId: 'case-big', revision: 29 }] : []),
      readStream: async () => source.map(recorded),
    } as unknown as EventStore;
    const to = {
      readStream: async () => [],
      appendToStream: async (
        _id: string,
        events: EventToAppend[],
        { expectedRevision }: { expectedRevision: unknown },
      ) => {
        appends.push({
          expected: expectedRevision,
          bytes: events.reduce((n, e) => n + appendSize(e), 0),
          count: events.length,
        });
        return { nextRevision: 0, position: 0 };
      },
    } as unknown as EventStore;
    const progress = { load: async () => null, save: async () => undefined, reset: async () => undefined };
    const result = await copyEventStore({ source: from, target: to, progress });
    expect(result.eventsCopied).toBe(30);
    expect(appends.every((a) => a.bytes <= MAX_APPEND_BYTES)).toBe(true);
    expect(appends.reduce((n, a) => n + a.count, 0)).toBe(30);
    let next = -1;
    for (const a of appends) {
      expect(a.expected).toBe(next < 0 ? 'no_stream' : next);
      next += a.count;
    }
  });
});
