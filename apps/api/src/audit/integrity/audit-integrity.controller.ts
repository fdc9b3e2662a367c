import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntegrityService } from '@credence/audit';
import { CurrentUser, Public, Roles, type Actor } from '@credence/identity';
import { PageQuery } from '../../http/page.query';
import { AuditCheckpointDto, AuditPublicKeyDto } from './integrity.dto';
import { ConsistencyProofQuery, InclusionProofQuery } from './integrity.requests';

/** The signing key, signed checkpoints and Merkle proofs of the audit ledger. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('audit')
export class AuditIntegrityController {
  constructor(private readonly integrity: IntegrityService) {}

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: '检查点签名公钥（含历史）/ Checkpoint signing key, with its history' })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey() {
    return this.integrity.publicKey();
  }

  @Get('checkpoints')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: '已签名的检查点（新的在前）/ Signed checkpoints, newest first' })
  checkpoints(@Query() query: PageQuery) {
    return this.integrity.checkpoints(query.page, query.pageSize);
  }

  @Get('checkpoints/latest')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: '最新检查点 / Latest checkpoint' })
  @ApiOkResponse({ type: AuditCheckpointDto })
  latest() {
    return this.integrity.latest();
  }

  @Get('proofs/inclusion')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: '事件的包含证明 / Inclusion proof (audit path) of an event' })
  inclusion(@Query() query: InclusionProofQuery, @CurrentUser() user: Actor) {
    return this.integrity.inclusion(user, query.eventId, query.treeSize);
  }

  @Get('proofs/consistency')
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: '两个检查点之间的一致性证明 / Consistency proof between two checkpoints' })
  consistency(@Query() query: ConsistencyProofQuery) {
    return this.integrity.consistency(query.from, query.to);
  }
}
