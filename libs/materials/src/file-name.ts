import { EXTENSION_OF, type MaterialMediaType } from './media-type';

const MAX_LENGTH = 200;
// C0 and C1 controls, DEL, and the bidirectional overrides that make `evil‮fdp.exe` read as `evil.exe.pdf`.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a material is kept and offered for download under: the client's base name without any directory
 * part (some browsers send `C:\fakepath\…`), without control characters, NFC-normalised, at most 200 characters.
 * An empty result becomes `material` plus the extension of the detected type.
 */
export function cleanFileName(raw: string, mediaType: MaterialMediaType): string {
  const base = raw.normalize('NFC').replace(UNSAFE, '').split(/[\\/]/).pop() ?? '';
  const trimmed = base.trim().replace(/^\.+/, '');
  const name = [...trimmed].slice(-MAX_LENGTH).join('');
  return name === '' ? `material${EXTENSION_OF[mediaType]}` : name;
}
