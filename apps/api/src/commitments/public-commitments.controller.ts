import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommitmentQueries, requireSubjectCode } from '@credence/commitments';
import { PublicEndpoint } from '../identity';
import { PublicCommitmentsDto } from '../public/public-subjects.responses';

/** 承诺公示: the commitments a subject made publicly and whether it kept them. No login; rate-limited per client. */
@ApiTags('public 公示')
@Controller('public/subjects')
export class PublicCommitmentsController {
  constructor(private readonly queries: CommitmentQueries) {}

  @Get(':code/commitments')
  @PublicEndpoint()
  @ApiOperation({
    summary: '公示的信用承诺及践诺、违诺情况 / Published commitments and whether they were kept',
  })
  @ApiOkResponse({ type: PublicCommitmentsDto })
  async commitments(@Param('code') code: string) {
    return { subjectCode: code, commitments: await this.queries.publicCommitments(requireSubjectCode(code)) };
  }
}
