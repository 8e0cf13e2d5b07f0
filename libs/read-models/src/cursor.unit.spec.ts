import { isCursorInstant, isUuid } from './cursor';

describe('What a page cursor may hold', () => {
  it('accepts the instants the API writes into cursors', () => {
    for (const d of [
      new Date('2026-11-20T01:02:03.456Z'),
      new Date('1900-01-01T00:00:00Z'),
      new Date('9999-12-31T23:59:59.999Z'),
    ]) {
      expect(isCursorInstant(d.toISOString())).toBe(true);
    }
  });

  it('refuses instants PostgreSQL cannot read or the API never wrote', () => {
    for (const v of [
      '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '1899-12-31T23:59:59.999Z',
      '2026-02-30T00:00:00.000Z',
      '2026-11-20',
      '2026-11-20T01:02:03Z',
      'x',
      1,
      null,
    ]) {
      expect({ v, ok: isCursorInstant(v) }).toEqual({ v, ok: false });
    }
  });

  it('refuses ids that only look like UUIDs', () => {
    expect(isUuid('6f1c2b1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(true);
    for (const v of [
      '-'.repeat(36),
      'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
      '6f1c2b1e3a4d4e5f8a9b0c1d2e3f4a5b0000',
      42,
    ])
      expect(isUuid(v)).toBe(false);
  });
});
