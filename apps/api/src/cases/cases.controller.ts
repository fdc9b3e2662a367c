import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { recomputeHash } from '@credence/event-store';
import { CurrentUser, type Actor } from '@credence/identity';
import { NotFoundError } from '@credence/shared';
import { CaseEngine, CaseTypeRegistry, CaseViews, toMermaid, WorkItems } from '@credence/workflow';

import { AuditedRead } from '../audit/trail/audited-read';
import { PageQuery } from '../http/page.query';
const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

class WorkItemsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-zA-Z]{1,40}$/) type?: string;
  @ApiPropertyOptional({ enum: ['soon', 'overdue'], description: '临期 / 逾期' })
  @IsOptional()
  @IsIn(['soon', 'overdue'])
  due?: 'soon' | 'overdue';
}

/** Generic reads over every case type: the case view, its audited history and its diagram. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(
    private readonly engine: CaseEngine,
    private readonly registry: CaseTypeRegistry,
    private readonly views: CaseViews,
    private readonly workItems: WorkItems,
  ) {}

  @Get('work-items')
  @ApiOperation({
    summary: '待办：本单位等待本人角色处理的案件 / Work queue: cases waiting for your role at your authority',
  })
  queue(@Query() query: WorkItemsQuery, @CurrentUser() user: Actor) {
    return this.workItems.for(user, query);
  }

  @Get('case-types')
  @ApiOperation({ summary: '案件类型 / Case types' })
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
  async get(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    return this.views.of(await this.load(id, user), user);
  }

  @Get('cases/:id/history')
  @AuditedRead('case-history')
  @ApiOperation({ summary: '案件审计历史（含哈希链）/ Audited history with its hash chain' })
  async history(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    const loaded = await this.load(id, user);
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
    return { caseId: id, type: loaded.definition.type, version: loaded.version, chainIntact: intact, events };
  }

  @Get('cases/:id/diagram')
  @ApiOperation({ summary: '案件状态图，高亮当前状态 / Diagram with the current state highlighted' })
  async diagram(@Param('id', uuid) id: string, @CurrentUser() user: Actor) {
    const loaded = await this.load(id, user);
    return {
      caseId: id,
      type: loaded.definition.type,
      format: 'mermaid',
      diagram: toMermaid(loaded.snapshot.machine, loaded.snapshot),
    };
  }

  private async load(id: string, user: Actor) {
    const type = await this.engine.typeOf(id);
    if (!type) throw new NotFoundError({ zh: '案件', en: 'Case' }, { caseId: id });
    return this.engine.load(type, id, user);
  }
}
