import { CATALOGUES, type MessageKey } from './catalogue';
import type { I18n } from './i18n';

/** A value of the vocabulary (`category.physical_violence`, `agency.police`…) in the user's language, or as sent. */
export function vocab(t: I18n['t'], prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}.${value}`;
  return key in CATALOGUES.vi ? t(key as MessageKey) : value;
}
