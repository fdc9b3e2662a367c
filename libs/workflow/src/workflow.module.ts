import { Global, Module } from '@nestjs/common';
import { Clock, Database, Env } from '@credence/shared';
import { EventStore } from '@credence/event-store';
import { WorkingCalendarModule } from '@credence/working-calendar';
import { CaseEngine } from './case-engine';
import { CaseTypeRegistry } from './case-type-registry';
import { CaseViews } from './case-view';
import { Deadlines } from './clocks/deadlines';
import { ProvisionalDeadlines } from './clocks/provisional-deadlines';
import { TimerWorker } from './timer-worker';
import { WorkerLoop } from './worker-loop';
import { CaseNumbers } from './case-numbers';
import { ReactionLoop } from './reactions/reaction-loop';
import { ReactionRunner } from './reactions/reaction-runner';
import { CaseActionHandler } from './actions/case-action';
import { Workbench } from './workbench/workbench';
import { CoSigning } from './workbench/co-signing';
import { CaseNotes } from './workbench/case-notes';
import { WorkbenchAccess } from './workbench/workbench-access';
import { WorkQueue } from './workbench/work-queue';
import { Deputies } from './workbench/deputies';

/** The case engine, its registry, the event store it appends to, the timer worker and the reactions. */
@Global()
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    {
      provide: EventStore,
      useFactory: (db: Database, clock: Clock, env: Env) => new EventStore(db, clock, env.HASH_ALGORITHM),
      inject: [Database, Clock, Env],
    },
    CaseTypeRegistry,
    CaseEngine,
    CaseViews,
    TimerWorker,
    ProvisionalDeadlines,
    Deadlines,
    WorkerLoop,
    CaseNumbers,
    ReactionRunner,
    ReactionLoop,
    CaseActionHandler,
    WorkbenchAccess,
    Workbench,
    CoSigning,
    CaseNotes,
    WorkQueue,
    Deputies,
  ],
  exports: [
    EventStore,
    CaseTypeRegistry,
    CaseEngine,
    CaseViews,
    TimerWorker,
    ProvisionalDeadlines,
    Deadlines,
    CaseNumbers,
    ReactionRunner,
    WorkbenchAccess,
    Workbench,
    CoSigning,
    CaseNotes,
    WorkQueue,
    Deputies,
  ],
})
export class WorkflowModule {}
