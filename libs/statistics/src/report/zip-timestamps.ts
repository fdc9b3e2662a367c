/**
 * Sets the modification time of every entry of a ZIP archive (an XLSX is one) to `instant`, in its local header and
 * in the central directory. exceljs stamps each entry with the time it was written; a report must not depend on
 * when it was made, so the entries carry the time of the data instead. Walks the central directory (APPNOTE.TXT
 * 4.3.12, 4.3.7), so no byte of compressed data is ever taken for a header. Returns a new buffer.
 */
export function withZipTimestamps(zip: Buffer, instant: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, date } = dosDateTime(instant);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header at ${local}`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** MS-DOS date and time (two-second resolution), of the UTC time as JSZip writes it. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
