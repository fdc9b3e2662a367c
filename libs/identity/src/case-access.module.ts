import { Global, Injectable, Module } from '@nestjs/common';
import { CaseAccessPolicy, type CaseOwnership, type WorkflowActor } from '@credence/workflow';
import { canSeeCase } from './policy';

/** Binds the workflow engine's visibility question to the identity policy: one rule for every case type. */
@Injectable()
export class IdentityCaseAccessPolicy extends CaseAccessPolicy {
  canSee(actor: WorkflowActor, ownership: CaseOwnership): boolean {
    if (actor.role === 'system') return true; // deadlines and reactors act on every case
    const role = actor.role; // narrowed: one of the five account roles
    return canSeeCase({ ...actor, role }, ownership);
  }
}

/** Provides CaseAccessPolicy globally (the CaseEngine asks for it); import once in the API and the worker. */
@Global()
@Module({
  providers: [{ provide: CaseAccessPolicy, useClass: IdentityCaseAccessPolicy }],
  exports: [CaseAccessPolicy],
})
export class IdentityCaseAccessModule {}
