import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreditRecordQueries } from '@credence/credit-records';
import { DomainError, isValidResidentId, isValidUscc } from '@credence/shared';
import { PublicEndpoint } from '../identity';
import { PublicRecordsDto } from '../public/public-subjects.responses';

/** 信用公示: what anyone may read about a subject, without logging in. Rate-limited per client. */
@ApiTags('public 公示')
@Controller('public/subjects')
export class PublicRecordsController {
  constructor(private readonly queries: CreditRecordQueries) {}

  @Get(':code/records')
  @PublicEndpoint()
  @ApiOperation({ summary: '公示中的信用记录（含异议标注）/ Records published now, with objection marks' })
  @ApiOkResponse({ type: PublicRecordsDto })
  async records(@Param('code') code: string) {
    if (!isValidUscc(code) && !isValidResidentId(code)) {
      throw new DomainError({
        code: 'SUBJECT_CODE_INVALID',
        status: 400,
        message: {
          zh: '不是有效的统一社会信用代码或居民身份证号码',
          en: 'Not a valid unified social credit code or resident ID number',
        },
      });
    }
    return { subjectCode: code, records: await this.queries.publicRecords(code) };
  }
}
