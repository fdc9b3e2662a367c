import type { AppealAuthorityChoice, HandlingAuthority, ObjectionOutcome } from './objection';

/** How much an outcome grants the subject: an appeal may only move up this scale (or correct differently). */
const GRANTS: Record<ObjectionOutcome, number> = { maintain: 0, unverifiable: 1, correct: 2, remove: 3 };

/**
 * The outcomes an appeal may overturn an answer to. The subject alone appeals, so the appeal must not leave it worse
 * off (不利变更禁止, as 《行政复议法》第六十三条 says of reconsideration): only outcomes granting more, or another
 * correction of a corrected record. A removal grants everything already.
 */
export function favourableOverturns(answer: ObjectionOutcome): ObjectionOutcome[] {
  return (Object.keys(GRANTS) as ObjectionOutcome[]).filter(
    (o) => GRANTS[o] > GRANTS[answer] || (o === 'correct' && answer === 'correct'),
  );
}

/** The setting `objection.appeal-decided-by` as it applied (for the event, so auditors see which row decided). */
export interface AppealSetting {
  value: 'same-authority' | 'parent-authority';
  settingId: string;
  authorityCode: string | null;
  effectiveFrom: string;
}

/**
 * Who decides an appeal: the finding authority (a senior reviewer who did not handle the answer) or, by setting, the
 * authority one level up. A provincial authority has none above it in this hierarchy: its own senior reviewers
 * decide, and the choice says why.
 */
export function appealAuthorityOf(
  setting: AppealSetting,
  finding: HandlingAuthority,
  parent: HandlingAuthority | null,
): AppealAuthorityChoice {
  const recorded = {
    settingId: setting.settingId,
    value: setting.value,
    authorityCode: setting.authorityCode,
    effectiveFrom: setting.effectiveFrom,
  };
  if (setting.value === 'parent-authority' && parent)
    return { authority: parent, decidedBy: 'parent-authority', setting: recorded, note: null };
  return {
    authority: finding,
    decidedBy: 'same-authority',
    setting: recorded,
    note:
      setting.value === 'parent-authority'
        ? 'the finding authority has no authority above it: its own senior reviewers decide'
        : null,
  };
}
