export * from './calendar-store';
export * from './default-time-limits';
export * from './official-schedules';
export * from './schedule-validation';
export * from './statutory-time';
export * from './time-limits';
export * from './working-calendar';
export * from './working-calendar.module';
