// What of the EventStoreDB adapter can be tested without a server: the translations to and from the client's
// types, with the client's own classes (no mock of the client). The adapter against a server is the contract suite.
import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import { ConcurrencyError, START } from '../event-store.port';
import {
  fromEsdbCurrentRevision,
  isSystemEvent,
  keepEvent,
  normaliseConnectionString,
  redactConnectionString,
  toCheckpoint,
  toEsdbExpectedRevision,
  toPortError,
  toReadPosition,
  toRecordedEvent,
  toSafeNumber,
  withRecordedAt,
} from './esdb-mapping';

const wrongVersion = (expected: 'no_stream' | 'any' | 'stream_exists' | bigint, current: 'no_stream' | bigint) =>
  new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected, current });

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it('maps the three named states to the client constants', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    });

    it('maps a 0-based revision to the same ESDB stream revision', () => {
      expect(toEsdbExpectedRevision(0)).toBe(0n);
      expect(toEsdbExpectedRevision(41)).toBe(41n);
    });

    it.each([-1, 1.5, Number.NaN, 2 ** 60, 'latest'])('refuses %p with a clear error', (bad) => {
      expect(() => toEsdbExpectedRevision(bad as never)).toThrow(/expected revision must be/);
    });
  });

  describe('errors', () => {
    it('turns WrongExpectedVersion on an existing stream into a ConcurrencyError with the actual revision', () => {
      const error = toPortError(wrongVersion(NO_STREAM, 3n), 'case-1', 'no_stream');
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: 'case-1', expected: 'no_stream', actual: 3, code: 'CONCURRENCY' });
    });

    it('reports a missing stream as actual -1', () => {
      expect(toPortError(wrongVersion(STREAM_EXISTS, NO_STREAM), 'case-1', 'stream_exists')).toMatchObject({
        actual: -1,
      });
      expect(toPortError(wrongVersion(0n, NO_STREAM), 'case-1', 0)).toMatchObject({ expected: 0, actual: -1 });
      expect(fromEsdbCurrentRevision(undefined)).toBe(-1);
    });

    it('passes every other error through unchanged', () => {
      const other = new Error('unavailable');
      expect(toPortError(other, 'case-1', 'any')).toBe(other);
    });
  });

  describe('positions', () => {
    it('converts an $all position to a checkpoint and back', () => {
      const cp = toCheckpoint({ commit: 1_234_567n, prepare: 1_234_567n });
      expect(cp).toEqual({ commit: 1_234_567, prepare: 1_234_567 });
      expect(toReadPosition(cp)).toEqual({ commit: 1_234_567n, prepare: 1_234_567n });
    });

    it('reads START as the start of $all', () => {
      expect(toReadPosition(START)).toBe('start');
      expect(toCheckpoint(undefined)).toEqual(START);
    });

    it("treats the servers' 'unknown' position (2^64 - 1) as no position", () => {
      expect(toCheckpoint({ commit: 0xffff_ffff_ffff_ffffn, prepare: 0xffff_ffff_ffff_ffffn })).toEqual(START);
    });

    it('refuses a position beyond the safe integer range instead of rounding it', () => {
      expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), 'commit position')).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'commit position')).toThrow(RangeError);
      expect(() => toSafeNumber(-1n, 'commit position')).toThrow(RangeError);
    });
  });

  describe('recorded events', () => {
    const base = {
      streamId: 'case-7',
      id: '5e1f7f0e-8c3b-4a43-9d55-0b6a1f5a2c11',
      isJson: true as const,
      revision: 2n,
      type: 'CaseAssigned',
      created: new Date('2026-01-02T03:04:05Z'),
      data: { assigneeId: 'u1' },
      metadata: { actorId: 'u2' },
      position: { commit: 900n, prepare: 900n },
    };

    it('maps ids, revision, commit position as position, and JSON metadata', () => {
      expect(toRecordedEvent(base)).toEqual({
        eventId: base.id,
        streamId: 'case-7',
        revision: 2,
        position: 900,
        checkpoint: { commit: 900, prepare: 900 },
        type: 'CaseAssigned',
        data: { assigneeId: 'u1' },
        metadata: { actorId: 'u2' },
        recordedAt: base.created,
      });
    });

    it('gives position -1 when a stream read carries no $all position, and {} for absent metadata', () => {
      const e = toRecordedEvent({ ...base, position: undefined, metadata: undefined });
      expect(e.position).toBe(-1);
      expect(e.checkpoint).toEqual(START);
      expect(e.metadata).toEqual({});
    });
  });

  describe('original recorded time (copies between stores)', () => {
    const base = {
      streamId: 'case-7',
      id: '5e1f7f0e-8c3b-4a43-9d55-0b6a1f5a2c11',
      isJson: true as const,
      revision: 0n,
      type: 'CaseOpened',
      created: new Date('2026-01-02T03:04:05Z'),
      data: {},
      position: { commit: 10n, prepare: 10n },
    };

    it('writes the time into metadata and reads it back out, leaving the metadata as written', () => {
      const at = new Date('2024-03-05T06:07:08.123Z');
      const metadata = withRecordedAt({ actorId: 'u1' }, at);
      expect(metadata).toEqual({ actorId: 'u1', $recordedAt: '2024-03-05T06:07:08.123Z' });
      const e = toRecordedEvent({ ...base, metadata });
      expect(e.recordedAt).toEqual(at);
      expect(e.metadata).toEqual({ actorId: 'u1' });
    });

    it("uses the server's time when there is none, or it is not a date", () => {
      expect(withRecordedAt({ a: 1 }, undefined)).toEqual({ a: 1 });
      expect(toRecordedEvent({ ...base, metadata: { $recordedAt: 'yesterday' } }).recordedAt).toEqual(base.created);
    });
  });

  describe("filter on Sen's streams", () => {
    it('drops system streams and system event types', () => {
      expect(isSystemEvent('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(true);
      expect(isSystemEvent('case-1', '$metadata')).toBe(true);
      expect(isSystemEvent('case-1', 'CaseOpened')).toBe(false);
    });

    it('keeps only streams with the prefix when one is given', () => {
      expect(keepEvent('case-1', 'CaseOpened', 'case-')).toBe(true);
      expect(keepEvent('contract-1', 'A', 'case-')).toBe(false);
      expect(keepEvent('contract-1', 'A')).toBe(true);
      expect(keepEvent('$all', 'A')).toBe(false);
    });
  });

  describe('connection strings', () => {
    it("accepts KurrentDB's schemes as esdb://", () => {
      expect(normaliseConnectionString('kurrentdb://127.0.0.1:2113?tls=false')).toBe('esdb://127.0.0.1:2113?tls=false');
      expect(normaliseConnectionString('kurrentdb+discover://a,b,c')).toBe('esdb+discover://a,b,c');
      expect(normaliseConnectionString('kdb://h:2113')).toBe('esdb://h:2113');
      expect(normaliseConnectionString('esdb://h:2113')).toBe('esdb://h:2113');
    });

    it('hides credentials', () => {
      expect(redactConnectionString('esdb://admin:changeit@h:2113?tls=true')).toBe('esdb://***@h:2113?tls=true');
    });
  });
});
