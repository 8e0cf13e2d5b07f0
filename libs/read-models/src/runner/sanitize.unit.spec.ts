import { REPLACEMENT, sanitizeText, sanitizeValue } from './sanitize';

describe('sanitizeText (read-model rows)', () => {
  it('leaves ordinary Vietnamese text, tabs, newlines and emoji as they are', () => {
    for (const s of ['Nguyễn Thị Đào', 'dòng 1\ndòng 2\tcột', '😀 trẻ em', '']) expect(sanitizeText(s)).toBe(s);
  });

  it('replaces NUL, other C0 controls, DEL and C1 controls with U+FFFD', () => {
    expect(sanitizeText('A\u0000B')).toBe(`A${REPLACEMENT}B`);
    expect(sanitizeText('\u0001\u001b[31m\u007f')).toBe(`${REPLACEMENT}${REPLACEMENT}[31m${REPLACEMENT}`);
    expect(sanitizeText('x\u0085y\u009fz\u0080')).toBe(`x${REPLACEMENT}y${REPLACEMENT}z${REPLACEMENT}`);
  });

  it('folds CR LF and lone CR into LF', () => {
    expect(sanitizeText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('replaces lone surrogates, high or low, and keeps pairs', () => {
    expect(sanitizeText('a\uD800b')).toBe(`a${REPLACEMENT}b`);
    expect(sanitizeText('a\uDC00')).toBe(`a${REPLACEMENT}`);
    expect(sanitizeText('\uD83D\uDE00\uD83D')).toBe(`\uD83D\uDE00${REPLACEMENT}`);
    expect(sanitizeText('\uDE00\uD83D')).toBe(`${REPLACEMENT}${REPLACEMENT}`);
  });

  it('gives text PostgreSQL accepts in jsonb (no NUL, well formed)', () => {
    const out = sanitizeText('\u0000\uD800\u0085ok');
    expect(out.includes('\u0000')).toBe(false);
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });
});

describe('sanitizeValue', () => {
  it('cleans strings deep in arrays and plain objects, keys too, and leaves other values alone', () => {
    const date = new Date('2026-12-04T00:00:00Z');
    const out = sanitizeValue({
      name: 'A\u0000B',
      tags: ['x\u0085', 1, null, true],
      nested: { 'k\u0000': '\uD800' },
      at: date,
      n: 3,
    });
    expect(out).toEqual({
      name: `A${REPLACEMENT}B`,
      tags: [`x${REPLACEMENT}`, 1, null, true],
      nested: { [`k${REPLACEMENT}`]: REPLACEMENT },
      at: date,
      n: 3,
    });
    expect(out.at).toBe(date);
  });

  it('returns a clean value itself, and copies only what it cleans', () => {
    const row = { full_name: 'Lan', areas: ['29926'], referrals: [{ id: 'r1' }] };
    expect(sanitizeValue(row)).toBe(row);
    const dirty = { full_name: 'L\u0000an', areas: row.areas, referrals: row.referrals };
    const out = sanitizeValue(dirty);
    expect(out).not.toBe(dirty);
    expect(out.areas).toBe(row.areas);
    expect(dirty.full_name).toBe('L\u0000an');
  });
});
