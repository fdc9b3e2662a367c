/**
 * `attachment` with the name twice (RFC 6266 §4.3): `filename*` in UTF-8 (RFC 8187) for Chinese names, and an
 * ASCII `filename` for clients that know only that. Attachment, never inline: a browser must not render it here.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are; RFC 8187's attr-char does not allow them.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
