import { authorityName, refusal, type RefusalArgs, type RefusalCatalogue } from '@credence/workflow';
import type { CreditRecordMachineEvent } from './credit-record.events';
import type { CreditRecordContext, creditRecordGuards } from './credit-record.machine';

type Args = RefusalArgs<CreditRecordContext, CreditRecordMachineEvent>;

const findingAuthorityOf = (c: CreditRecordContext) =>
  authorityName(c.record ? { name: c.record.authorityName, code: c.record.authorityCode } : null);

/** Why each guard of `creditRecordMachine` refuses, and what would make the step possible. */
export const creditRecordRefusals = {
  // 谁认定、谁登记: the finding authority registers its own records.
  registrarActsForAuthority: ({ event }: Args) => {
    const name = event.type === 'CreditRecordRegistered' ? event.data.record?.authorityName : undefined;
    return refusal(
      'RECORD.FINDING_AUTHORITY_REGISTERS',
      403,
      `信用记录由作出认定的${name ?? '单位'}的承办人登记（谁认定、谁登记），或由系统管理员代为登记`,
      `A record is registered by an officer of ${name ? `${name}, ` : ''}the authority that made the finding, or by an administrator`,
    );
  },
  isSystem: () =>
    refusal(
      'RECORD.SYSTEM_ONLY',
      403,
      '公示期限届满和可修复日期到来由系统按期限自动记录，无需人工操作',
      'The system records the end of a period when it comes; nobody does it by hand',
    ),
  // Repair, correction, removal and the objection mark follow the decisions of those workflows.
  isSystemOrAdmin: () =>
    refusal(
      'RECORD.CHANGED_BY_ITS_WORKFLOW',
      403,
      '修复、更正、删除和异议标注随信用修复或异议的办理结果自动完成；平台自身的技术差错由系统管理员更正',
      'Repair, correction, removal and the objection mark follow the decision of a repair or an objection; an administrator corrects a technical error of the platform',
    ),
  findingAuthorityStaff: ({ context }: Args) => {
    const a = findingAuthorityOf(context);
    return refusal(
      'RECORD.FINDING_AUTHORITY_ONLY',
      403,
      `此步骤由认定单位${a.zh}的承办人或审核负责人办理`,
      `An officer or senior reviewer of the finding authority, ${a.en}, takes this step`,
    );
  },
  minimumReached: ({ context }: Args) =>
    refusal(
      'RECORD.MINIMUM_PERIOD_NOT_REACHED',
      409,
      `最短公示期尚未届满；自${context.repairableFrom ?? '最短公示期届满之日'}起可申请修复`,
      `The minimum publicity period has not passed; repair may be applied for from ${context.repairableFrom ?? 'its end'}`,
    ),
  publicityEnded: ({ context }: Args) =>
    refusal(
      'RECORD.PUBLICITY_NOT_ENDED',
      409,
      `公示期尚未届满；至${context.publicityEndsAfter ?? '最长公示期'}届满后自动到期`,
      `The publicity period has not ended; it ends by itself after ${context.publicityEndsAfter ?? 'its maximum'}`,
    ),
} satisfies RefusalCatalogue<keyof typeof creditRecordGuards, CreditRecordContext, CreditRecordMachineEvent>;
