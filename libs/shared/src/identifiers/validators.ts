import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidResidentId } from './resident-id';
import { isValidUscc } from './uscc';
import { isIsoDate } from '../time/beijing-date';

/** class-validator decorator: a 统一社会信用代码 with valid check characters. */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidUscc(value) },
    });
}

/** class-validator decorator: a 居民身份证号码 with a real birth date and a valid check character. */
export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isResidentIdNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidResidentId(value) },
    });
}

/**
 * The subject's code must match its type: natural persons carry a resident ID number, every other subject
 * (legal persons, other organisations, individual businesses) a unified social credit code.
 */
export function IsSubjectCode(typeProperty = 'type', options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSubjectCode',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [typeProperty],
      options,
      validator: {
        validate: (value: unknown, args) => {
          if (typeof value !== 'string') return false;
          const type = (args?.object as Record<string, unknown>)[typeProperty];
          return type === 'natural_person' ? isValidResidentId(value) : isValidUscc(value);
        },
      },
    });
}

/** A real calendar date written YYYY-MM-DD (no time, no zone: legal dates are Beijing calendar days). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}
