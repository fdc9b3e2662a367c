import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidResidentId } from './resident-id';
import { isValidUscc } from './uscc';

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
