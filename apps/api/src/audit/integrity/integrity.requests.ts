import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class InclusionProofQuery {
  @ApiPropertyOptional({ description: '事件 ID / Event id' }) @IsUUID() eventId!: string;
  @ApiPropertyOptional({
    description: '检查点的树大小（默认最新）/ Tree size of a checkpoint (default: the latest)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;
}

export class ConsistencyProofQuery {
  @ApiPropertyOptional({ description: '较早检查点的树大小 / Tree size of the earlier checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;
  @ApiPropertyOptional({ description: '较晚检查点的树大小 / Tree size of the later checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}

export class EvidenceQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) subjectCode?: string;
  @ApiPropertyOptional({
    description: '案件有事件记录于 [from, to) / cases with an event recorded in [from, to)',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

export class StartVerificationRequest {
  @ApiPropertyOptional({ description: '只校验这个流 / Only this stream' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  streamId?: string;
}
