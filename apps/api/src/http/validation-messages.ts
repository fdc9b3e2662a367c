import type { BilingualText } from '@credence/shared';

/** Bilingual text for each class-validator constraint the API uses; the constraint name is the field error code. */
const MESSAGES: Record<string, BilingualText> = {
  whitelistValidation: { zh: '不允许的字段', en: 'unknown field' },
  isDefined: { zh: '必填', en: 'is required' },
  isNotEmpty: { zh: '不能为空', en: 'must not be empty' },
  isString: { zh: '必须是字符串', en: 'must be a string' },
  isInt: { zh: '必须是整数', en: 'must be an integer' },
  isNumber: { zh: '必须是数字', en: 'must be a number' },
  isBoolean: { zh: '必须是布尔值', en: 'must be true or false' },
  isIn: { zh: '不是允许的取值', en: 'is not one of the allowed values' },
  isEnum: { zh: '不是允许的取值', en: 'is not one of the allowed values' },
  isUuid: { zh: '必须是 UUID', en: 'must be a UUID' },
  isUUID: { zh: '必须是 UUID', en: 'must be a UUID' },
  isIso8601: { zh: '必须是 ISO 8601 日期', en: 'must be an ISO 8601 date' },
  isISO8601: { zh: '必须是 ISO 8601 日期', en: 'must be an ISO 8601 date' },
  isCalendarDate: { zh: '必须是有效日期（YYYY-MM-DD）', en: 'must be a real date (YYYY-MM-DD)' },
  isDateString: { zh: '必须是日期', en: 'must be a date' },
  minLength: { zh: '太短', en: 'is too short' },
  maxLength: { zh: '太长', en: 'is too long' },
  min: { zh: '太小', en: 'is too small' },
  max: { zh: '太大', en: 'is too large' },
  matches: { zh: '格式不正确', en: 'has the wrong format' },
  isArray: { zh: '必须是数组', en: 'must be an array' },
  arrayNotEmpty: { zh: '不能为空数组', en: 'must not be an empty array' },
  arrayMaxSize: { zh: '元素过多', en: 'has too many items' },
  isObject: { zh: '必须是对象', en: 'must be an object' },
  nestedValidation: { zh: '必须是对象', en: 'must be an object' },
  isUscc: {
    zh: '不是有效的统一社会信用代码（校验码错误或格式不符）',
    en: 'is not a valid unified social credit code (check character or format)',
  },
  isResidentIdNumber: {
    zh: '不是有效的居民身份证号码（校验码、出生日期或格式错误）',
    en: 'is not a valid resident ID number (check character, birth date or format)',
  },
  isSubjectCode: {
    zh: '与主体类型不符：法人和其他组织须为统一社会信用代码，自然人须为居民身份证号码',
    en: 'does not match the subject type: organisations need a USCC, natural persons a resident ID number',
  },
  isDivisionCode: { zh: '必须是 6 位行政区划代码', en: 'must be a 6-digit administrative division code' },
};

const FALLBACK: BilingualText = { zh: '取值无效', en: 'is not valid' };

/** Constraints whose message names the limit, so a client learns the bound it crossed (e.g. `page` ≤ 100000). */
const WITH_LIMIT: Record<string, (limit: string, text: string) => BilingualText> = {
  min: (n) => ({ zh: `不能小于 ${n}`, en: `must not be less than ${n}` }),
  max: (n) => ({ zh: `不能大于 ${n}`, en: `must not be greater than ${n}` }),
  minLength: (n) => ({ zh: `至少 ${n} 个字符`, en: `must be at least ${n} characters long` }),
  maxLength: (n) => ({ zh: `最多 ${n} 个字符`, en: `must be at most ${n} characters long` }),
  isLength: (n, text) =>
    text.includes('shorter')
      ? { zh: `最多 ${n} 个字符`, en: `must be at most ${n} characters long` }
      : { zh: `至少 ${n} 个字符`, en: `must be at least ${n} characters long` },
  arrayMinSize: (n) => ({ zh: `至少 ${n} 项`, en: `must have at least ${n} items` }),
  arrayMaxSize: (n) => ({ zh: `最多 ${n} 项`, en: `must have at most ${n} items` }),
};

/**
 * The text for a failed constraint. `defaultText` is class-validator's own English message, whose last number is
 * the limit (`… must not be greater than 200`, `… shorter than or equal to 18 characters`).
 */
export function constraintMessage(constraint: string, defaultText = ''): BilingualText {
  // `… must be one of the following values: a, b` (isIn, isEnum): the client learns what it may send.
  const allowed = /following values: (.+)$/.exec(defaultText)?.[1];
  if ((constraint === 'isIn' || constraint === 'isEnum') && allowed)
    return { zh: `只能是以下取值之一：${allowed}`, en: `must be one of: ${allowed}` };
  const limit = /(-?\d+(?:\.\d+)?)\D*$/.exec(defaultText)?.[1];
  const withLimit = WITH_LIMIT[constraint];
  if (withLimit && limit !== undefined) return withLimit(limit, defaultText);
  return MESSAGES[constraint] ?? FALLBACK;
}
