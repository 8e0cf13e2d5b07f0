import { decodeTracingCursor, encodeTracingCursor } from './tracing-cursor';

describe('The tracing list cursor', () => {
  it('reads back what it wrote, microseconds included', () => {
    const c = { atMicros: '1795896000123456', requestId: '0b8f3c1e-2d4a-4c5b-9e6f-7a8b9c0d1e2f' };
    expect(decodeTracingCursor(encodeTracingCursor(c))).toEqual(c);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    [
      'a case-list cursor',
      Buffer.from(JSON.stringify({ r: '2026-11-20T00:00:00Z', id: '0b8f3c1e-2d4a-4c5b-9e6f-7a8b9c0d1e2f' })).toString(
        'base64url',
      ),
    ],
    [
      'a time that is not a number',
      Buffer.from(JSON.stringify({ t: '12; drop table x', id: '0b8f3c1e-2d4a-4c5b-9e6f-7a8b9c0d1e2f' })).toString(
        'base64url',
      ),
    ],
    ['an id that is not a UUID', Buffer.from(JSON.stringify({ t: '1', id: "' or 1=1" })).toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
  ])('refuses %s', (_name, text) => {
    expect(decodeTracingCursor(text)).toBeNull();
  });
});
