import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Deeper pages than this are not browsed but searched; the bound keeps (page - 1) × pageSize a small integer. */
export const MAX_PAGE = 100_000;

/**
 * Page and size of a list (query strings are text: converted explicitly, bounded). The types are written out: tsc
 * emits `Object` as the design type of an unannotated initialised property, and the OpenAPI document would say so.
 */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 20;
}
