import { ApiProperty } from '@nestjs/swagger';

/*
 * The documented shapes of GET /authority-policies (built by AuthorityPolicies and POLICY_CATALOGUE), so the
 * console's typed client knows them (ADR 0024). A value's shape depends on its key: the catalogue checks it.
 */

/** Any JSON value: a setting is a flag, a number, a word, a list or an object, as its catalogue entry says. */
export const ANY_JSON_VALUE = {
  oneOf: [
    { type: 'boolean' },
    { type: 'number' },
    { type: 'string' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

export class PolicyBilingualTextDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class PolicyCatalogueEntryDto {
  @ApiProperty({ example: 'repair.repeat-limits' }) key!: string;
  @ApiProperty({ type: PolicyBilingualTextDto }) label!: PolicyBilingualTextDto;
  @ApiProperty({ type: PolicyBilingualTextDto, description: '默认值的依据 / why the default is what it is' })
  basis!: PolicyBilingualTextDto;
  @ApiProperty({ ...ANY_JSON_VALUE, description: '全国默认值 / the national default' })
  defaultValue!: unknown;
}

/** One effective-dated version: a national default (authorityCode null) or an authority's own setting. */
export class PolicySettingDto {
  @ApiProperty() id!: string;
  @ApiProperty() key!: string;
  @ApiProperty(ANY_JSON_VALUE) value!: unknown;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
  @ApiProperty({ example: '2026-07-01' }) effectiveFrom!: string;
  @ApiProperty({ description: '设置依据 / why' }) reason!: string;
}

export class PolicyCatalogueDto {
  @ApiProperty({ type: [PolicyCatalogueEntryDto] }) catalogue!: PolicyCatalogueEntryDto[];
  @ApiProperty({ type: [PolicySettingDto] }) settings!: PolicySettingDto[];
}

/** A setting as a decision uses it (GET with authorityPath): the value in force and the row it came from. */
export class AppliedPolicyDto {
  @ApiProperty() key!: string;
  @ApiProperty(ANY_JSON_VALUE) value!: unknown;
  @ApiProperty() settingId!: string;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
  @ApiProperty() effectiveFrom!: string;
}
