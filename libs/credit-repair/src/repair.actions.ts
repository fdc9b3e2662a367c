import { RepairCommitments } from '@credence/commitments';
import { actionTable, CaseNumbers, type ActionFactsContext } from '@credence/workflow';
import type { MaterialCategory, RevocationGround } from './domain/repair-application';
import type { RepairContext } from './domain/repair.machine';
import { CommitmentRequiredError, NotEligibleError, RelatedReviewerError } from './repair.errors';
import { applied, RepairFacts } from './repair-facts';

export interface AttachInput {
  fileId: string;
  category: MaterialCategory;
}

export interface CommitmentInput {
  content: string;
  consentToPublish: boolean;
}

/** What an action may carry; each action's request class at the edge says which fields it needs. */
export interface RepairActionInput {
  materials?: AttachInput[];
  commitment?: CommitmentInput;
  reasons?: string[];
  reasonCodes?: string[];
  legalBasis?: string;
  opinion?: string;
  items?: string[];
  recommendation?: 'approve' | 'reject';
  ground?: RevocationGround;
}

type Facts = ActionFactsContext<RepairActionInput, RepairContext>;

const STAFF = new Set(['officer', 'senior_reviewer', 'admin']);
const reviewed = (c: RepairContext) => c.materials.map((m) => ({ id: m.id, sha256: m.sha256 }));
const reasonsOf = (input: RepairActionInput) => input.reasons ?? [];

/** A new commitment in the draft is signed in the same transaction as the edit that records it. */
async function draftUpdate({ input, loaded, context: c, actor, origin, tx, use }: Facts) {
  return {
    materials: await use(RepairFacts).materials(input.materials ?? [], actor),
    // The commitment it replaces lapses (a reaction of the repair link).
    ...(input.commitment && tx
      ? {
          commitment: {
            ...(await use(RepairCommitments).sign(
              { repairCaseId: loaded.caseId, record: c.record!, ...input.commitment },
              actor,
              origin,
              tx,
            )),
            inForceFrom: null,
          },
          replacesCommitment: c.commitment?.caseId ?? null,
        }
      : {}),
  };
}

/**
 * Submission re-checks eligibility (time passed since the draft) and that the commitment still stands (signed and
 * published), numbers the case and fixes four eyes.
 */
async function submission({ loaded, context: c, use }: Facts) {
  const facts = use(RepairFacts);
  const record = c.record!;
  const commitment = await use(RepairCommitments).stateOf(c.commitment!.caseId);
  if (commitment?.state !== 'published')
    throw new CommitmentRequiredError({ caseId: c.commitment!.caseId, state: commitment?.state ?? null });
  const current = await facts.record(record.id);
  const { refusals, checked } = await facts.eligibility(current!, loaded.caseId);
  if (refusals.length > 0) throw new NotEligibleError(refusals);
  const policy = await facts.policy('repair.four-eyes', record.authorityPath);
  // Serious records and list removals always need a second reviewer; other records as the authority sets.
  const fourEyes = record.severity === 'serious' || record.kind === 'serious_list' || policy.value === 'all';
  const year = Number(facts.today().slice(0, 4));
  return {
    caseNumber: await use(CaseNumbers).next('XF', record.authorityCode, year),
    fourEyes,
    fourEyesPolicy: applied(policy),
    eligibility: checked,
    materials: reviewed(c),
    commitment: { ...c.commitment, state: commitment.state },
  };
}

const refusal = (outcome: 'not_accepted' | 'rejected') => (ctx: Facts) => ({
  reasonCodes: ctx.input.reasonCodes ?? [],
  reasons: reasonsOf(ctx.input),
  legalBasis: ctx.input.legalBasis,
  opinion: ctx.input.opinion ?? null,
  materials: reviewed(ctx.context),
  outcome,
});

/**
 * Every action on an existing application: the event it records and the facts it stands on (eligibility again at
 * submission, the four-eyes and platform settings, the files' digests, the case number); 回避 for staff.
 */
export const repairActions = actionTable<RepairContext>()({
  actions: {
    'update-draft': {
      event: 'RepairDraftUpdated',
      facts: draftUpdate,
      transaction: (input: RepairActionInput) => !!input.commitment,
    },
    submit: { event: 'RepairApplicationSubmitted', facts: submission },
    withdraw: {
      event: 'RepairApplicationWithdrawn',
      facts: ({ input }: Facts) => ({ reasons: reasonsOf(input) }),
    },
    accept: {
      event: 'RepairApplicationAccepted',
      facts: ({ input, context }: Facts) => ({
        opinion: input.opinion ?? null,
        materials: reviewed(context),
        outcome: 'accepted',
      }),
    },
    refuse: { event: 'RepairApplicationRefused', facts: refusal('not_accepted') },
    'request-supplement': {
      event: 'RepairSupplementRequested',
      facts: ({ input }: Facts) => ({ items: input.items ?? [], reasons: reasonsOf(input) }),
    },
    supplement: {
      event: 'RepairSupplementProvided',
      facts: async ({ input, actor, use }: Facts) => ({
        materials: await use(RepairFacts).materials(input.materials ?? [], actor),
        reasons: reasonsOf(input),
      }),
    },
    extend: {
      event: 'RepairReviewExtended',
      facts: ({ input }: Facts) => ({ reasons: reasonsOf(input) }),
    },
    recommend: {
      event: 'RepairRecommended',
      facts: ({ input, context }: Facts) => ({
        recommendation: input.recommendation,
        opinion: input.opinion,
        reasons: reasonsOf(input),
        materials: reviewed(context),
        outcome: `recommend-${input.recommendation}`,
      }),
    },
    approve: {
      event: 'RepairApproved',
      facts: async ({ input, context, use }: Facts) => {
        const platforms = await use(RepairFacts).policy(
          'repair.downstream-platforms',
          context.record!.authorityPath,
        );
        return {
          opinion: input.opinion ?? null,
          reasons: reasonsOf(input),
          legalBasis: input.legalBasis,
          materials: reviewed(context),
          outcome: 'approved',
          downstream: platforms.value,
          downstreamPolicy: applied(platforms),
        };
      },
    },
    reject: { event: 'RepairRejected', facts: refusal('rejected') },
    revoke: {
      event: 'RepairApprovalRevoked',
      // A broken commitment is found on the commitment itself, whose breach then revokes the repair: the machine
      // refuses it by hand (mayRevoke) and its refusal says where to record the breach.
      facts: ({ input, context, use }: Facts) =>
        use(RepairFacts).revocation(context.record!.authorityPath, {
          ground: input.ground!,
          reasons: reasonsOf(input),
          legalBasis: input.legalBasis,
        }),
    },
  },
  recusal: {
    roles: STAFF,
    isRelated: ({ actorId, context, use }) =>
      use(RepairFacts).isRelated(actorId, context.record!.subject.code),
    refusal: (c) => new RelatedReviewerError(c.record!.subject.code, c.record!.authorityName),
  },
  ruleSet: (c) => c.record!.ruleSet,
});

export type RepairAction = keyof typeof repairActions.actions;
