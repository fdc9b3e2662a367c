import { Injectable } from '@nestjs/common';
import type { AnyStateMachine } from 'xstate';
import type { CaseTypeDefinition } from './case-type';
import { UnknownCaseTypeError } from './errors';

/** Every workflow registers its declaration here at module init; the engine looks them up by type. */
@Injectable()
export class CaseTypeRegistry {
  private readonly types = new Map<string, CaseTypeDefinition>();

  register(definition: CaseTypeDefinition): void {
    this.types.set(definition.type, definition);
  }

  get(type: string): CaseTypeDefinition {
    const definition = this.types.get(type);
    if (!definition) throw new UnknownCaseTypeError(type);
    return definition;
  }

  all(): CaseTypeDefinition[] {
    return [...this.types.values()];
  }

  /** The machine a case is pinned to (the version on its first event), so old cases finish on their own rules. */
  machineFor(definition: CaseTypeDefinition, version: string | undefined): AnyStateMachine {
    if (version === undefined || version === definition.machine.version) return definition.machine;
    const pinned = definition.previousMachines?.find((m) => m.version === version);
    if (!pinned) throw new Error(`${definition.type}: machine version ${version} is no longer in code`);
    return pinned;
  }
}
