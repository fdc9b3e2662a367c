import { startsAsZip, zipEntryNames } from './zip-entries';

/**
 * The formats a material may have: what authorities accept as documentary evidence. OFD is the national layout
 * format for electronic documents (GB/T 33190-2016), in which government e-documents and e-invoices are issued.
 */
export const MATERIAL_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/ofd',
] as const;
export type MaterialMediaType = (typeof MATERIAL_MEDIA_TYPES)[number];

const PDF = Buffer.from('%PDF-', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** GB/T 33190-2016: an OFD package is a ZIP container whose entry file, OFD.xml, sits at its root. */
const OFD_ENTRY = 'OFD.xml';

/**
 * What the bytes are, judged only from the bytes: the file name and the client's Content-Type are whatever the
 * client says. Null when the bytes are none of the accepted formats.
 */
export function detectMediaType(bytes: Buffer): MaterialMediaType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  // Any ZIP starts alike (Office files, JARs, archives of anything): only the central directory tells OFD apart.
  if (startsAsZip(bytes) && (zipEntryNames(bytes)?.includes(OFD_ENTRY) ?? false)) return 'application/ofd';
  return null;
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);
}

/** The usual file name extension of each type, for a download whose stored name has none. */
export const EXTENSION_OF: Record<MaterialMediaType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/ofd': '.ofd',
};
