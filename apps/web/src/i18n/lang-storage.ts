import { DEFAULT_LANG, type Lang } from './catalogue';

const LANG_KEY = 'sen.lang';

/** The language is a preference of the device, not personal data: it is remembered in localStorage. */
export function savedLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'vi' ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function saveLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage disabled: the choice lasts until the page is reloaded
  }
}
