import { ValidateBy } from 'class-validator';
import { FIELDS } from '@credence/credit-records';

/** Months a record of a field stays unrepairable at least (a rule set's field override), as rule sets bound them. */
const MAX_MONTHS = 120;

export function isFieldMinimums(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([field, months]) =>
      (FIELDS as readonly string[]).includes(field) &&
      Number.isInteger(months) &&
      (months as number) >= 0 &&
      (months as number) <= MAX_MONTHS,
  );
}

/** `{ "work_safety": 12 }`: known fields only, whole months 0–120 (an unchecked value reached the database). */
export const IsFieldMinimums = () =>
  ValidateBy({ name: 'isFieldMinimums', validator: { validate: isFieldMinimums } });
