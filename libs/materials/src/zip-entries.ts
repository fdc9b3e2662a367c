/**
 * Names of the entries of a ZIP archive, read from its central directory (APPNOTE.TXT §4.3.12–4.3.16), the index
 * at the end that unzip tools trust. Local headers are not enough: anything can be appended or prepended to them.
 * Returns null for anything that is not a well-formed ZIP; never throws and never reads outside the buffer.
 */
export function zipEntryNames(bytes: Buffer): string[] | null {
  const directory = centralDirectory(bytes);
  if (!directory) return null;
  const names: string[] = [];
  let at = directory.offset;
  const end = directory.offset + directory.size;
  if (end > bytes.length) return null;
  for (let i = 0; i < directory.entries; i++) {
    if (at + CENTRAL_HEADER > end || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const next = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
    if (next > end) return null;
    // Bit 11: the name is UTF-8; otherwise CP437, whose ASCII range (all a format's fixed names use) is the same.
    const utf8 = (bytes.readUInt16LE(at + 8) & 0x0800) !== 0;
    names.push(
      bytes.toString(utf8 ? 'utf8' : 'latin1', at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength),
    );
    at = next;
  }
  return names;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const ZIP64_LOCATOR = 20;
const ZIP64_END_RECORD = 56;
const MAX_COMMENT = 0xffff;

/** True when the bytes begin as a ZIP archive does: a local file header. */
export function startsAsZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_SIGNATURE;
}

interface Directory {
  entries: number;
  size: number;
  offset: number;
}

function centralDirectory(bytes: Buffer): Directory | null {
  const end = endRecordAt(bytes);
  if (end < 0) return null;
  const directory = {
    entries: bytes.readUInt16LE(end + 10),
    size: bytes.readUInt32LE(end + 12),
    offset: bytes.readUInt32LE(end + 16),
  };
  const zip64 =
    directory.entries === 0xffff || directory.size === 0xffffffff || directory.offset === 0xffffffff;
  return zip64 ? zip64Directory(bytes, end) : directory;
}

/** The end-of-central-directory record: the last signature whose comment length reaches exactly the end. */
function endRecordAt(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - END_RECORD - MAX_COMMENT);
  for (let at = bytes.length - END_RECORD; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) !== END_SIGNATURE) continue;
    if (at + END_RECORD + bytes.readUInt16LE(at + 20) === bytes.length) return at;
  }
  return -1;
}

/** ZIP64 (APPNOTE §4.3.14–4.3.15): some writers always use it, whatever the size. */
function zip64Directory(bytes: Buffer, end: number): Directory | null {
  const locator = end - ZIP64_LOCATOR;
  if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) return null;
  const record = safeNumber(bytes.readBigUInt64LE(locator + 8));
  if (record === null || record + ZIP64_END_RECORD > locator) return null;
  if (bytes.readUInt32LE(record) !== ZIP64_END_SIGNATURE) return null;
  const entries = safeNumber(bytes.readBigUInt64LE(record + 32));
  const size = safeNumber(bytes.readBigUInt64LE(record + 40));
  const offset = safeNumber(bytes.readBigUInt64LE(record + 48));
  if (entries === null || size === null || offset === null) return null;
  return { entries, size, offset };
}

function safeNumber(value: bigint): number | null {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}
