import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AUTHORITY_LEVELS, type AuthorityLevel } from '@credence/identity';
import { IsDivisionCode } from './validators';

export class CreateAuthorityDto {
  @ApiProperty({ example: '320831', description: 'GB/T 2260 行政区划代码 / division code' })
  @IsDivisionCode()
  code!: string;

  @ApiProperty({ example: '金湖县交通运输局' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameZh!: string;

  @ApiProperty({ example: 'Jinhu County Transport Bureau' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn!: string;

  @ApiPropertyOptional({ default: '交通运输局' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({
    example: '320800',
    description: '上级单位（省级不填） / parent (none for a province)',
  })
  @IsOptional()
  @IsDivisionCode()
  parentCode?: string;
}

export class AuthorityDto {
  @ApiProperty({ example: '320830' }) code!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ example: '320000/320800/320830' }) path!: string;
  @ApiProperty({ enum: AUTHORITY_LEVELS }) level!: AuthorityLevel;
}
