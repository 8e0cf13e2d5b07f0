// The bytes of a CSV file as a spreadsheet saved them, to text: UTF-8 with or without a byte-order mark, UTF-16
// (little- or big-endian, with its mark, or without one when the zero bytes give it away) and Windows-1258, the
// Vietnamese code page some Excel set-ups still save "CSV" in. Browsers' TextDecoder does not know windows-1258
// (the Encoding Standard has no such label that decodes it for us), and iconv-lite needs Node's Buffer, so the
// code page's 128 upper characters are below, checked byte for byte against iconv-lite in the unit test.
// Windows-1258 writes most tone marks as combining characters after the letter ("ễ" = "ê" + U+0303): the text is
// normalised to NFC so that names compare and display as typed elsewhere.

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/** Windows-1258, bytes 0x80–0xFF (U+FFFD where the code page leaves a byte undefined). */
const CP1258_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\ufffd\u2039\u0152\ufffd\ufffd\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\ufffd\u203a\u0153\ufffd\ufffd\u0178' +
  '\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af' +
  '\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf' +
  '\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf' +
  '\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df' +
  '\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef' +
  '\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff';

export function decodeWindows1258(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part: string[] = [];
    for (const b of bytes.subarray(i, i + CHUNK)) part.push(b < 0x80 ? String.fromCharCode(b) : CP1258_HIGH[b - 0x80]!);
    out += part.join('');
  }
  return out.normalize('NFC');
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  let le = bytes;
  if (!littleEndian) {
    // TextDecoder's utf-16be is not in every runtime (Node without full ICU): swap the bytes and read little-endian.
    le = new Uint8Array(bytes.length & ~1);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      le[i] = bytes[i + 1]!;
      le[i + 1] = bytes[i]!;
    }
  }
  return new TextDecoder('utf-16le').decode(le);
}

/** UTF-16 without a mark: text in Latin letters has a zero byte in every other place. */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** The file's text (NFC, without its byte-order mark) and the encoding it was read in. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)).normalize('NFC'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decodeUtf16(bytes.subarray(2), true).normalize('NFC'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decodeUtf16(bytes.subarray(2), false).normalize('NFC'), encoding: 'utf-16be' };
  const wide = utf16WithoutMark(bytes);
  if (wide) return { text: decodeUtf16(bytes, wide === 'utf-16le').normalize('NFC'), encoding: wide };
  try {
    // Valid UTF-8 is taken as UTF-8: Windows-1258 text with letters beyond ASCII is almost never valid UTF-8.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC'), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1258(bytes), encoding: 'windows-1258' };
  }
}
