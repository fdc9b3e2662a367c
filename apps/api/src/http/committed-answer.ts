import type { ModuleRef } from '@nestjs/core';
import { COMMITMENT } from '@credence/commitments';
import { CREDIT_RECORD, CreditRecordQueries } from '@credence/credit-records';
import { REPAIR_APPLICATION } from '@credence/credit-repair';
import type { CommittedCommand, StoredAnswer } from '@credence/event-store';
import type { Actor } from '@credence/identity';
import { OBJECTION, ObjectionQueries } from '@credence/objections';
import { CaseEngine, CaseViews, type LoadedCase } from '@credence/workflow';
import { CommitmentViews } from '../commitments/commitment-views';
import { RepairViews } from '../credit-repair/repair-views';

type ViewOf = (loaded: LoadedCase, user: Actor) => Promise<unknown>;

/** A stream id is `<case type>-<uuid>`. */
const UUID_LENGTH = 36;

/**
 * The answer a command would have given, rebuilt from what it committed, for a retry whose first request died
 * before storing its answer (ADR 0006): the case as it stood right after the command, in the view the command's
 * route answers with, its ETag, and for a case it created its Location.
 */
export class CommittedAnswers {
  constructor(private readonly modules: ModuleRef) {}

  async of(
    committed: CommittedCommand,
    route: { path: string; status: number },
    user: Actor,
  ): Promise<StoredAnswer> {
    const caseId = committed.streamId.slice(-UUID_LENGTH);
    const caseType = committed.streamId.slice(0, -UUID_LENGTH - 1);
    const engine = this.get(CaseEngine);
    const loaded = await engine.load(caseType, caseId, user, { version: committed.version });
    const headers: Record<string, string> = { etag: `"${loaded.version}"` };
    if (route.status === 201) headers.location = `${route.path.replace(/\/$/, '')}/${caseId}`;
    return { status: route.status, body: await this.viewOf(caseType)(loaded, user), headers };
  }

  /** Each route answers with its case type's view (the same the controllers use). */
  private viewOf(caseType: string): ViewOf {
    switch (caseType) {
      case CREDIT_RECORD:
        return (loaded, user) => this.get(CreditRecordQueries).viewOf(loaded, user);
      case REPAIR_APPLICATION:
        return (loaded, user) => this.get(RepairViews).of(loaded, user, { trail: false });
      case OBJECTION:
        return (loaded, user) => this.get(ObjectionQueries).viewOf(loaded, user);
      case COMMITMENT:
        return (loaded, user) => this.get(CommitmentViews).of(loaded, user);
      default:
        return (loaded, user) => this.get(CaseViews).of(loaded, user);
    }
  }

  private get<T>(type: new (...args: never[]) => T): T {
    return this.modules.get(type, { strict: false });
  }
}
