export * from './decision-document';
export * from './render-decision-pdf';
export { chineseDate, chineseNumeral, subjectCodeLabel } from './chinese-text';
export { EMBEDDED_FONTS } from './decision-layout';
export { parsedFont } from './fonts';
