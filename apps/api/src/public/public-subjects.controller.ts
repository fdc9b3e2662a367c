import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicEndpoint } from '../identity';
import { PublicSubjectSearch, type PublicSubjectPage } from './public-subject-search';
import { SearchPublicSubjectsQuery } from './public-subjects.requests';
import { PublicSubjectPageDto } from './public-subjects.responses';

/** 公示查询 by name: the one route the console needed that no other client had (a person rarely knows the code). */
@ApiTags('public 公示')
@Controller('public/subjects')
export class PublicSubjectsController {
  constructor(private readonly search: PublicSubjectSearch) {}

  @Get()
  @PublicEndpoint()
  @ApiOperation({
    summary:
      '按名称查询有公示信息的主体（仅含当前公示的记录或承诺）/ Subjects with published records or commitments, by name',
  })
  @ApiOkResponse({ type: PublicSubjectPageDto })
  subjects(@Query() query: SearchPublicSubjectsQuery): Promise<PublicSubjectPage> {
    return this.search.byName(query.name, query.page, query.pageSize);
  }
}
