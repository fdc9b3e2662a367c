import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { CalendarQueries, CalendarStore, StatutoryTime, TimeLimitStore } from '@credence/working-calendar';
import { Deadlines, ProvisionalDeadlines } from '@credence/workflow';
import { IntRangePipe } from '../http/int-range.pipe';
import {
  AddTimeLimitRequest,
  AddWorkingDaysQuery,
  DeadlinesQuery,
  LoadScheduleRequest,
  MAX_YEAR,
  MIN_YEAR,
  WorkingDayQuery,
  WorkingDaysBetweenQuery,
} from './calendar.requests';
import {
  CalendarDeadlinePageDto,
  CalendarLoadedScheduleDto,
  CalendarScheduleVersionDto,
  CalendarTimeLimitDto,
} from './calendar.responses';

/** The working-day calendar (DOMAIN.md §7), the time limits clocks run on, and the open deadlines. */
@ApiTags('calendar 工作日与时限')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(
    private readonly queries: CalendarQueries,
    private readonly store: CalendarStore,
    private readonly time: StatutoryTime,
    private readonly provisional: ProvisionalDeadlines,
    private readonly limits: TimeLimitStore,
    private readonly deadlines: Deadlines,
  ) {}

  @Get('calendar/working-day')
  @ApiOperation({ summary: '是否工作日及原因 / Is it a working day, and why (not)' })
  workingDay(@Query() q: WorkingDayQuery) {
    return this.queries.workingDay(q.date, q.authority);
  }

  @Get('calendar/add-working-days')
  @ApiOperation({
    summary: '起算日后第N个工作日（期限届满日）/ The due date N working days after a start day',
  })
  addWorkingDays(@Query() q: AddWorkingDaysQuery) {
    return this.queries.addWorkingDays(q.from, q.days, q.authority);
  }

  @Get('calendar/working-days-between')
  @ApiOperation({ summary: '两日之间的工作日数（不含起始日）/ Working days after `from` up to `to`' })
  workingDaysBetween(@Query() q: WorkingDaysBetweenQuery) {
    return this.queries.workingDaysBetween(q.from, q.to, q.authority);
  }

  @Get('calendar/schedules')
  @ApiOperation({ summary: '已载入的年度安排（当前版本）/ Loaded schedules, current versions' })
  @ApiOkResponse({ type: [CalendarScheduleVersionDto] })
  schedules() {
    return this.store.current();
  }

  @Get('calendar/schedules/:year')
  @ApiOperation({
    summary: '某年度安排的全部版本（谁、何时载入）/ Every version of a year: who loaded what, when',
  })
  @ApiOkResponse({ type: [CalendarScheduleVersionDto] })
  history(
    @Param(
      'year',
      new ParseIntPipe({ errorHttpStatusCode: 404 }),
      new IntRangePipe('year', MIN_YEAR, MAX_YEAR),
    )
    year: number,
  ) {
    return this.store.history(year);
  }

  @Post('calendar/schedules')
  @Roles('admin')
  @ApiOperation({
    summary:
      '载入年度节假日安排（新版本）并重算暂定期限 / Load a year (a new version) and recompute provisional deadlines',
  })
  @ApiCreatedResponse({ type: CalendarLoadedScheduleDto })
  async load(@Body() body: LoadScheduleRequest, @CurrentUser() user: Actor) {
    const loaded = await this.store.load(body, user.id);
    this.time.invalidate();
    return { ...loaded, recomputedDeadlines: await this.provisional.sweep() };
  }

  @Get('time-limits')
  @ApiOperation({
    summary: '时限设置（全国默认与本单位设置）/ Time limits: national defaults and authority settings',
  })
  @ApiOkResponse({ type: [CalendarTimeLimitDto] })
  timeLimits() {
    return this.limits.all();
  }

  @Post('time-limits')
  @Roles('admin')
  @ApiOperation({ summary: '新增时限版本或单位设置 / Add a limit version or an authority setting' })
  @ApiCreatedResponse({ type: CalendarTimeLimitDto })
  addTimeLimit(@Body() body: AddTimeLimitRequest, @CurrentUser() user: Actor) {
    return this.limits.add(body, user.id);
  }

  @Get('deadlines')
  @Roles('officer', 'senior_reviewer', 'auditor', 'admin')
  @ApiOperation({
    summary:
      '期限督办：本单位及下级的计时（临期、逾期）/ Deadlines of your authority and those under it (due soon, overdue)',
  })
  @ApiOkResponse({ type: CalendarDeadlinePageDto })
  list(@Query() q: DeadlinesQuery, @CurrentUser() user: Actor) {
    return this.deadlines.list(user, q);
  }
}
