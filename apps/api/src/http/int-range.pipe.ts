import { Injectable, type PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '@credence/shared';
import { constraintMessage } from './validation-messages';

/**
 * Bounds an integer path parameter (after ParseIntPipe): `/calendar/schedules/99999999999999999999` parsed to 1e20
 * and overflowed the database's integer. Out of range is a 400 naming the field and the limit.
 */
@Injectable()
export class IntRangePipe implements PipeTransform<number, number> {
  constructor(
    private readonly field: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  transform(value: number): number {
    if (value < this.min)
      throw new InvalidInputError([
        { field: this.field, code: 'min', message: constraintMessage('min', String(this.min)) },
      ]);
    if (value > this.max)
      throw new InvalidInputError([
        { field: this.field, code: 'max', message: constraintMessage('max', String(this.max)) },
      ]);
    return value;
  }
}
