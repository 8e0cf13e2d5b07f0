// Decoding a CSV file's bytes (issue 19, point 7): UTF-8 with and without a mark, UTF-16 both ways, Windows-1258.
import iconv from 'iconv-lite';
import { decodeCsvBytes, decodeWindows1258 } from './csv-decode';

const TEXT = 'Họ và tên;Xã\nNguyễn Thị Hoà;Xã Tân Hồng\n';

describe('CSV bytes to text', () => {
  it('reads UTF-8 without and with a byte-order mark', () => {
    const utf8 = new TextEncoder().encode(TEXT);
    expect(decodeCsvBytes(utf8)).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 little- and big-endian with their marks, and little-endian without one', () => {
    const le = Buffer.from(TEXT, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, ...le]))).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeCsvBytes(new Uint8Array([0xfe, 0xff, ...be]))).toEqual({ text: TEXT, encoding: 'utf-16be' });
    expect(decodeCsvBytes(new Uint8Array(le))).toEqual({ text: TEXT, encoding: 'utf-16le' });
  });

  it('reads a Windows-1258 file written byte by byte, tone marks combined (NFC)', () => {
    // "Nguyễn Thị Hoà;Xã Tân Hồng" as Excel saves it in cp1258: ễ = ê (0xEA) + tilde (0xDE), ị = i + dot (0xF2),
    // à = à (0xE0), ã = a + tilde, â = 0xE2, ồ = ô (0xF4) + grave (0xCC).
    const bytes = new Uint8Array([
      ...Buffer.from('Nguy', 'latin1'),
      0xea,
      0xde,
      0x6e,
      0x20,
      0x54,
      0x68,
      0x69,
      0xf2,
      0x20,
      0x48,
      0x6f,
      0xe0,
      0x3b,
      0x58,
      0x61,
      0xde,
      0x20,
      0x54,
      0xe2,
      0x6e,
      0x20,
      0x48,
      0xf4,
      0xcc,
      0x6e,
      0x67,
      0x0a,
    ]);
    const read = decodeCsvBytes(bytes);
    expect(read.encoding).toBe('windows-1258');
    expect(read.text).toBe('Nguyễn Thị Hoà;Xã Tân Hồng\n');
    expect(read.text).toBe(read.text.normalize('NFC'));
    expect(read.text.length).toBe('Nguyễn Thị Hoà;Xã Tân Hồng\n'.length);
  });

  it('decodes every byte of Windows-1258 as iconv-lite does', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(decodeWindows1258(all)).toBe(iconv.decode(Buffer.from(all), 'windows1258').normalize('NFC'));
  });
});
