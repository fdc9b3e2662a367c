import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';

/**
 * Noto Sans SC (SIL Open Font License 1.1, shipped by `@expo-google-fonts/noto-sans-sc`). Embedded (subset) in
 * every document so that Chinese text renders on a machine without Chinese fonts (ADR 0013). The package version is
 * pinned exactly: a different font file would change the subset bytes and so every regenerated document's sha256.
 */
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';

export const FONT_FILES = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FONT_FILES;

// Resolved from this module, so it works from src (Jest, tsx) and from dist alike.
const require = createRequire(import.meta.url);
const loaded = new Map<FontWeight, Buffer>();
const parsed = new Map<FontWeight, Font>();

/** The font file's bytes, read once per process (each file is about 10 MB). */
export function fontBytes(weight: FontWeight): Buffer {
  let bytes = loaded.get(weight);
  if (!bytes) {
    const packageDir = dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
    bytes = readFileSync(join(packageDir, FONT_FILES[weight]));
    loaded.set(weight, bytes);
  }
  return bytes;
}

/**
 * The parsed font, shared by every document of the process (pdfkit accepts a fontkit `Font` since 0.20.0). Parsing
 * is lazy and fontkit keeps what it decoded (character map, metrics, shaping tables), so sharing it makes rendering
 * several times faster than handing pdfkit the bytes each time. Documents only read it: each makes its own subset.
 */
export function parsedFont(weight: FontWeight): Font {
  let font = parsed.get(weight);
  if (!font) {
    const created = create(fontBytes(weight));
    if (!('layout' in created)) throw new Error(`${FONT_FILES[weight]} is a font collection, not a font`);
    font = created;
    parsed.set(weight, font);
  }
  return font;
}
