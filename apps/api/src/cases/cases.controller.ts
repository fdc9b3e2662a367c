import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionTrails } from '@credence/audit';
import { recomputeHash } from '@credence/event-store';
import { CurrentUser, type Actor } from '@credence/identity';
import { NotFoundError } from '@credence/shared';
import {
  CaseEngine,
  CaseTypeRegistry,
  CaseViews,
  diagramStateLabels,
  toMermaid,
  WorkQueue,
} from '@credence/workflow';

import { AuditedRead } from '../audit/trail/audited-read';
import { CaseHistoryDto } from './case-history.dto';
import { CaseDiagramDto, CaseTypeDto, CaseViewDto, WorkQueuePageDto } from './case-view.dto';
import { WorkQueueQuery } from './workbench.dto';
const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Generic reads over every case type: the case view, its audited history and its diagram. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(
    private readonly engine: CaseEngine,
    private readonly registry: CaseTypeRegistry,
    private readonly views: CaseViews,
    private readonly queue: WorkQueue,
    private readonly trails: DecisionTrails,
  ) {}

  @Get('work-items')
  @ApiOperation({
    summary:
      '待办：我的 / 待认领 / 本角色 / 委派给我 / 待我会签 / 抄送我的 / 本单位全部 / Work queue by view (mine, unclaimed, role, delegated, signing, copied, all)',
  })
  @ApiOkResponse({ type: WorkQueuePageDto })
  list(@Query() query: WorkQueueQuery, @CurrentUser() user: Actor) {
    return this.queue.list(user, query);
  }

  @Get('case-types')
  @ApiOperation({ summary: '案件类型 / Case types' })
  @ApiOkResponse({ type: [CaseTypeDto] })
  caseTypes() {
    return this.registry.all().map((d) => ({
      type: d.type,
      label: d.label,
      machineVersion: d.machine.version,
      actions: Object.keys(d.actions),
    }));
  }

  @Get('case-types/:type/diagram')
  @ApiOperation({ summary: '案件类型状态图（Mermaid）/ State diagram of a case type (Mermaid)' })
  typeDiagram(@Param('type') type: string) {
    const definition = this.registry.get(type);
    return {
      type,
      format: 'mermaid',
      machineVersion: definition.machine.version,
      diagram: toMermaid(definition.machine),
    };
  }

  @Get('cases/:id')
  @AuditedRead('case')
  @ApiOperation({ summary: '案件视图 / Case view' })
  @ApiOkResponse({ type: CaseViewDto })
  async get(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    return this.views.of(await this.load(id, user), user);
  }

  @Get('cases/:id/history')
  @AuditedRead('case-history')
  @ApiOperation({
    summary:
      '案件历史：原始事件（含哈希链）与通俗说明 / History: the recorded events with their hash chain, and the same in plain words',
  })
  @ApiOkResponse({ type: CaseHistoryDto })
  async history(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    const loaded = await this.load(id, user);
    const steps = await this.trails.stepsOf(loaded);
    let previous: Buffer | null = null;
    let intact = true;
    const events = loaded.events.map((e) => {
      const hashOk = recomputeHash(e).equals(e.hash) && (previous === null || e.prevHash.equals(previous));
      intact &&= hashOk;
      previous = e.hash;
      return {
        version: e.streamVersion,
        eventId: e.eventId,
        type: e.type,
        recordedAt: e.recordedAt.toISOString(),
        actor: {
          id: e.metadata.actorId,
          role: e.metadata.actorRole,
          authorityCode: e.metadata.authorityCode ?? null,
        },
        correlationId: e.metadata.correlationId,
        causationId: e.metadata.causationId ?? null,
        ruleSet: e.metadata.ruleSet ?? null,
        machine: e.metadata.machine ?? null,
        data: e.data,
        hashAlgorithm: e.hashAlgorithm,
        prevHash: e.prevHash.toString('hex'),
        hash: e.hash.toString('hex'),
        hashVerified: hashOk,
      };
    });
    // Internal comments are staff's: never in an applicant's (or anyone outside the authority's) view.
    const shown = (type: string) => user.role !== 'applicant' || type !== 'CaseCommented';
    return {
      caseId: id,
      type: loaded.definition.type,
      version: loaded.version,
      chainIntact: intact,
      events: events.filter((e) => shown(e.type)),
      steps: steps.filter((s) => shown(s.eventType)),
    };
  }

  @Get('cases/:id/diagram')
  @ApiOperation({ summary: '案件状态图，高亮当前状态 / Diagram with the current state highlighted' })
  @ApiOkResponse({ type: CaseDiagramDto })
  async diagram(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    const loaded = await this.load(id, user);
    return {
      caseId: id,
      type: loaded.definition.type,
      format: 'mermaid',
      diagram: toMermaid(loaded.snapshot.machine, loaded.snapshot),
      states: diagramStateLabels(loaded.snapshot.machine),
    };
  }

  private async load(id: string, user: Actor) {
    const type = await this.engine.typeOf(id);
    if (!type) throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: id });
    return this.engine.load(type, id, user);
  }
}
