import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isValidResidentId, isValidUscc } from '@credence/shared';

type Condition = (dto: object) => boolean;

/** A constraint that only applies when `when(dto)` holds; its name is the field error code clients see. */
function conditional(
  name: string,
  check: (value: string) => boolean,
  when: Condition,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          !when(args.object) || (typeof value === 'string' && check(value)),
      },
    });
}

/** A USCC (field error code `isUscc`) when the condition holds, e.g. the subject is an organisation. */
export const IsUsccWhen = (when: Condition, options?: ValidationOptions) =>
  conditional('isUscc', isValidUscc, when, options);

/** A resident ID number (code `isResidentIdNumber`) when the condition holds, e.g. a natural person. */
export const IsResidentIdNumberWhen = (when: Condition, options?: ValidationOptions) =>
  conditional('isResidentIdNumber', (v) => isValidResidentId(v), when, options);

/** A 6-digit GB/T 2260 administrative division code (code `isDivisionCode`). */
export const IsDivisionCode = (options?: ValidationOptions) =>
  conditional(
    'isDivisionCode',
    (v) => /^[1-9][0-9]{5}$/.test(v),
    () => true,
    options,
  );

/** Either kind of subject code (code `isSubjectCode`): a USCC or a resident ID number, check digits included. */
export const IsSubjectCodeAny = (options?: ValidationOptions) =>
  conditional(
    'isSubjectCode',
    (v) => isValidUscc(v) || isValidResidentId(v),
    () => true,
    options,
  );
