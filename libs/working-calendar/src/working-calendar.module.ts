import { Global, Module } from '@nestjs/common';
import { CalendarQueries } from './calendar-queries';
import { CalendarStore } from './calendar-store';
import { StatutoryTime } from './statutory-time';
import { TimeLimitStore } from './time-limit-store';

/** The calendar table, the time limits and the cached view of both that clocks compute with. */
@Global()
@Module({
  providers: [CalendarStore, StatutoryTime, CalendarQueries, TimeLimitStore],
  exports: [CalendarStore, StatutoryTime, CalendarQueries, TimeLimitStore],
})
export class WorkingCalendarModule {}
