import type { BilingualText } from '@credence/shared';

export type Language = 'zh-CN' | 'en';

/** Chinese unless the client prefers English (Accept-Language, first choice wins). */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function pick(text: BilingualText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}
