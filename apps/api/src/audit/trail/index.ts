import type { DynamicModule, Type } from '@nestjs/common';

/** Decision trails, search, time travel, reviewer activity and the access log: modules and controllers of the API. */
export const TRAIL_IMPORTS: (Type | DynamicModule)[] = [];
export const TRAIL_CONTROLLERS: Type[] = [];
