import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';

const utf16le = (s: string, bom: boolean): Uint8Array => {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
};
const utf16be = (s: string, bom: boolean): Uint8Array => {
  const le = utf16le(s, false);
  const out = new Uint8Array((bom ? 2 : 0) + le.length);
  let o = 0;
  if (bom) {
    out[o++] = 0xfe;
    out[o++] = 0xff;
  }
  for (let i = 0; i < le.length; i += 2) {
    out[o++] = le[i + 1] ?? 0;
    out[o++] = le[i] ?? 0;
  }
  return out;
};

describe('decodeBytes', () => {
  const text = '"Time (AEST)","Type"\r\n"01/01/2024 12:00","Düsseldorf – R4"\r\n';
  const cases: { name: string; bytes: Uint8Array; encoding: string; text: string }[] = [
    { name: 'plain UTF-8', bytes: new TextEncoder().encode(text), encoding: 'utf-8', text },
    {
      name: 'UTF-8 with BOM (BOM removed)',
      bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
      encoding: 'utf-8',
      text,
    },
    { name: 'UTF-16LE with BOM', bytes: utf16le(text, true), encoding: 'utf-16le', text },
    { name: 'UTF-16BE with BOM', bytes: utf16be(text, true), encoding: 'utf-16be', text },
    { name: 'UTF-16LE without BOM (NUL pattern)', bytes: utf16le(text, false), encoding: 'utf-16le', text },
    { name: 'UTF-16BE without BOM (NUL pattern)', bytes: utf16be(text, false), encoding: 'utf-16be', text },
    {
      // "Düsseldorf – €5" in Windows-1252: ü = 0xFC, en dash = 0x96, € = 0x80 (invalid as UTF-8).
      name: 'Windows-1252',
      bytes: new Uint8Array([0x44, 0xfc, 0x73, 0x73, 0x20, 0x96, 0x20, 0x80, 0x35]),
      encoding: 'windows-1252',
      text: 'Düss – €5',
    },
    { name: 'empty', bytes: new Uint8Array(0), encoding: 'utf-8', text: '' },
  ];
  it.each(cases)('$name', ({ bytes, encoding, text: expected }) => {
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(expected);
  });

  it('keeps a UTF-8 file with a BOM as UTF-8 even when a later byte is broken', () => {
    const d = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]));
    expect(d).toEqual({ encoding: 'utf-8', text: 'a\uFFFDb' });
  });

  it('drops an odd trailing byte of UTF-16', () => {
    const bytes = new Uint8Array([...utf16le('ab', true), 0x63]);
    expect(decodeBytes(bytes)).toEqual({ encoding: 'utf-16le', text: 'ab' });
  });

  it('does not take a UTF-8 file with one stray NUL for UTF-16', () => {
    const bytes = new TextEncoder().encode('Date,Amount\n01/02/2024,5\u0000\n02/02/2024,6\n');
    expect(decodeBytes(bytes).encoding).toBe('utf-8');
  });
});
