import { ApiProperty } from '@nestjs/swagger';

/*
 * The documented shapes of the calendar, time-limit and deadline reads, so the console's typed client knows them
 * (ADR 0024: pages add response types rather than hand-writing them). Built by CalendarStore, TimeLimitStore and
 * Deadlines; names carry a `Calendar` prefix: OpenAPI schema names are global.
 */

export class CalendarBilingualTextDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class CalendarFestivalDto {
  @ApiProperty({ example: '春节' }) name!: string;
  @ApiProperty({ type: [String], description: '放假日期 / days off' }) holidays!: string[];
  @ApiProperty({ type: [String], description: '调休上班日 / weekend days worked' }) makeupWorkdays!: string[];
}

/** One version of a year's schedule: the notice as loaded, who loaded it and when. */
export class CalendarScheduleVersionDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ type: String, nullable: true, description: '省级区划代码，空为全国 / null = national' })
  region!: string | null;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [CalendarFestivalDto] }) festivals!: CalendarFestivalDto[];
  @ApiProperty({ description: '载入账号 / the account that loaded it' }) loadedBy!: string;
  @ApiProperty({ format: 'date-time' }) loadedAt!: string;
}

export class CalendarLoadedScheduleDto extends CalendarScheduleVersionDto {
  @ApiProperty({ description: '因此重算的暂定期限数 / provisional deadlines that moved' })
  recomputedDeadlines!: number;
}

/** A time limit version: a national default (authorityCode null) or an authority's own setting. */
export class CalendarTimeLimitDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'objection.verification' }) key!: string;
  @ApiProperty() workingDays!: number;
  @ApiProperty({ type: CalendarBilingualTextDto }) label!: CalendarBilingualTextDto;
  @ApiProperty({ type: CalendarBilingualTextDto }) legalBasis!: CalendarBilingualTextDto;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
  @ApiProperty({ example: '2027-01-01' }) effectiveFrom!: string;
}

export class CalendarDeadlineDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseType!: string;
  @ApiProperty() title!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ type: CalendarBilingualTextDto }) stateLabel!: CalendarBilingualTextDto;
  @ApiProperty() clock!: string;
  @ApiProperty({ description: '时限键 / the time limit key' }) kind!: string;
  @ApiProperty({ type: CalendarBilingualTextDto }) label!: CalendarBilingualTextDto;
  @ApiProperty({ enum: ['running', 'paused'] }) status!: 'running' | 'paused';
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) remainingWorkingDaysAtPause!: number | null;
  @ApiProperty({ description: '依据未载入的年度（仅排除周末）/ rests on a year not loaded yet' })
  provisional!: boolean;
  @ApiProperty() dueSoon!: boolean;
  @ApiProperty() overdue!: boolean;
}

export class CalendarDeadlinePageDto {
  @ApiProperty({ type: [CalendarDeadlineDto] }) items!: CalendarDeadlineDto[];
  @ApiProperty() total!: number;
}
