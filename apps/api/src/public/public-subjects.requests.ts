import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { PageQuery } from '../http/page.query';

/** Shorter than this would list nearly every subject: a search, not an enumeration of the register. */
export const MIN_NAME_SEARCH_LENGTH = 2;

export class SearchPublicSubjectsQuery extends PageQuery {
  @ApiProperty({
    example: '通达',
    minLength: MIN_NAME_SEARCH_LENGTH,
    maxLength: 100,
    description: '主体名称的一部分（至少 2 个字）/ Part of the subject name (at least 2 characters)',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(MIN_NAME_SEARCH_LENGTH, 100)
  name!: string;
}
