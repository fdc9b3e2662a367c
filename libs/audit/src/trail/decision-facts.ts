import type { EventMetadata } from '@credence/event-store';

/** A material an authority reviewed for a decision, by the digest of its bytes (so an auditor can match the file). */
export interface ReviewedMaterial {
  id: string;
  /** Lower-case hex SHA-256 of the material's content. */
  sha256: string;
}

/**
 * What a decision event's `data` carries for auditors (DOMAIN.md §8), the one convention every workflow follows
 * (repair, objection …): put these fields at the top level of the event's data and the trail, the search and the
 * exports show them without knowing the workflow. All are optional; a step that decides nothing carries none.
 *
 * The rule-set version is not here: the engine records it in the event's metadata (`ruleSet`).
 */
export interface DecisionFacts {
  /** Free-text reasons given for the step (理由), in the order given. */
  reasons?: string[];
  /** Coded reasons from the workflow's catalogue (e.g. `MATERIALS_INCOMPLETE`), stable for statistics. */
  reasonCodes?: string[];
  /** The reviewer's written opinion (审批意见); null when none was given. */
  opinion?: string | null;
  /** Legal basis cited for the step (法律依据), e.g. 《道路运输条例》第七十条; null when none was cited. */
  legalBasis?: string | null;
  /** The credit grade or score as it stood when the decision was made, as the workflow read it. */
  gradeSnapshot?: Record<string, unknown>;
  /** Every material reviewed for the step, by content digest. */
  materials?: ReviewedMaterial[];
  /** The decision's result in the workflow's words (e.g. `granted`, `refused`); else the state it led to. */
  outcome?: string;
}

/** The facts of one step, normalised: lists are empty rather than absent. */
export interface ExtractedFacts {
  reasons: string[];
  reasonCodes: string[];
  opinion: string | null;
  legalBasis: string | null;
  ruleSet: string | null;
  gradeSnapshot: Record<string, unknown> | null;
  materials: ReviewedMaterial[];
  outcome: string | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((v): v is string => v !== null) : [];

const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

function materialsOf(value: unknown): ReviewedMaterial[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m) => {
    const r = record(m);
    const id = text(r?.id);
    const sha256 = text(r?.sha256);
    return id && sha256 && SHA256_HEX.test(sha256) ? [{ id, sha256: sha256.toLowerCase() }] : [];
  });
}

/**
 * Reads the convention out of any event, tolerating what events recorded before it say: a single `reason` (without a
 * `reasons` list), and the
 * legal basis and rule set of a registered record (`data.record.legalBasis`, `data.ruleSet`). Never throws: an
 * auditor must see every step, whatever its shape.
 */
export function decisionFactsOf(data: Record<string, unknown>, metadata: EventMetadata): ExtractedFacts {
  const nested = record(data.record);
  // An event that lists its reasons also keeps them joined as `reason` (ADR 0022): the list is what was given, the
  // single `reason` only stands in for it in events recorded before reasons were a list.
  const listed = texts(data.reasons);
  const single = text(data.reason);
  const reasons = listed.length > 0 || !single ? listed : [single];
  return {
    reasons,
    reasonCodes: texts(data.reasonCodes),
    opinion: text(data.opinion),
    legalBasis: text(data.legalBasis) ?? text(nested?.legalBasis),
    ruleSet: text(metadata.ruleSet) ?? text(data.ruleSet),
    gradeSnapshot: record(data.gradeSnapshot),
    materials: materialsOf(data.materials),
    outcome: text(data.outcome),
  };
}
