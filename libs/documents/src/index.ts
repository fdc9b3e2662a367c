export * from './decision-document';
export * from './render-decision-pdf';
export { chineseDate, chineseNumeral, subjectCodeLabel } from './chinese-text';
