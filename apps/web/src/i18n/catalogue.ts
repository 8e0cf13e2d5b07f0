import en from './en.json';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Every message has a key in vi.json, the reference catalogue; en.json must have the same keys (type-checked). */
export type MessageKey = keyof typeof vi;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Lang, Catalogue> = { vi, en };

export type Params = Record<string, string | number>;

/** `{name}` placeholders are replaced by params; an unknown placeholder stays as written (and shows in tests). */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(CATALOGUES[lang][key] ?? CATALOGUES.vi[key] ?? key, params);
}

export const DEFAULT_LANG: Lang = 'vi';
