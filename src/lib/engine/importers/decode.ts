/**
 * Turns the bytes of an uploaded export into text. Bookmaker and bank exports arrive as UTF-8 (with or
 * without a BOM), as UTF-16 from Excel's "Unicode text" save, or as Windows-1252 from older Windows tools
 * (a "Düsseldorf" venue saved by Excel on Windows). Every importer reads the decoded text, never bytes.
 *
 * Order of checks: a byte-order mark wins; then a NUL-byte pattern reveals BOM-less UTF-16; then the bytes
 * are tried as strict UTF-8, and anything that is not valid UTF-8 is read as Windows-1252, which maps every
 * byte to a character and so never fails.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** How many leading bytes the UTF-16 sniffing looks at; enough for a header and a few rows. */
const SNIFF_BYTES = 4096;

/**
 * Guesses BOM-less UTF-16 from where NUL bytes sit: ASCII text in UTF-16LE has a NUL in every odd byte,
 * in UTF-16BE in every even byte. Needs NULs in at least 30% of the pairs on one side and almost none on
 * the other, so a binary file or a stray NUL in UTF-8 text is not taken for UTF-16.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** Decodes UTF-16 without letting the decoder eat or keep a BOM differently across runtimes. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  // An odd trailing byte cannot form a code unit; drop it rather than emit U+FFFD noise.
  const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(even);
}

/**
 * Decodes an export's bytes to text and says which encoding was used. A UTF-8 or UTF-16 byte-order mark is
 * removed from the text. Never throws: every byte sequence decodes as something.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8Lenient(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (b0 === 0xff && b1 === 0xfe)
    return { text: decodeUtf16(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: decodeUtf16(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16), encoding: utf16 };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** WHATWG windows-1252 code points for bytes 0x80-0x9F; every other byte is its own code point. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 by table rather than TextDecoder: Node 20's TextDecoder('windows-1252') decodes as
 * ISO-8859-1, turning 0x80 into U+0080 instead of "€" and 0x96 into U+0096 instead of "–" (found by this
 * module's test), while browsers follow the WHATWG table. The table keeps both runtimes equal.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  const parts: string[] = [];
  const units: number[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    units.length = end - start;
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      units[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b;
    }
    parts.push(String.fromCharCode(...units));
  }
  return parts.join('');
}

/**
 * After a UTF-8 BOM the file said it is UTF-8; a broken sequence further on is replaced by U+FFFD instead
 * of switching the whole file to Windows-1252.
 */
function decodeUtf8Lenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
