import { CATALOGUES, type MessageKey } from '../i18n/catalogue';
import type { I18n } from '../i18n/i18n';
import { ApiError } from './http';

function codeKey(code: string): MessageKey | null {
  const key = `error.code.${code}`;
  return key in CATALOGUES.vi ? (key as MessageKey) : null;
}

/** One sentence for the user about a failed request, in their language (the API's own messages are English). */
export function describeError(t: I18n['t'], e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.unknown', { code: 'CLIENT' });
  if (e.status === 0) return t('error.network');
  if (e.code === 'VERSION_CONFLICT') return t('error.versionConflict');
  const known = codeKey(e.code);
  if (known) return t(known);
  if (e.code === 'PROJECTION_BEHIND') return t('error.projectionBehind');
  if (e.code === 'VALIDATION_FAILED' || e.status === 400) return t('error.validation');
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 404) return t('error.notFound');
  if (e.status === 503) return t('error.unavailable');
  return t('error.unknown', { code: e.code });
}

/**
 * Errors by field from an API answer: a 400's `details: [{field, problems}]` or a domain error's
 * `details: {field}`. `aliases` maps the API's field names onto the form's (e.g. `child` → `ageYears`).
 */
export function fieldErrors(t: I18n['t'], e: unknown, aliases: Record<string, string> = {}): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const p of e.fieldProblems()) {
    const field = aliases[p.field] ?? p.field;
    const known = codeKey(e.code);
    const message =
      known && e.code !== 'VALIDATION_FAILED' ? t(known) : t('validation.server', { problem: p.problems.join('; ') });
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}
