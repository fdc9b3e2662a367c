import { uuidv7, type Database, type ManualClock } from '@credence/shared';
import { COMMITMENT } from '@credence/commitments';
import { REPAIR_APPLICATION } from '@credence/credit-repair';
import { OBJECTION } from '@credence/objections';
import type { CaseEngine, WorkflowActor } from '@credence/workflow';

/** The authorities of the scenario: a province, two cities, three counties (GB/T 2260). */
export const AUTHORITIES = [
  { code: '320000', name: '江苏省交通运输厅', parent: null, path: '320000', level: 'province' },
  { code: '320800', name: '淮安市交通运输局', parent: '320000', path: '320000/320800', level: 'city' },
  {
    code: '320830',
    name: '盱眙县交通运输局',
    parent: '320800',
    path: '320000/320800/320830',
    level: 'county',
  },
  {
    code: '320804',
    name: '淮阴区交通运输局',
    parent: '320800',
    path: '320000/320800/320804',
    level: 'county',
  },
  { code: '321000', name: '扬州市交通运输局', parent: '320000', path: '320000/321000', level: 'city' },
  {
    code: '321023',
    name: '宝应县交通运输局',
    parent: '321000',
    path: '320000/321000/321023',
    level: 'county',
  },
] as const;
export type AuthorityCode = (typeof AUTHORITIES)[number]['code'];

export async function insertAuthorities(superuser: { query: Database['query'] }): Promise<void> {
  for (const a of AUTHORITIES)
    await superuser.query(
      `INSERT INTO authorities (code, name_zh, name_en, parent_code, path, level) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO NOTHING`,
      [a.code, a.name, `Authority ${a.code}`, a.parent, a.path, a.level],
    );
}

const authority = (code: AuthorityCode) => AUTHORITIES.find((a) => a.code === code)!;
export const SUBJECT = {
  type: 'legal_person',
  code: '91320830MA1XY0012B',
  name: '示例运输有限公司',
} as const;

export const applicant: WorkflowActor = {
  id: 'applicant-1',
  role: 'applicant',
  authorityCode: null,
  authorityPath: null,
  subjectCode: SUBJECT.code,
};
export const staff = (
  code: AuthorityCode,
  role: 'officer' | 'senior_reviewer' = 'officer',
): WorkflowActor => ({
  id: `${role}-${code}`,
  role,
  authorityCode: code,
  authorityPath: authority(code).path,
  subjectCode: null,
});

/** `date` at `hour`:00 Beijing time. */
export const at = (date: string, hour = 10) =>
  new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);

/** Takes workflow steps at given Beijing times through the engine, as the handlers would. */
export class CaseSteps {
  private serial = 0;

  constructor(
    private readonly engine: CaseEngine,
    private readonly clock: ManualClock,
  ) {}

  async step(
    caseType: string,
    caseId: string,
    eventType: string,
    when: Date,
    actor: WorkflowActor,
    data = {},
  ) {
    this.clock.set(when);
    await this.engine.execute({
      caseType,
      caseId,
      eventType,
      data,
      actor,
      origin: { correlationId: 'stats' },
    });
  }

  /** A repair application of a record found by `code`, created and submitted at `when`. */
  async submitRepair(code: AuthorityCode, when: Date): Promise<string> {
    const caseId = uuidv7(when);
    const n = ++this.serial;
    const a = authority(code);
    this.clock.set(when);
    await this.engine.execute({
      caseType: REPAIR_APPLICATION,
      caseId,
      eventType: 'RepairApplicationCreated',
      data: {
        record: {
          id: uuidv7(when),
          decisionNumber: `交罚〔2026〕${n}号`,
          decisionDate: '2026-01-05',
          kind: 'administrative_penalty',
          severity: 'general',
          field: 'road_transport',
          authorityCode: a.code,
          authorityPath: a.path,
          authorityName: a.name,
          subject: SUBJECT,
          repairableFrom: '2026-04-06',
          ruleSet: 'ndrc-order-36-2026',
        },
        materials: [],
        commitment: {
          caseId: uuidv7(when),
          caseNumber: `CN-${code}-2026-${n}`,
          content: '本单位承诺…',
          consentToPublish: true,
          signedAt: when.toISOString().slice(0, 10),
          inForceFrom: null,
        },
      },
      actor: applicant,
      origin: { correlationId: 'stats' },
      create: true,
    });
    await this.step(REPAIR_APPLICATION, caseId, 'RepairApplicationSubmitted', when, applicant, {
      caseNumber: `XF-${code}-2026-${String(n).padStart(6, '0')}`,
      fourEyes: false,
    });
    return caseId;
  }

  repair(
    caseId: string,
    eventType: string,
    when: Date,
    actor: WorkflowActor,
    data: Record<string, unknown> = {},
  ) {
    return this.step(REPAIR_APPLICATION, caseId, eventType, when, actor, data);
  }

  /** An objection to a registered record (the record's content as filed), filed at `when`. */
  async fileObjection(record: Record<string, unknown>, recordId: string, when: Date): Promise<string> {
    const caseId = uuidv7(when);
    this.clock.set(when);
    await this.engine.execute({
      caseType: OBJECTION,
      caseId,
      eventType: 'ObjectionFiled',
      data: {
        caseNumber: `YY-320830-2026-${String(++this.serial).padStart(6, '0')}`,
        record: { ...record, id: recordId, contentVersion: 1 },
        ground: 'wrong',
        statement: '信息错误',
        commitment: { content: '承诺所述属实', consent: true },
        materials: [],
      },
      actor: applicant,
      origin: { correlationId: 'stats' },
      create: true,
    });
    return caseId;
  }

  objection(caseId: string, eventType: string, when: Date, data: Record<string, unknown> = {}) {
    return this.step(OBJECTION, caseId, eventType, when, staff('320830'), data);
  }

  /** A voluntary commitment to `code`, signed at `signed` and relied on at `effective` with its check due `due`. */
  async commitment(code: AuthorityCode, signed: Date, effective: Date, due: string): Promise<string> {
    const caseId = uuidv7(signed);
    const a = authority(code);
    this.clock.set(signed);
    await this.engine.execute({
      caseType: COMMITMENT,
      caseId,
      eventType: 'CommitmentSigned',
      data: {
        caseNumber: `CN-${code}-2026-${String(++this.serial).padStart(6, '0')}`,
        type: 'voluntary',
        subject: SUBJECT,
        authority: { code: a.code, path: a.path, name: a.name },
        matter: null,
        field: 'road_transport',
        items: [{ code: 'materials_true', text: '所提交的材料合法、真实、准确、有效' }],
        promisedMaterials: [],
        promisedBy: null,
        linked: null,
        consentToPublish: true,
      },
      actor: applicant,
      origin: { correlationId: 'stats' },
      create: true,
    });
    await this.step(COMMITMENT, caseId, 'CommitmentTookEffect', effective, staff(code), {
      checkDue: { date: due, at: at(due, 24).toISOString() },
      opinion: null,
    });
    return caseId;
  }

  /** The authority checks the commitment at `when` and finds it kept or broken. */
  async checkCommitment(code: AuthorityCode, caseId: string, when: Date, kept: boolean) {
    await this.step(COMMITMENT, caseId, 'FulfilmentCheckStarted', when, staff(code), {
      method: 'document_review',
      description: null,
    });
    await this.step(
      COMMITMENT,
      caseId,
      kept ? 'CommitmentFulfilled' : 'CommitmentBreached',
      when,
      staff(code),
      {
        findings: kept ? '经核查，承诺事项属实' : '经核查，承诺内容不实',
        ...(kept ? {} : { ground: 'false_commitment' }),
      },
    );
  }
}
