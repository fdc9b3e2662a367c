import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommitmentContentError,
  CommitmentFacts,
  fastTrackView,
  requireMaySeeSubject,
  requireSubjectCode,
  SubjectCredit,
} from '@credence/commitments';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { FastTrackQuery, RecordGradeRequest, RecordListEntryRequest } from './subject.requests';

/**
 * A subject's credit as the fast tracks read it: grades (AA–D, from the evaluation system) and list entries (red,
 * black, key attention) recorded by staff, and which fast tracks (信易批) it may use for a matter at an authority.
 * Codes are checked with their check digits (400 otherwise); an applicant sees only its own subject (404 otherwise).
 */
@ApiTags('subjects 信用主体')
@ApiBearerAuth()
@Controller('subjects/:code')
export class SubjectsController {
  constructor(
    private readonly credit: SubjectCredit,
    private readonly facts: CommitmentFacts,
  ) {}

  @Post('grades')
  @Roles('officer', 'senior_reviewer', 'admin')
  @ApiOperation({
    summary: '登记信用评价等级（来自评价系统）/ Record a credit grade from the evaluation system',
  })
  recordGrade(@Param('code') code: string, @Body() body: RecordGradeRequest, @CurrentUser() user: Actor) {
    return this.credit.recordGrade(requireSubjectCode(code), body, user);
  }

  @Get('grades')
  @ApiOperation({ summary: '信用评价等级（全部历史）/ Credit grades, every evaluation' })
  grades(@Param('code') code: string, @CurrentUser() user: Actor) {
    requireMaySeeSubject(user, requireSubjectCode(code));
    return this.credit.grades(code);
  }

  @Post('list-entries')
  @Roles('officer', 'senior_reviewer', 'admin')
  @ApiOperation({
    summary: '登记名单（红名单、黑名单、重点关注）/ Record a list entry (red, black, key attention)',
  })
  recordListEntry(
    @Param('code') code: string,
    @Body() body: RecordListEntryRequest,
    @CurrentUser() user: Actor,
  ) {
    return this.credit.recordListEntry(requireSubjectCode(code), body, user);
  }

  @Get('list-entries')
  @ApiOperation({ summary: '名单记录（含是否有效）/ List entries, with whether each is in force today' })
  listEntries(@Param('code') code: string, @CurrentUser() user: Actor) {
    requireMaySeeSubject(user, requireSubjectCode(code));
    return this.credit.listEntries(code);
  }

  @Get('fast-track')
  @ApiOperation({
    summary:
      '信易批：可否适用告知承诺、容缺受理及理由（含等级与名单快照）/ Which fast tracks the subject may use, and why',
  })
  async fastTrack(@Param('code') code: string, @Query() query: FastTrackQuery, @CurrentUser() user: Actor) {
    requireMaySeeSubject(user, requireSubjectCode(code));
    const authorityCode = query.authority ?? user.authorityCode;
    if (!authorityCode)
      throw new CommitmentContentError(
        'AUTHORITY_REQUIRED',
        '请注明办理单位（authority）',
        'Name the authority that handles the matter (authority)',
      );
    const authority = await this.facts.authority(authorityCode);
    return fastTrackView(await this.facts.fastTrack(code, authority, query.matter?.trim() || null));
  }
}
