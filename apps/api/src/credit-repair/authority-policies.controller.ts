import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AuthorityPolicies, POLICY_CATALOGUE } from '@credence/authority-policies';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { IsCalendarDate } from '@credence/shared';
import {
  ANY_JSON_VALUE,
  AppliedPolicyDto,
  PolicyCatalogueDto,
  PolicySettingDto,
} from './authority-policies.responses';

class SetPolicyRequest {
  @ApiProperty({ enum: Object.keys(POLICY_CATALOGUE) })
  @IsString()
  @Length(1, 80)
  key!: string;

  @ApiPropertyOptional({
    description: '单位代码；省略为全国默认值 / authority code; omit for the national default',
  })
  @IsOptional()
  @Matches(/^[0-9]{6}$/)
  authorityCode?: string;

  @ApiProperty({
    ...ANY_JSON_VALUE,
    description: '设置值（按目录校验）/ the value, checked against the catalogue',
  })
  @IsDefined()
  value!: unknown;

  @ApiProperty({ example: '2026-07-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ description: '设置依据 / why (the local rule or decision)' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

class PolicyQuery {
  @ApiPropertyOptional({ description: '查看某单位生效的设置 / the settings in force for an authority' })
  @IsOptional()
  @Matches(/^[0-9]{6}(\/[0-9]{6})*$/)
  authorityPath?: string;
}

/** Authority settings (单位设置): what each workflow reads, effective-dated; a change is a new row. */
@ApiTags('authority-policies 单位设置')
@ApiBearerAuth()
@ApiExtraModels(PolicyCatalogueDto, AppliedPolicyDto)
@Controller('authority-policies')
export class AuthorityPoliciesController {
  constructor(private readonly policies: AuthorityPolicies) {}

  @Get()
  @ApiOperation({
    summary:
      '设置目录与全部版本，或某单位当前生效的设置 / The catalogue and every version, or those in force for an authority',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PolicyCatalogueDto) },
        { type: 'array', items: { $ref: getSchemaPath(AppliedPolicyDto) } },
      ],
    },
  })
  async list(@Query() query: PolicyQuery) {
    if (query.authorityPath) {
      const path = query.authorityPath;
      return Promise.all(
        Object.keys(POLICY_CATALOGUE).map((key) =>
          this.policies.get(key as keyof typeof POLICY_CATALOGUE, path),
        ),
      );
    }
    return {
      catalogue: Object.values(POLICY_CATALOGUE).map(({ key, label, basis, defaultValue }) => ({
        key,
        label,
        basis,
        defaultValue,
      })),
      settings: await this.policies.all(),
    };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '新增设置版本（管理员）/ Add a setting version (admin)' })
  @ApiCreatedResponse({ type: PolicySettingDto })
  add(@Body() body: SetPolicyRequest, @CurrentUser() user: Actor) {
    return this.policies.add(
      {
        key: body.key,
        authorityCode: body.authorityCode ?? null,
        value: body.value,
        effectiveFrom: body.effectiveFrom,
        reason: body.reason,
      },
      user.id,
    );
  }
}
