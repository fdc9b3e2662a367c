import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { format, type MessageKey, type Params } from './messages';
import { currentLanguage, storeLanguage, type Language } from './language-store';

export interface BilingualText {
  zh: string;
  en: string;
}

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** A console string: t('signIn.title'), t('deadline.remaining', { days: 3, date: '2026-12-08' }). */
  t: (key: MessageKey, params?: Params) => string;
  /** A label the API sent as { zh, en }. */
  pick: (text: BilingualText | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((next: Language) => {
    storeLanguage(next);
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    setState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => format(language, key, params),
      pick: (text) => (text ? (language === 'en' ? text.en : text.zh) : ''),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside LanguageProvider');
  return i18n;
}
