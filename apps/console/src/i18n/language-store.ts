export type Language = 'zh' | 'en';

const KEY = 'credence.language';

/** Chinese first: English only when chosen (kept in localStorage across visits). */
export function currentLanguage(): Language {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    /* private mode: the choice lasts this page only */
  }
}
