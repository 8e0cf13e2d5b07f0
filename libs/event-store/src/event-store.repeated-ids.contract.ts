// Part of the event store contract (event-store.contract.ts calls it for every adapter): what an event id that
// was already written does. PostgreSQL refused it with a concurrency error while EventStoreDB answered a repeated
// append with success, so a retry under an idempotency key (register-children.service.ts) could not tell a replay
// from a conflicting request on EventStoreDB. The port now says (event-store.port.ts, appendToStream): refused,
// ConcurrencyError, nothing written, whatever the expected revision.
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore, type EventToAppend, type ExpectedRevision } from './event-store.port';

export function repeatedEventIdsContract(getStore: () => EventStore) {
  describe('repeated event ids (refused with ConcurrencyError, nothing written)', () => {
    const stream = () => `contract-ids-${randomUUID()}`;
    const ev = (type: string, n: number, eventId: string = randomUUID()): EventToAppend & { eventId: string } => ({
      eventId,
      type,
      data: { n },
      metadata: { actorId: 'contract' },
    });
    const append = (streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision) =>
      getStore().appendToStream(streamId, events, { expectedRevision });
    const refused = async (streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision) => {
      const error = await append(streamId, events, expectedRevision).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId });
    };
    const stored = async (streamId: string) =>
      (await getStore().readStream(streamId)).map((e) => [e.eventId, e.type, (e.data as { n: number }).n]);

    it('refuses the very same append sent again (same ids, content and expected revision)', async () => {
      const id = stream();
      const first = [ev('A', 0), ev('B', 1)];
      await append(id, first, 'no_stream');
      await refused(id, first, 'no_stream');
      const next = [ev('C', 2)];
      await append(id, next, 1);
      await refused(id, next, 1);
      expect(await stored(id)).toEqual(
        [...first, ...next].map((e) => [e.eventId, e.type, (e.data as { n: number }).n]),
      );
    });

    it('refuses the same ids with another content, and keeps the first content', async () => {
      const id = stream();
      const a = ev('A', 0);
      await append(id, [a], 'no_stream');
      await refused(id, [{ ...a, type: 'Other', data: { n: 99 } }], 'no_stream');
      expect(await stored(id)).toEqual([[a.eventId, 'A', 0]]);
    });

    it('refuses an id the stream holds, appended at its current revision', async () => {
      const id = stream();
      const a = ev('A', 0);
      await append(id, [a], 'no_stream');
      await refused(id, [ev('B', 1, a.eventId)], 0);
      expect(await stored(id)).toEqual([[a.eventId, 'A', 0]]);
    });

    it.each<ExpectedRevision>(['any', 'stream_exists'])(
      'refuses a repeated id with expectedRevision %s',
      async (expected) => {
        const id = stream();
        const a = ev('A', 0);
        await append(id, [a], 'no_stream');
        await refused(id, [a], expected);
        await refused(id, [ev('B', 1), ev('C', 2, a.eventId)], expected);
        expect(await stored(id)).toEqual([[a.eventId, 'A', 0]]);
      },
    );

    it('writes none of a batch that holds one repeated id among new ones', async () => {
      const id = stream();
      const [a, b] = [ev('A', 0), ev('B', 1)];
      await append(id, [a, b], 'no_stream');
      await refused(id, [ev('C', 2), ev('D', 3, a.eventId)], 1);
      expect((await stored(id)).map((e) => e[1])).toEqual(['A', 'B']);
    });

    it('refuses the same id twice in one append, and creates no stream', async () => {
      const id = stream();
      const a = ev('A', 0);
      await refused(id, [a, ev('B', 1, a.eventId)], 'no_stream');
      expect(await stored(id)).toEqual([]);
    });
  });
}
