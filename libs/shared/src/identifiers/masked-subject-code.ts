import { isValidResidentId } from './resident-id';

/**
 * A subject code as printed on a document: an organisation's USCC is public (it is on its licence) and printed
 * whole; a person's ID number is personal information (PIPL) and printed with the birth date and sequence masked.
 */
export function maskedSubjectCode(code: string): string {
  return isValidResidentId(code) ? `${code.slice(0, 6)}${'*'.repeat(8)}${code.slice(-4)}` : code;
}
