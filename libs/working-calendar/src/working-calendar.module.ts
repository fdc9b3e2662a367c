import { Global, Module } from '@nestjs/common';
import { CalendarStore } from './calendar-store';
import { StatutoryTime } from './statutory-time';

/** The calendar table, the time limits and the cached view of both that clocks compute with. */
@Global()
@Module({
  providers: [CalendarStore, StatutoryTime],
  exports: [CalendarStore, StatutoryTime],
})
export class WorkingCalendarModule {}
