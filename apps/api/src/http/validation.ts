import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldError } from '@credence/shared';
import { constraintMessage } from './validation-messages';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, text]) => ({
      field,
      code,
      message: constraintMessage(code, text),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Edge validation: unknown fields refused, types enforced, every field error reported at once, in both languages. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
  });
}
