// The one text-decoding module: the encodings Chinese offices save text in.
import { describe, expect, it } from 'vitest';
import { decodeLeniently, detectAndDecode } from '../../../electron/core/common/text-decoding.std';

const TEXT = '下步工作要求：加快推进。';
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));

describe('text decoding', () => {
  it('tells UTF-8, UTF-8 with BOM, UTF-16 with and without BOM apart', () => {
    expect(detectAndDecode(new TextEncoder().encode(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(
      detectAndDecode(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]))?.encoding,
    ).toBe('utf-8-bom');
    expect(detectAndDecode(new Uint8Array([0xff, 0xfe, ...utf16le(TEXT)]))).toEqual({
      text: TEXT,
      encoding: 'utf-16le',
    });
    expect(detectAndDecode(utf16le('abc 2025 年'.repeat(20)))?.encoding).toBe('utf-16le');
  });

  it('reads GB18030 (Notepad and WPS on Chinese Windows)', () => {
    // 加快推进 in GBK
    const gbk = new Uint8Array([0xbc, 0xd3, 0xbf, 0xec, 0xcd, 0xc6, 0xbd, 0xf8]);
    expect(detectAndDecode(gbk)).toEqual({ text: '加快推进', encoding: 'gb18030' });
    expect(decodeLeniently(gbk)).toBe('加快推进');
  });
});
