import type { DynamicModule, Type } from '@nestjs/common';

/** Integrity (ledger, checkpoints, proofs, evidence export): modules and controllers of the API. */
export const INTEGRITY_IMPORTS: (Type | DynamicModule)[] = [];
export const INTEGRITY_CONTROLLERS: Type[] = [];
