// Writes a minimal but valid OLE compound file (CFB v3, 512-byte sectors) holding the
// given streams: what a legacy .doc is (WordDocument, 1Table) and what Word and WPS save
// for a .docx with an open password (EncryptionInfo, EncryptedPackage).
// Streams are padded to 4096 bytes so they live in regular sectors (no mini stream).
const SECTOR = 512;
const FREESECT = 0xffffffff,
  ENDOFCHAIN = 0xfffffffe,
  FATSECT = 0xfffffffd,
  NOSTREAM = 0xffffffff;

export function makeOle(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  if (streams.length > 3) throw new Error('one directory sector holds the root and three streams');
  // names must form a valid sibling chain: sorted by length, then by upper-case name
  const sorted = [...streams].sort(
    (a, b) => a.name.length - b.name.length || (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1),
  );
  const bodies = sorted.map((s) => {
    const size = Math.max(4096, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const b = Buffer.alloc(size);
    Buffer.from(s.data).copy(b);
    return { name: s.name, bytes: b, size: Math.max(4096, s.data.length) };
  });
  const fat: number[] = [FATSECT, ENDOFCHAIN]; // sector 0: the FAT, sector 1: the directory
  const starts: number[] = [];
  for (const b of bodies) {
    const n = b.bytes.length / SECTOR;
    starts.push(fat.length);
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? ENDOFCHAIN : fat.length + 1);
  }
  if (fat.length > SECTOR / 4) throw new Error('streams too large for one FAT sector');

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREESECT, 76 + i * 4);

  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, i * 4));

  const dir = Buffer.alloc(SECTOR);
  const entry = (
    i: number,
    name: string,
    type: number,
    opts: { right?: number; child?: number; start?: number; size?: number },
  ) => {
    const o = i * 128;
    const nameBytes = Buffer.from(name + '\0', 'utf16le');
    nameBytes.copy(dir, o);
    dir.writeUInt16LE(nameBytes.length, o + 64);
    dir[o + 66] = type;
    dir[o + 67] = 1; // black
    dir.writeUInt32LE(NOSTREAM, o + 68);
    dir.writeUInt32LE(opts.right ?? NOSTREAM, o + 72);
    dir.writeUInt32LE(opts.child ?? NOSTREAM, o + 76);
    dir.writeUInt32LE(opts.start ?? ENDOFCHAIN, o + 116);
    dir.writeUInt32LE(opts.size ?? 0, o + 120);
  };
  entry(0, 'Root Entry', 5, { child: bodies.length ? 1 : NOSTREAM });
  bodies.forEach((b, k) =>
    entry(k + 1, b.name, 2, {
      right: k + 1 < bodies.length ? k + 2 : NOSTREAM,
      start: starts[k],
      size: b.size,
    }),
  );
  for (let i = bodies.length + 1; i < 4; i++) {
    const o = i * 128;
    dir.writeUInt32LE(NOSTREAM, o + 68);
    dir.writeUInt32LE(NOSTREAM, o + 72);
    dir.writeUInt32LE(NOSTREAM, o + 76);
  }
  return new Uint8Array(Buffer.concat([header, fatSector, dir, ...bodies.map((b) => b.bytes)]));
}

/** The two streams of an encrypted OOXML package (agile encryption header, sealed payload). */
export function encryptedDocx(): Uint8Array {
  const info = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]), // version 4.4, agile
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></encryption>',
    ),
  ]);
  const payload = Buffer.alloc(4096);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 131 + 7) & 0xff; // ciphertext-like
  return makeOle([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: payload },
  ]);
}

/** A legacy Word 97–2003 file's container (the streams' content does not matter here). */
export function legacyDoc(): Uint8Array {
  const word = Buffer.alloc(4096);
  word.writeUInt16LE(0xa5ec, 0); // FIB magic of a Word 97 document
  return makeOle([
    { name: 'WordDocument', data: word },
    { name: '1Table', data: Buffer.alloc(4096) },
  ]);
}
