/**
 * The page of an official document (公文) per GB/T 9704-2012 §5.2: A4, the type area 156 mm × 225 mm placed 37 mm from
 * the top (天头) and 28 mm from the binding edge (订口), 22 lines of body text per page. Sizes in PDF points.
 */
export const MM = 72 / 25.4;

export const MARGINS = { top: 37 * MM, left: 28 * MM, right: 26 * MM, bottom: 35 * MM };
export const TYPE_AREA = { width: 156 * MM, height: 225 * MM };

/** Body text: 三号 (16 pt); its line pitch fits 22 lines into the type area (§5.2.3). */
export const BODY_SIZE = 16;
export const LINE_PITCH = TYPE_AREA.height / 22;
/** Paragraphs and first-level headings start two characters in (§7.3.3). */
export const PARAGRAPH_INDENT = 2 * BODY_SIZE;

/** Header: the issuing authority (发文机关标志) and the title (二号, 22 pt), the English title as a small subtitle. */
export const AUTHORITY_SIZE = 20;
export const TITLE_SIZE = 22;
export const SUBTITLE_SIZE = 12;
export const NUMBER_SIZE = 14;

/** The page number (四号, 14 pt) sits 7 mm below the type area (§7.5). */
export const PAGE_NUMBER_SIZE = 14;
export const PAGE_NUMBER_OFFSET = 7 * MM;

/** The closing note (版记) in a smaller size, kept at the foot of the last page. */
export const FOOTER_SIZE = 12;

/** The red rule sits 4 mm under the document number (§7.2.7). */
export const RULE_GAP = 4 * MM;

/** The separator under the header is red (§7.2.7); text stays black so a black-and-white print loses nothing. */
export const SEPARATOR_COLOUR = '#C00000';
export const TEXT_COLOUR = '#000000';
export const SUBTITLE_COLOUR = '#555555';
