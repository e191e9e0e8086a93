// What the bytes are, by magic number: extensions lie (a clerk renames .doc to .docx).
export type Sniffed = 'pdf' | 'zip' | 'ole' | 'text' | 'binary';

export function sniff(b: Uint8Array): Sniffed {
  const head = (n: number) => Array.from(b.subarray(0, n));
  // %PDF may be preceded by junk bytes (allowed up to 1024 by the spec)
  const probe = Buffer.from(b.subarray(0, 1024)).toString('latin1');
  if (probe.includes('%PDF-')) return 'pdf';
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07)) return 'zip';
  if (head(8).join(',') === [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].join(',')) return 'ole';
  // text: no NUL bytes except in UTF-16 (BOM or every other byte)
  const n = Math.min(b.length, 4096);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'text';
  let nul = 0,
    ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) nul++;
    else if (c < 9 || (c > 13 && c < 32 && c !== 27)) ctrl++;
  }
  if (nul > 0 && nul >= n / 4) return 'text'; // BOM-less UTF-16
  if (nul > 0 || ctrl > n / 50) return 'binary';
  return 'text';
}

/**
 * An OLE compound file whose directory names the stream EncryptionInfo or
 * EncryptedPackage is an encrypted OOXML document (a .docx with an open password);
 * Word 97–2003 files never have these streams.
 * Directory entry names are UTF-16LE; the directory sits anywhere in the file.
 */
export function isEncryptedOoxml(b: Uint8Array): boolean {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  // either name is enough: rights-managed (IRM) files carry EncryptedPackage with other companions
  return (
    buf.indexOf(Buffer.from('EncryptionInfo', 'utf16le')) >= 0 ||
    buf.indexOf(Buffer.from('EncryptedPackage', 'utf16le')) >= 0
  );
}

/**
 * A zip whose entries include OFD.xml at the root (GB/T 33190 §7.1: the package entry).
 * Names are read from the central directory at the end and the local headers at the
 * start, so a truncated package with its first entry intact still sniffs as OFD.
 */
export function isOfdPackage(b: Uint8Array): boolean {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const name = Buffer.from('OFD.xml', 'latin1');
  // local file header: name at offset 30; central directory entry: name at offset 46
  for (let i = buf.indexOf(name); i >= 0; i = buf.indexOf(name, i + 1)) {
    if (i >= 30 && buf.readUInt32LE(i - 30) === 0x04034b50 && buf.readUInt16LE(i - 4) === name.length)
      return true;
    if (i >= 46 && buf.readUInt32LE(i - 46) === 0x02014b50 && buf.readUInt16LE(i - 18) === name.length)
      return true;
  }
  return false;
}
