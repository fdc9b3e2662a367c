import { AuthorityPolicies } from '@credence/authority-policies';
import {
  correctionOf,
  CREDIT_RECORD,
  publicStatusOf,
  type CreditRecordContext,
  type RecordCorrectionInput,
} from '@credence/credit-records';
import { PolicyService } from '@credence/identity';
import { FileStore } from '@credence/materials';
import { Clock, Database } from '@credence/shared';
import {
  actionTable,
  activeStatePaths,
  CaseEngine,
  joinedReason,
  SYSTEM_ACTOR,
  type ActionFactsContext,
  type WorkflowActor,
} from '@credence/workflow';
import { appealAuthorityOf, favourableOverturns } from './domain/appeal-rules';
import type {
  AttachedMaterial,
  CorrectionPlan,
  HandlingAuthority,
  ObjectionContext,
  ObjectionMaterialInput,
  ObjectionOutcome,
} from './domain/objection';
import { attachedMaterials } from './objection-materials';
import { OBJECTABLE_STATUSES } from './file-objection';
import { stageOf } from './objection.case-type';
import {
  AppealWindowClosedError,
  ObjectionInputError,
  OverturnNotFavourableError,
  RecordNoLongerLiveError,
  RelatedPartyError,
} from './objection.errors';

/** What the actions take; each uses its part (the edge validates the shape per action). */
export interface ObjectionActionInput {
  opinion?: string;
  reasonCodes?: string[];
  reasons?: string[];
  legalBasis?: string;
  items?: string[];
  statement?: string;
  materials?: ObjectionMaterialInput[];
  /** The answer's outcome; for an appeal decision, what the appeal decided (`upheld` or `overturned`). */
  outcome?: ObjectionOutcome | AppealOutcome;
  /** The outcome that replaces the answer when an appeal overturns it. */
  newOutcome?: ObjectionOutcome;
  correction?: RecordCorrectionInput;
  note?: string;
}

/** What an appeal decides: the answer stands, or another replaces it. */
export const APPEAL_OUTCOMES = ['upheld', 'overturned'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

type Facts = ActionFactsContext<ObjectionActionInput, ObjectionContext>;
type Use = Facts['use'];

const clean = (values: string[] | undefined) => (values ?? []).map((v) => v.trim()).filter((v) => v !== '');

/** Files the actor attaches, checked to be the actor's (or its subject's). */
const materials = (
  use: Use,
  attached: ObjectionMaterialInput[] | undefined,
  actor: WorkflowActor,
  stage: AttachedMaterial['stage'],
) => attachedMaterials(use(FileStore), attached, actor, stage);

/** The reasons given, and the same joined where the event stored one `reason` before (joinedReason). */
const reasonsAndJoined = (values: string[] | undefined) => {
  const reasons = clean(values);
  return { reasons, reason: joinedReason(reasons) ?? undefined };
};

/**
 * A correcting or removing outcome needs the record live; a correction is computed against its content now, so
 * the event shows each field's old and new value.
 */
async function correctionFor(
  use: Use,
  outcome: ObjectionOutcome,
  input: ObjectionActionInput,
  context: ObjectionContext,
): Promise<CorrectionPlan | null> {
  if (outcome === 'correct' && !input.correction)
    throw new ObjectionInputError('correction', 'required', {
      zh: '处理结果为更正时须填写更正内容',
      en: 'a correction is required when the outcome is correct',
    });
  if (outcome !== 'correct' && input.correction)
    throw new ObjectionInputError('correction', 'onlyForCorrect', {
      zh: '仅在处理结果为更正时填写',
      en: 'only when the outcome is correct',
    });
  if (outcome !== 'correct' && outcome !== 'remove') return null;
  const recordId = context.record!.id;
  // Read as the system: the appeal's authority one level up may not see the record's case under the staff rule,
  // yet must know whether it is still live. Nothing of it is shown to the caller.
  const record = await use(CaseEngine).load(CREDIT_RECORD, recordId, SYSTEM_ACTOR);
  const status = publicStatusOf(activeStatePaths(record.snapshot));
  if (!OBJECTABLE_STATUSES.includes(status)) throw new RecordNoLongerLiveError(recordId, status, outcome);
  if (outcome === 'remove') return null;
  const content = (record.snapshot.context as CreditRecordContext).record!;
  return correctionOf(content, input.correction!);
}

/** The answer (异议处理结果): outcome, reasons, legal basis, and the correction the record gets. */
async function answer({ input, context, use }: Facts) {
  // The answer's request admits only an objection outcome (UpholdObjectionRequest validates it against the list).
  const outcome = input.outcome as ObjectionOutcome;
  return {
    outcome,
    reasons: clean(input.reasons),
    legalBasis: input.legalBasis!.trim(),
    opinion: input.opinion?.trim() || undefined,
    correction: await correctionFor(use, outcome, input, context),
    note: outcome === 'unverifiable' ? input.note?.trim() || null : null,
  };
}

/**
 * Refused with the date the window closed, whether or not the worker has recorded its expiry yet. Only while the
 * answer awaits an appeal or was closed by the window: once an appeal was filed, the case's state answers.
 */
function requireAppealWindowOpen({ loaded, context, use }: Pick<Facts, 'loaded' | 'context' | 'use'>): void {
  const stage = stageOf(loaded.snapshot);
  if (stage !== 'answered' && !(stage === 'closed' && context.appeal === null)) return;
  const window = loaded.clocks.get('appealWindow');
  if (
    window?.dueDate &&
    window.dueAt &&
    (stage === 'closed' || use(Clock).now().toISOString() >= window.dueAt)
  )
    throw new AppealWindowClosedError(window.dueDate, window.dueAt);
}

async function parentOf(use: Use, code: string): Promise<HandlingAuthority | null> {
  const { rows } = await use(Database).query<{ code: string; path: string; name_zh: string }>(
    `SELECT p.code, p.path, p.name_zh FROM authorities a JOIN authorities p ON p.code = a.parent_code
      WHERE a.code = $1`,
    [code],
  );
  return rows[0] ? { code: rows[0].code, path: rows[0].path, name: rows[0].name_zh } : null;
}

async function appeal({ input, actor, loaded, context, use }: Facts) {
  const window = loaded.clocks.get('appealWindow');
  const finding = context.record!;
  const setting = await use(AuthorityPolicies).get('objection.appeal-decided-by', finding.authorityPath);
  const choice = appealAuthorityOf(
    setting,
    { code: finding.authorityCode, path: finding.authorityPath, name: finding.authorityName },
    await parentOf(use, finding.authorityCode),
  );
  return {
    statement: input.statement!.trim(),
    materials: await materials(use, input.materials, actor, 'appeal'),
    appealAuthority: choice,
    window: window ? { dueDate: window.dueDate, dueAt: window.dueAt } : null,
  };
}

/**
 * The request says what the appeal decided as `outcome` (`upheld` or `overturned`) and, overturned, the answer that
 * replaces the first as `newOutcome`; the event keeps the shape it always had (`decision`, and `outcome` the answer
 * in force), so old and new appeal decisions read alike.
 */
async function appealDecision({ input, context, use }: Facts) {
  const answered = context.answer?.outcome ?? 'maintain';
  if (input.outcome === 'upheld') {
    return {
      decision: 'uphold',
      outcome: answered,
      answerOutcome: answered,
      reasons: clean(input.reasons),
      legalBasis: input.legalBasis!.trim(),
      opinion: input.opinion?.trim() || undefined,
    };
  }
  const outcome = input.newOutcome;
  const allowed = favourableOverturns(answered);
  if (!outcome || !allowed.includes(outcome)) throw new OverturnNotFavourableError(answered, allowed);
  return {
    decision: 'overturn',
    outcome,
    answerOutcome: answered,
    reasons: clean(input.reasons),
    legalBasis: input.legalBasis!.trim(),
    opinion: input.opinion?.trim() || undefined,
    correction: await correctionFor(use, outcome, input, context),
    note: outcome === 'unverifiable' ? input.note?.trim() || null : null,
  };
}

const STAFF = new Set(['officer', 'senior_reviewer', 'admin']);

/**
 * Every action after filing: the event it records and the facts the pure machine cannot read — the appeal window
 * against the clock, the appeal's authority setting, the record still being live for a correction or removal, the
 * materials' owner — with the decision facts (reasons, reasonCodes, opinion, legalBasis, outcome) at the top level
 * of the event's data for auditors; 回避 for staff.
 */
export const objectionActions = actionTable<ObjectionContext>()({
  actions: {
    accept: {
      event: 'ObjectionAccepted',
      facts: ({ input }: Facts) => ({ opinion: input.opinion?.trim() || undefined, outcome: 'accepted' }),
    },
    refuse: {
      event: 'ObjectionRefused',
      facts: ({ input }: Facts) => ({
        reasonCodes: input.reasonCodes ?? [],
        reasons: clean(input.reasons),
        legalBasis: input.legalBasis?.trim() || undefined,
        outcome: 'not-accepted',
      }),
    },
    'request-supplement': {
      event: 'SupplementRequested',
      facts: ({ input }: Facts) => ({ items: clean(input.items), reasons: clean(input.reasons) }),
    },
    supplement: {
      event: 'Supplemented',
      facts: async ({ input, actor, use }: Facts) => ({
        statement: input.statement?.trim() || undefined,
        materials: await materials(use, input.materials, actor, 'supplement'),
      }),
    },
    extend: {
      event: 'VerificationExtended',
      facts: ({ input }: Facts) => {
        const { reasons, reason } = reasonsAndJoined(input.reasons);
        return { reason: reason ?? '', reasons };
      },
    },
    uphold: { event: 'ObjectionAnswered', facts: answer },
    withdraw: {
      event: 'ObjectionWithdrawn',
      facts: ({ input, loaded }: Facts) => ({
        ...reasonsAndJoined(input.reasons),
        stage: stageOf(loaded.snapshot),
      }),
    },
    appeal: { event: 'AppealFiled', precheck: requireAppealWindowOpen, facts: appeal },
    'decide-appeal': { event: 'AppealDecided', facts: appealDecision },
  },
  recusal: {
    roles: STAFF,
    isRelated: ({ actorId, context, use }) =>
      use(PolicyService).isRelated(actorId, context.record!.subject.code),
    refusal: (c) => new RelatedPartyError(c.handling?.name ?? c.record!.authorityName),
  },
});

export type ObjectionAction = keyof typeof objectionActions.actions;
