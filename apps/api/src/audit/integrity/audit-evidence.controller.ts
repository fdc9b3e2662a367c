import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EvidenceExporter } from '@credence/audit';
import { CurrentUser, Public, Roles, type Actor } from '@credence/identity';
import { AuditedRead } from '../trail/audited-read';
import { AuditEvidenceBundleDto } from './integrity.dto';
import { EvidenceQuery } from './integrity.requests';
import { VERIFIER_FILE, verifierScript } from './verifier-script';

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
  @ApiOkResponse({ type: AuditEvidenceBundleDto })
  export(@Query() query: EvidenceQuery, @CurrentUser() user: Actor) {
    return this.evidence.export(user, query);
  }

  // Public like the signing key: checking a bundle needs no account, and the script is the release's own file.
  @Get(`verifier/${VERIFIER_FILE}`)
  @Public()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Content-Disposition', `attachment; filename="${VERIFIER_FILE}"`)
  @ApiProduces('text/javascript')
  @ApiOperation({
    summary:
      '离线校验程序 credence-verify.mjs（仅需 Node）/ The offline verifier credence-verify.mjs (needs Node only)',
  })
  verifier() {
    return new StreamableFile(verifierScript());
  }
}
