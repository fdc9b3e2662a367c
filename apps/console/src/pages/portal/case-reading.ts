import type { components } from '../../api/schema';
import type { BilingualText } from '../../i18n/language';

/*
 * What the applicant pages read of the API's answers, in the API's own types (schema.d.ts, generated from the
 * documented response DTOs). readCase turns any of the three case answers (the generic case view, the repair and the
 * objection views) into the one reading both case pages show.
 */
type Schemas = components['schemas'];

export type RecordItem = Schemas['CreditRecordListItemDto'];
export type ActionOption = Schemas['CaseActionOptionDto'];
export type ClockReading = Schemas['CaseClockDto'];
export type TrailReading = Schemas['CaseTrailStepDto'];
export type MaterialReading = Schemas['RepairMaterialDto'] | Schemas['ObjectionMaterialDto'];
export type SupplementAsked = Pick<Schemas['RepairSupplementRequestDto'], 'items' | 'reasons' | 'at'>;
export type RepairView = Schemas['RepairApplicationViewDto'];
export type ObjectionView = Schemas['ObjectionViewDto'];
/** The three answers a case page reads: GET /cases/{id} (its data untyped there), the repair and objection views. */
export type CaseAnswer = Schemas['CaseViewDto'] | RepairView | ObjectionView;
type CaseData = Schemas['RepairCaseDataDto'] | Schemas['ObjectionCaseDataDto'];

/** What both applicant case pages show: the engine's case view with the type's data read. */
export interface CaseReading extends Pick<
  Schemas['CaseViewDto'],
  'id' | 'type' | 'version' | 'state' | 'stateLabel' | 'status' | 'title' | 'actions' | 'clocks' | 'createdAt'
> {
  caseNumber: string | null;
  record: { id: string; decisionNumber: string } | null;
  materials: MaterialReading[];
  /** The open request for more materials, when the case waits for the applicant. */
  supplement: SupplementAsked | null;
  trail: TrailReading[];
  /** An objection's appeal window (申诉期限), once answered. */
  appealWindow: Schemas['ObjectionAppealWindowDto'] | null;
}

function supplementOf(data: Partial<CaseData>): SupplementAsked | null {
  // Repair keeps the one open request; an objection keeps every request, the open one unanswered and not lapsed.
  if ('supplementRequest' in data) return data.supplementRequest ?? null;
  const requests = 'supplementRequests' in data ? (data.supplementRequests ?? []) : [];
  return [...requests].reverse().find((r) => !r.answeredAt && !r.lapsed) ?? null;
}

function trailOf(view: CaseAnswer): TrailReading[] {
  if (!('trail' in view) || !view.trail) return [];
  return Array.isArray(view.trail) ? view.trail : view.trail.steps;
}

export function readCase(view: CaseAnswer): CaseReading {
  // The generic case view documents `data` as the type's own open object; it is the same data the typed views name.
  const data = view.data as Partial<CaseData>;
  const supplement = supplementOf(data);
  return {
    id: view.id,
    type: view.type,
    version: view.version,
    state: view.state,
    stateLabel: view.stateLabel,
    status: view.status,
    title: view.title,
    caseNumber: data.caseNumber ?? ('caseNumber' in view ? view.caseNumber : null) ?? null,
    record: data.record ? { id: data.record.id, decisionNumber: data.record.decisionNumber } : null,
    actions: view.actions,
    clocks: view.clocks,
    materials: data.materials ?? [],
    supplement: supplement && { items: supplement.items, reasons: supplement.reasons, at: supplement.at },
    trail: trailOf(view),
    appealWindow: 'appealWindow' in view ? view.appealWindow : null,
    createdAt: view.createdAt,
  };
}

/** The four steps an applicant follows (提交 → 受理 → 审查 → 决定): which one the case is at, from its state path. */
export function progressStep(state: string[], status: 'active' | 'done'): number {
  const path = state.join(' ');
  if (
    status === 'done' ||
    /approved|rejected|refused|decided|answered|closed|notAccepted|withdrawn|revoked|lapsed/.test(path)
  )
    return 3;
  if (/review|verification|appeal/.test(path)) return 2;
  if (/received|awaiting|admission|acceptance|submitted/.test(path)) return 1;
  return 0;
}

export interface CaseListItem {
  id: string;
  kind: 'repair' | 'objection';
  caseNumber: string | null;
  recordId: string;
  stateLabel: BilingualText;
  draft: boolean;
}

/** A page of GET /repair-applications or GET /objections (each lists the caller's own cases for an applicant). */
export type CaseListPage =
  | { kind: 'repair'; page: Schemas['RepairApplicationPageDto'] }
  | { kind: 'objection'; page: Schemas['ObjectionPageDto'] };

/** The items of either case list as the portal shows them (a repair keeps its state paths, an objection one path). */
export function readCaseList({ kind, page }: CaseListPage): CaseListItem[] {
  return page.items.map((item) => {
    const state: string[] = typeof item.state === 'string' ? [item.state] : item.state;
    return {
      id: item.id,
      kind,
      caseNumber: item.caseNumber,
      recordId: item.recordId,
      stateLabel: item.stateLabel,
      draft: state.includes('draft'),
    };
  });
}
