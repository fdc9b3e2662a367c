import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EvidenceExporter } from '@credence/audit';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { AuditedRead } from '../trail/audited-read';
import { EvidenceQuery } from './integrity.requests';

@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('audit')
export class AuditEvidenceController {
  constructor(private readonly evidence: EvidenceExporter) {}

  @Get('evidence')
  @Roles('auditor', 'admin')
  // An evidence bundle carries whole case histories: who exported which, and when, is itself evidence.
  @AuditedRead('audit-export', {
    scope: 'reader',
    resource: (req) => `evidence.json?${new URLSearchParams(req.query as Record<string, string>).toString()}`,
    detail: (req) => ({ query: req.query }),
  })
  @ApiOperation({
    summary:
      '导出可离线校验的证据包（node credence-verify.mjs bundle.json）/ Evidence bundle to verify offline with credence-verify',
  })
  export(@Query() query: EvidenceQuery, @CurrentUser() user: Actor) {
    return this.evidence.export(user, query);
  }
}
