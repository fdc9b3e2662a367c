import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

/*
 * @ValidateNested alone lets a missing value, null or an array through (an array validates as a list of its items),
 * and the handler then read properties of nothing: 500s. A nested request object is declared with one of these,
 * which also refuse arrays and primitives with a per-field error (isDefined, isObject).
 */
type ClassOf = () => new (...args: never[]) => object;

/** A required nested object. */
export const NestedObject = (type: ClassOf) =>
  applyDecorators(IsDefined(), IsObject(), ValidateNested(), Type(type));

/** An optional nested object: absent is fine, anything but an object is not. */
export const OptionalNestedObject = (type: ClassOf) =>
  applyDecorators(IsOptional(), IsObject(), ValidateNested(), Type(type));

/** The items of a list of nested objects (with @IsArray and the size limits next to it): objects only. */
export const NestedObjectItems = (type: ClassOf) =>
  applyDecorators(IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
